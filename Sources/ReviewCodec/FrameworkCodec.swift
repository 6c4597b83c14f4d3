import Foundation
import ReviewCore
import Yams

extension Framework {
  /// Reads a framework from a parsed file, with a diagnostic for each problem.
  package static func read(_ document: YAMLDocument, expectedID: FrameworkID?) -> (
    Framework?, [Diagnostic]
  ) {
    var diagnostics: [Diagnostic] = []
    let path = document.path
    var reader = MappingReader(
      document.root, path: path, what: "a framework", diagnostics: &diagnostics)
    reader.schema()
    let id = reader.identifier("id", kind: "framework")
    if let (text, mark) = id, let expectedID, text != expectedID.rawValue {
      reader.fail(mark, "id '\(text)' must equal the file name '\(expectedID)'")
    }
    let title = reader.string("title", required: true)
    let source = reader.string("source")
    let description = reader.string("description")
    let scale = readScale(&reader)
    let consensus = ConsensusRule.defaults(for: scale?.kind ?? .ordinal)
      .applying(ConsensusOverride.read(&reader))
    let criteria = readCriteria(&reader)
    var outcomes: [Outcome] = []
    if let (node, _) = reader.node("outcomes"), let criteria, let scale {
      outcomes = Outcome.readAll(node, framework: criteria, levels: scale.levels, reader: &reader)
    }
    let unknown = reader.unknownFields()
    diagnostics += reader.diagnostics
    guard diagnostics.isEmpty, let id, let title, let scale, let criteria else {
      return (nil, diagnostics)
    }
    return (
      Framework(
        id: FrameworkID(id.text), title: title.text, source: source?.text,
        description: description?.text,
        scale: scale, consensus: consensus, criteria: criteria, outcomes: outcomes,
        unknownFields: unknown), []
    )
  }

  private static func readScale(_ reader: inout MappingReader) -> Scale? {
    guard let (node, keyMark) = reader.node("scale") else {
      reader.fail(reader.mark, "missing required field 'scale'")
      return nil
    }
    var scaleReader = MappingReader(
      node, path: reader.path, what: "'scale'", diagnostics: &reader.diagnostics)
    defer { reader.diagnostics += scaleReader.diagnostics }
    var kind = Scale.Kind.ordinal
    if let (text, mark) = scaleReader.string("kind", required: true) {
      if let parsed = Scale.Kind(rawValue: text) {
        kind = parsed
      } else {
        scaleReader.fail(mark, "scale kind '\(text)' is not one of nominal, ordinal, interval")
      }
    }
    guard let (levelsNode, _) = scaleReader.node("levels"), case .sequence(let items) = levelsNode,
      !items.isEmpty
    else {
      scaleReader.fail(keyMark, "'scale' needs a non-empty list of 'levels'")
      return nil
    }
    var levels: [Level] = []
    for item in items {
      var levelReader = MappingReader(
        item, path: reader.path, what: "a level", diagnostics: &scaleReader.diagnostics)
      let id = levelReader.identifier("id", kind: "level")
      let label = levelReader.string("label")
      var value = Double(levels.count)
      if let (text, mark) = levelReader.string("value", required: true) {
        if let number = Double(text), number.isFinite, abs(number) <= Level.largestValue {
          value = number
        } else if let number = Double(text), !number.isNaN {
          levelReader.fail(mark, "level value '\(text)' is out of range (-1e15 to 1e15)")
        } else {
          levelReader.fail(mark, "level value '\(text)' is not a number")
        }
      }
      if let (text, mark) = id, levels.contains(where: { $0.id.rawValue == text }) {
        levelReader.fail(mark, "level '\(text)' is listed twice")
      }
      _ = levelReader.unknownFields()
      scaleReader.diagnostics += levelReader.diagnostics
      if let id {
        levels.append(Level(id: LevelID(id.text), label: label?.text ?? id.text, value: value))
      }
    }
    _ = scaleReader.unknownFields()
    return Scale(kind: kind, levels: levels)
  }

  private static func readCriteria(_ reader: inout MappingReader) -> [Criterion]? {
    guard let (node, _) = reader.node("criteria"), case .sequence(let items) = node,
      !items.isEmpty
    else {
      reader.fail(reader.mark, "a framework needs a non-empty list of 'criteria'")
      return nil
    }
    var criteria: [Criterion] = []
    for item in items {
      var criterionReader = MappingReader(
        item, path: reader.path, what: "a criterion", diagnostics: &reader.diagnostics)
      let id = criterionReader.identifier("id", kind: "criterion")
      let title = criterionReader.string("title", required: true)
      let group = criterionReader.string("group")
      let kind = criterionReader.string("kind")
      var required = false
      if let (text, mark) = criterionReader.string("required") {
        switch text {
        case "true": required = true
        case "false": required = false
        default: criterionReader.fail(mark, "'required' must be true or false")
        }
      }
      let description = criterionReader.string("description")
      if let (text, mark) = id, criteria.contains(where: { $0.id.rawValue == text }) {
        criterionReader.fail(mark, "criterion '\(text)' is listed twice")
      }
      let unknown = criterionReader.unknownFields()
      reader.diagnostics += criterionReader.diagnostics
      if let id, let title {
        criteria.append(
          Criterion(
            id: CriterionID(id.text), title: title.text, group: group?.text, kind: kind?.text,
            required: required, description: description?.text, unknownFields: unknown))
      }
    }
    return criteria
  }
}
