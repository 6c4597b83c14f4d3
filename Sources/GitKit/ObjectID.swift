import CLibgit2

/// A git object id (SHA-1), a value that hashes and compares by its 20 bytes.
///
/// The one place that knows the size of an id. libgit2 1.5 reads SHA-1 repositories only: it
/// refuses to open one whose `extensions.objectformat` is `sha256` (a GitKit test checks that
/// the refusal reaches the caller), so the raw tree reader in `TreeDiff`, which uses
/// `byteCount`, never meets a longer id.
public struct ObjectID: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The bytes of an id: SHA-1's 20.
  public static var byteCount: Int { Int(GIT_OID_RAWSZ) }

  // Three words instead of an array: ids are made by the million in a history walk.
  private let head: UInt64
  private let middle: UInt64
  private let tail: UInt32

  /// The 20 raw bytes.
  public var bytes: [UInt8] {
    var copy = raw
    return withUnsafeBytes(of: &copy.id) { Array($0.prefix(Self.byteCount)) }
  }

  init(_ oid: git_oid) {
    var copy = oid
    (head, middle, tail) = withUnsafeBytes(of: &copy.id) { buffer in
      (
        buffer.loadUnaligned(fromByteOffset: 0, as: UInt64.self),
        buffer.loadUnaligned(fromByteOffset: 8, as: UInt64.self),
        buffer.loadUnaligned(fromByteOffset: 16, as: UInt32.self)
      )
    }
  }

  /// Reads 20 raw bytes (at least 20 must be there).
  init(bytes: UnsafeRawBufferPointer) {
    head = bytes.loadUnaligned(fromByteOffset: 0, as: UInt64.self)
    middle = bytes.loadUnaligned(fromByteOffset: 8, as: UInt64.self)
    tail = bytes.loadUnaligned(fromByteOffset: 16, as: UInt32.self)
  }

  init(pointer: UnsafePointer<git_oid>) {
    self.init(pointer.pointee)
  }

  /// Parses a full 40-digit hexadecimal object id; nil if it is not one.
  public init?(hex: String) {
    guard hex.utf8.count == 40 else { return nil }
    var oid = git_oid()
    ensureLibgit2()
    guard git_oid_fromstr(&oid, hex) == 0 else { return nil }
    self.init(oid)
  }

  /// The 40-digit lower-case hexadecimal form.
  public var hex: String {
    let digits = Array("0123456789abcdef".utf8)
    var out = [UInt8]()
    out.reserveCapacity(40)
    for byte in bytes {
      out.append(digits[Int(byte >> 4)])
      out.append(digits[Int(byte & 0x0f)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The first seven digits, as `git log --oneline` shows them.
  public var short: String { String(hex.prefix(7)) }

  /// The value as people read it.
  public var description: String { hex }

  /// Orders values for sorting.
  public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool {
    lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
  }

  var raw: git_oid {
    var oid = git_oid()
    withUnsafeMutableBytes(of: &oid.id) { buffer in
      buffer.storeBytes(of: head, toByteOffset: 0, as: UInt64.self)
      buffer.storeBytes(of: middle, toByteOffset: 8, as: UInt64.self)
      buffer.storeBytes(of: tail, toByteOffset: 16, as: UInt32.self)
    }
    return oid
  }
}

/// An id in JSON is its 40 hexadecimal digits, as git writes it.
extension ObjectID: Codable {
  /// Reads the hexadecimal digits; anything else is a data error.
  public init(from decoder: any Decoder) throws {
    let container = try decoder.singleValueContainer()
    let text = try container.decode(String.self)
    guard let id = ObjectID(hex: text) else {
      throw DecodingError.dataCorruptedError(
        in: container, debugDescription: "'\(text)' is not an object id")
    }
    self = id
  }

  /// Writes the hexadecimal digits.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(hex)
  }
}
