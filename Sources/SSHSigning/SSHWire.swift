import Foundation

/// Reads the SSH wire encoding (RFC 4251): big-endian 32-bit lengths before strings and
/// multiple-precision integers.
struct SSHReader {
  private let bytes: [UInt8]
  private(set) var offset = 0

  init<D: DataProtocol>(_ data: D) {
    bytes = Array(data)
  }

  var isAtEnd: Bool { offset == bytes.count }
  var remaining: Int { bytes.count - offset }

  mutating func byte() throws -> UInt8 {
    guard offset < bytes.count else { throw SSHWireError.truncated }
    defer { offset += 1 }
    return bytes[offset]
  }

  mutating func uint32() throws -> UInt32 {
    let raw = try take(4)
    return raw.reduce(0) { $0 << 8 | UInt32($1) }
  }

  mutating func take(_ count: Int) throws -> [UInt8] {
    guard count >= 0, count <= remaining else { throw SSHWireError.truncated }
    defer { offset += count }
    return Array(bytes[offset..<offset + count])
  }

  /// A length-prefixed string of bytes.
  mutating func string() throws -> [UInt8] {
    try take(Int(try uint32()))
  }

  /// A length-prefixed string read as UTF-8 text.
  mutating func text() throws -> String {
    String(decoding: try string(), as: UTF8.self)
  }

  /// A non-negative mpint, without its sign byte.
  mutating func mpint() throws -> [UInt8] {
    var value = try string()
    if let first = value.first, first & 0x80 != 0 { throw SSHWireError.negative }
    while value.first == 0 { value.removeFirst() }
    return value
  }
}

/// A wire reading that failed.
enum SSHWireError: Error {
  case truncated
  case negative
}

/// Writes the SSH wire encoding.
struct SSHWriter {
  private(set) var bytes: [UInt8] = []

  mutating func byte(_ value: UInt8) { bytes.append(value) }

  mutating func uint32(_ value: UInt32) {
    bytes += [
      UInt8(value >> 24), UInt8(value >> 16 & 0xFF), UInt8(value >> 8 & 0xFF), UInt8(value & 0xFF),
    ]
  }

  mutating func raw<C: Collection>(_ value: C) where C.Element == UInt8 { bytes += value }

  mutating func string<C: Collection>(_ value: C) where C.Element == UInt8 {
    uint32(UInt32(value.count))
    bytes += value
  }

  mutating func string(_ value: String) { string(Array(value.utf8)) }

  /// A non-negative integer from its big-endian magnitude, with the sign byte it needs.
  mutating func mpint<C: Collection>(_ magnitude: C) where C.Element == UInt8 {
    var value = Array(magnitude.drop(while: { $0 == 0 }))
    if let first = value.first, first & 0x80 != 0 { value.insert(0, at: 0) }
    string(value)
  }
}
