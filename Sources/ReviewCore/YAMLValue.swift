import Foundation

/// A YAML value as the tool keeps it: every scalar a string (so `yes`, `no`, `on` and `1.0` are
/// never turned into booleans or numbers), mappings in their order. Used for fields the tool does
/// not know, which it keeps through every read and write.
public indirect enum YAMLValue: Hashable, Sendable {
  /// A scalar; `plain` records that it was written unquoted and may be written so again.
  case scalar(String, plain: Bool)
  case sequence([YAMLValue])
  case mapping([YAMLField])

  /// A scalar the tool writes itself, quoted when needed.
  public static func string(_ text: String) -> YAMLValue { .scalar(text, plain: false) }

  /// The text of a scalar; nil for a collection.
  public var scalarText: String? {
    if case .scalar(let text, _) = self { return text }
    return nil
  }

  /// A mapping's value for `key`; nil when absent or not a mapping.
  public subscript(key: String) -> YAMLValue? {
    get {
      guard case .mapping(let fields) = self else { return nil }
      return fields.first { $0.key == key }?.value
    }
    set {
      guard case .mapping(var fields) = self else { return }
      if let index = fields.firstIndex(where: { $0.key == key }) {
        if let newValue { fields[index].value = newValue } else { fields.remove(at: index) }
      } else if let newValue {
        fields.append(YAMLField(key, newValue))
      }
      self = .mapping(fields)
    }
  }
}

/// One key and value of a mapping.
public struct YAMLField: Hashable, Sendable {
  /// The field's key.
  public var key: String
  /// The field's value.
  public var value: YAMLValue

  /// Creates a value with each field given.
  public init(_ key: String, _ value: YAMLValue) {
    self.key = key
    self.value = value
  }
}

/// How a scalar is written in YAML so that every YAML 1.1 or 1.2 reader reads back the same
/// string: the rule the canonical writer, the fast reader and the display of values share.
public enum YAMLScalar {
  /// Words that some YAML reader would turn into a boolean or null when unquoted.
  private static let reserved: Set<String> = [
    "y", "n", "yes", "no", "on", "off", "true", "false", "null", "~", "",
  ]

  /// A scalar as YAML text: plain when that reads back as the same string in every YAML 1.1 or
  /// 1.2 reader (and, for a value that was plain, when the tool's own reader would read it back
  /// the same), else double-quoted with escapes.
  /// A value that was plain in the file it came from stays plain, so that every reader keeps
  /// reading it as before (`signed-off: yes` stays a boolean to a YAML 1.1 reader).
  public static func text(_ string: String, plain wasPlain: Bool) -> String {
    if wasPlain && string.isEmpty { return "" }
    if isPlainSyntax(string) && (wasPlain || !looksTyped(string)) { return string }
    return quoted(string)
  }

  /// Bytes that may not start a plain scalar: YAML's indicators.
  private static let indicators: Set<UInt8> = Set("-?:,[]{}#&*!|>'\"%@`".utf8)

  /// Whether the text can stand unquoted and be read back as the same characters. One pass over
  /// the UTF-8 bytes: the history walk asks this for every scalar of every file it reads.
  public static func isPlainSyntax(_ string: String) -> Bool {
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
      // U+FFFE and U+FFFF (EF BF BE–BF), which YAML does not allow raw.
      if beforePrevious == 0xEF && previous == 0xBF && (byte == 0xBE || byte == 0xBF) {
        return false
      }
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

  /// The text double-quoted, with the escapes YAML needs.
  public static func quoted(_ string: String) -> String {
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
        } else if [0x2028, 0x2029, 0xFEFF, 0xFFFE, 0xFFFF].contains(scalar.value) {
          out += String(format: "\\u%04X", scalar.value)
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
