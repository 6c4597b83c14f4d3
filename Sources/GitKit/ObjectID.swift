import CLibgit2

/// A git object id (SHA-1), a value that hashes and compares by its 20 bytes.
public struct ObjectID: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The 20 raw bytes.
  public let bytes: [UInt8]

  init(_ oid: git_oid) {
    var copy = oid
    bytes = withUnsafeBytes(of: &copy.id) { Array($0.prefix(20)) }
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

  public var description: String { hex }

  public static func < (lhs: ObjectID, rhs: ObjectID) -> Bool {
    lhs.bytes.lexicographicallyPrecedes(rhs.bytes)
  }

  var raw: git_oid {
    var oid = git_oid()
    withUnsafeMutableBytes(of: &oid.id) { buffer in
      for (index, byte) in bytes.enumerated() { buffer[index] = byte }
    }
    return oid
  }
}
