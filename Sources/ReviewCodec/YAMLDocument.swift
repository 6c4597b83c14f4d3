import Foundation
import ReviewCore
import Yams

/// The largest file the tool reads; anything larger is refused before it is parsed.
public let maximumFileSize = 1 << 20

/// A parsed YAML file: its root node with positions, ready for the domain readers.
package struct YAMLDocument {
  package let path: String
  package let root: Node

  /// Parses bytes into one YAML document, refusing what no review file should be: more than
  /// 1 MiB, bytes that are not UTF-8, several documents, anchors and aliases (the way to blow up
  /// memory with a few lines), and YAML that does not parse.
  package static func parse(_ data: Data, path: String) -> Result<YAMLDocument, Diagnostic> {
    guard data.count <= maximumFileSize else {
      return .failure(
        Diagnostic(
          path: path, message: "file is \(data.count) bytes, over the limit of \(maximumFileSize)"))
    }
    guard var text = String(validating: data, as: UTF8.self) else {
      return .failure(Diagnostic(path: path, message: "file is not valid UTF-8"))
    }
    // A byte-order mark, as some Windows editors write, is no part of the YAML.
    if text.unicodeScalars.first == "\u{FEFF}" { text.unicodeScalars.removeFirst() }
    do {
      let parser = try Parser(yaml: text, resolver: .basic, encoding: .utf8)
      let root = try parser.singleRoot()
      // Anchors are weak references the parser owns: look for them while it is alive.
      let anchored = withExtendedLifetime(parser) { root.flatMap(firstAnchored) }
      if let anchored {
        return .failure(
          diagnostic(
            path, anchored.mark, "YAML anchors and aliases are not allowed in review files"))
      }
      return .success(YAMLDocument(path: path, root: root ?? Node("", .implicit, .plain)))
    } catch let error as YamlError {
      return .failure(diagnostic(path, from: error))
    } catch {
      return .failure(Diagnostic(path: path, message: "\(error)"))
    }
  }

  /// The first node, in document order, that carries an anchor. Every alias refers back to an
  /// earlier anchor, so this stops before the walk could expand a single alias.
  private static func firstAnchored(_ node: Node) -> Node? {
    if node.anchor != nil { return node }
    switch node {
    case .mapping(let mapping):
      for (key, value) in mapping {
        if let found = firstAnchored(key) ?? firstAnchored(value) { return found }
      }
    case .sequence(let sequence):
      for item in sequence {
        if let found = firstAnchored(item) { return found }
      }
    case .scalar, .alias:
      break
    }
    return nil
  }

  private static func diagnostic(_ path: String, from error: YamlError) -> Diagnostic {
    switch error {
    case .scanner(let context, let problem, let mark, _),
      .parser(let context, let problem, let mark, _),
      .composer(let context, let problem, let mark, _):
      let text = [context?.text, problem].compactMap { $0 }.filter { !$0.isEmpty }
        .joined(separator: ": ")
      return diagnostic(path, mark, "invalid YAML: \(text)")
    case .reader(let problem, _, _, _):
      return Diagnostic(path: path, message: "invalid YAML: \(problem)")
    case .duplicatedKeysInMapping(let duplicates, let context):
      let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
      return diagnostic(path, context.mark, "duplicate key \(keys) in one mapping")
    default:
      return Diagnostic(path: path, message: "invalid YAML: \(error)")
    }
  }

  static func diagnostic(_ path: String, _ mark: Mark?, _ message: String) -> Diagnostic {
    Diagnostic(path: path, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message)
  }
}

/// A mapping key that is not a scalar, which the tool's files never need.
struct NonScalarKey: Error {
  let mark: Mark?
}

extension Node {
  /// Converts to the tool's value tree.
  func yamlValue() throws(NonScalarKey) -> YAMLValue {
    switch self {
    case .scalar(let scalar):
      return .scalar(scalar.string, plain: scalar.style == .plain)
    case .sequence(let sequence):
      var items: [YAMLValue] = []
      for item in sequence { items.append(try item.yamlValue()) }
      return .sequence(items)
    case .mapping(let mapping):
      var fields: [YAMLField] = []
      for (key, value) in mapping {
        guard case .scalar(let keyScalar) = key else { throw NonScalarKey(mark: key.mark) }
        fields.append(YAMLField(keyScalar.string, try value.yamlValue()))
      }
      return .mapping(fields)
    case .alias:
      throw NonScalarKey(mark: mark)
    }
  }
}
