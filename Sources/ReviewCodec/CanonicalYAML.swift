import Foundation
import ReviewCore
import Yams

/// Writes YAML in the tool's canonical form: block style, two-space indents, keys in the order
/// given, strings quoted only when they must be, no trailing spaces, one newline at the end.
package struct CanonicalYAML {
  private(set) var text = ""

  /// Writes `key: value` lines for each field at `indent` levels.
  mutating func write(_ fields: [YAMLField], indent: Int = 0) {
    let pad = String(repeating: " ", count: indent * CanonicalLayout.indent)
    for field in fields {
      writeValue(
        field.value, lead: "\(pad)\(YAMLScalar.text(field.key, plain: false)):", indent: indent)
    }
  }

  /// Writes one value after its lead (`key:` or `-`): scalars and empty collections on the same
  /// line, the rest below it one level deeper, except that a mapping in a list starts on the
  /// dash's line.
  private mutating func writeValue(_ value: YAMLValue, lead: String, indent: Int) {
    switch value {
    case .scalar(let string, let plain):
      let text = YAMLScalar.text(string, plain: plain)
      self.text += text.isEmpty ? "\(lead)\n" : "\(lead) \(text)\n"
    case .sequence(let items) where items.isEmpty:
      text += "\(lead) []\n"
    case .mapping(let entries) where entries.isEmpty:
      text += "\(lead) {}\n"
    case .sequence(let items):
      text += "\(lead)\n"
      let pad = String(repeating: " ", count: (indent + 1) * CanonicalLayout.indent)
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
}
