import Foundation
import ReviewCore
import Yams

/// Reads the fields of one YAML mapping for a domain type, recording a diagnostic for each field
/// that is missing, of the wrong shape or out of range, and keeping the fields it was not asked
/// about so that they survive a rewrite.
struct MappingReader {
  let path: String
  let mark: Mark?
  /// Names the mapping's fields in messages, such as `release.` for `release.name`.
  let keyPrefix: String
  private(set) var fields: [(key: String, keyMark: Mark?, value: Node)] = []
  private var consumed: Set<String> = []
  var diagnostics: [Diagnostic] = []

  /// A reader over `node`, or a diagnostic saying what was expected when it is not a mapping.
  init(
    _ node: Node, path: String, what: String, keyPrefix: String = "",
    diagnostics: inout [Diagnostic]
  ) {
    self.path = path
    self.mark = node.mark
    self.keyPrefix = keyPrefix
    guard case .mapping(let mapping) = node else {
      diagnostics.append(YAMLDocument.diagnostic(path, node.mark, "\(what) must be a mapping"))
      return
    }
    for (key, value) in mapping {
      guard case .scalar(let scalar) = key else {
        diagnostics.append(YAMLDocument.diagnostic(path, key.mark, "keys must be plain strings"))
        continue
      }
      fields.append((scalar.string, key.mark, value))
    }
  }

  mutating func fail(_ mark: Mark?, _ message: String) {
    diagnostics.append(YAMLDocument.diagnostic(path, mark, message))
  }

  /// The node of a field, marking it as read.
  mutating func node(_ key: String) -> (value: Node, keyMark: Mark?)? {
    consumed.insert(key)
    guard let field = fields.first(where: { $0.key == key }) else { return nil }
    return (field.value, field.keyMark)
  }

  /// A scalar field's text; a diagnostic when it is missing (if required) or not a scalar.
  mutating func string(_ key: String, required: Bool = false) -> (text: String, mark: Mark?)? {
    guard let (value, _) = node(key) else {
      if required { fail(mark, "missing required field '\(keyPrefix)\(key)'") }
      return nil
    }
    guard case .scalar(let scalar) = value else {
      fail(value.mark, "'\(keyPrefix)\(key)' must be a single value")
      return nil
    }
    if required && scalar.string.isEmpty {
      fail(value.mark, "'\(keyPrefix)\(key)' must not be empty")
      return nil
    }
    return (scalar.string, value.mark)
  }

  /// An id field, checked against the id rule.
  mutating func identifier(_ key: String, kind: String, required: Bool = true) -> (
    text: String, mark: Mark?
  )? {
    guard let (text, mark) = string(key, required: required) else { return nil }
    if let problem = Identifier.problem(text, kind: kind) {
      fail(mark, problem)
      return nil
    }
    return (text, mark)
  }

  /// A list of scalars; a lone scalar counts as a list of one.
  mutating func strings(_ key: String) -> [(text: String, mark: Mark?)]? {
    guard let (value, _) = node(key) else { return nil }
    switch value {
    case .scalar(let scalar):
      return scalar.string.isEmpty ? [] : [(scalar.string, value.mark)]
    case .sequence(let sequence):
      var result: [(String, Mark?)] = []
      for item in sequence {
        guard case .scalar(let scalar) = item else {
          fail(item.mark, "each item of '\(keyPrefix)\(key)' must be a single value")
          continue
        }
        result.append((scalar.string, item.mark))
      }
      return result
    default:
      fail(value.mark, "'\(keyPrefix)\(key)' must be a list")
      return nil
    }
  }

  /// The `schema` field, which must be 1.
  mutating func schema() {
    guard let (text, mark) = string("schema", required: true) else { return }
    if text != "1" {
      fail(mark, "unsupported schema '\(text)' (this version of review reads schema 1)")
    }
  }

  /// Every field not read so far, converted for keeping.
  mutating func unknownFields() -> [YAMLField] {
    var result: [YAMLField] = []
    for field in fields where !consumed.contains(field.key) {
      do {
        result.append(YAMLField(field.key, try field.value.yamlValue()))
      } catch {
        fail(error.mark, "keys must be plain strings")
      }
    }
    return result
  }
}

extension MappingReader {
  /// Opens a record file from another tool: its top-level mapping and the reader of the field
  /// that identifies the format (`release`, `system`), or an error saying the file is not one.
  static func record(
    _ data: Data, path: String, format: String, key: String, diagnostics: inout [Diagnostic]
  ) throws -> (top: MappingReader, section: MappingReader) {
    let document = try YAMLDocument.parse(data, path: path).orThrow()
    return try record(
      document.root, path: path, format: format, key: key, diagnostics: &diagnostics)
  }

  /// The same for a record held in another file, its keys named after `keyPrefix`.
  static func record(
    _ root: Node, path: String, format: String, key: String, keyPrefix: String = "",
    diagnostics: inout [Diagnostic]
  ) throws -> (top: MappingReader, section: MappingReader) {
    var top = MappingReader(
      root, path: path, what: format, keyPrefix: keyPrefix, diagnostics: &diagnostics)
    guard let (node, _) = top.node(key) else {
      throw ReviewError.invalidFiles(
        diagnostics + [
          YAMLDocument.diagnostic(path, root.mark, "missing '\(keyPrefix)\(key)': not \(format)")
        ])
    }
    let section = MappingReader(
      node, path: path, what: "'\(keyPrefix)\(key)'", keyPrefix: "\(keyPrefix)\(key).",
      diagnostics: &diagnostics)
    return (top, section)
  }
}
