import Foundation

/// Writes YAML in the tool's canonical form: block style, two-space indents, keys in the order
/// given, strings quoted only when they must be, no trailing spaces, one newline at the end.
struct CanonicalYAML {
  private(set) var text = ""

  /// Writes `key: value` lines for each field at `indent` levels.
  mutating func write(_ fields: [YAMLField], indent: Int = 0) {
    let pad = String(repeating: "  ", count: indent)
    for field in fields {
      writeValue(
        field.value, lead: "\(pad)\(Self.scalar(field.key, plain: false)):", indent: indent)
    }
  }

  /// Writes one value after its lead (`key:` or `-`): scalars and empty collections on the same
  /// line, the rest below it one level deeper, except that a mapping in a list starts on the
  /// dash's line.
  private mutating func writeValue(_ value: YAMLValue, lead: String, indent: Int) {
    switch value {
    case .scalar(let string, let plain):
      let text = Self.scalar(string, plain: plain)
      self.text += text.isEmpty ? "\(lead)\n" : "\(lead) \(text)\n"
    case .sequence(let items) where items.isEmpty:
      text += "\(lead) []\n"
    case .mapping(let entries) where entries.isEmpty:
      text += "\(lead) {}\n"
    case .sequence(let items):
      text += "\(lead)\n"
      let pad = String(repeating: "  ", count: indent + 1)
      for item in items { writeValue(item, lead: "\(pad)-", indent: indent + 1) }
    case .mapping(let entries) where lead.hasSuffix("-"):
      var nested = CanonicalYAML()
      nested.write(entries, indent: indent + 1)
      let first = nested.text.prefix { $0 != "\n" }.drop { $0 == " " }
      text += "\(lead) \(first)" + nested.text.drop { $0 != "\n" }
    case .mapping(let entries):
      text += "\(lead)\n"
      write(entries, indent: indent + 1)
    }
  }

  /// Words that some YAML reader would turn into a boolean or null when unquoted.
  private static let reserved: Set<String> = [
    "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", "",
  ]

  /// A scalar as YAML text: plain when that reads back as the same string in every YAML 1.1 or
  /// 1.2 reader (and, for a value that was plain, when the tool's own reader would read it back
  /// the same), else double-quoted with escapes.
  /// A value that was plain in the file it came from stays plain, so that every reader keeps
  /// reading it as before (`signed-off: yes` stays a boolean to a YAML 1.1 reader).
  static func scalar(_ string: String, plain wasPlain: Bool) -> String {
    if wasPlain && string.isEmpty { return "" }
    if isPlainSyntax(string) && (wasPlain || !looksTyped(string)) { return string }
    return quoted(string)
  }

  /// Bytes that may not start a plain scalar: YAML's indicators.
  private static let indicators: Set<UInt8> = Set("-?:,[]{}#&*!|>'\"%@`".utf8)

  /// Whether the text can stand unquoted and be read back as the same characters. One pass over
  /// the UTF-8 bytes: the history walk asks this for every scalar of every file it reads.
  static func isPlainSyntax(_ string: String) -> Bool {
    let bytes = string.utf8
    guard let first = bytes.first, let last = bytes.last, !indicators.contains(first),
      first != 0x20,
      last != 0x20, last != UInt8(ascii: ":")
    else { return false }
    var previous: UInt8 = 0
    var beforePrevious: UInt8 = 0
    for byte in bytes {
      if byte < 0x20 || byte == 0x7F { return false }
      // ": " and " #" end or comment a plain scalar.
      if (previous == UInt8(ascii: ":") && byte == 0x20)
        || (previous == 0x20 && byte == UInt8(ascii: "#"))
      {
        return false
      }
      // C1 controls (C2 80–9F), U+2028/2029 (E2 80 A8–A9), the BOM (EF BB BF).
      if previous == 0xC2 && (0x80...0x9F).contains(byte) { return false }
      if beforePrevious == 0xE2 && previous == 0x80 && (byte == 0xA8 || byte == 0xA9) {
        return false
      }
      if beforePrevious == 0xEF && previous == 0xBB && byte == 0xBF { return false }
      beforePrevious = previous
      previous = byte
    }
    return true
  }

  /// Whether a YAML reader with the usual resolver would read the text as a number, date or
  /// special value rather than a string.
  private static func looksTyped(_ string: String) -> Bool {
    guard let first = string.unicodeScalars.first, !reserved.contains(string.lowercased()) else {
      return true
    }
    if CharacterSet.decimalDigits.contains(first) || first == "+" || first == "." { return true }
    let lowered = string.lowercased()
    return [".inf", "-.inf", "+.inf", ".nan", "<<", "="].contains(lowered)
  }

  static func quoted(_ string: String) -> String {
    var out = "\""
    for scalar in string.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\t": out += "\\t"
      case "\r": out += "\\r"
      case "\0": out += "\\0"
      default:
        if scalar.value < 0x20 || scalar.value == 0x7f || (0x80...0x9f).contains(scalar.value) {
          out += String(format: "\\x%02X", scalar.value)
        } else if scalar.value == 0x2028 || scalar.value == 0x2029 || scalar == "\u{FEFF}" {
          out += String(format: "\\u%04X", scalar.value)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
