import Foundation
import Yams

/// A rubric: criteria judged on a scale of levels, with the rule that turns a panel's judgements
/// into a consensus. Stored as `templates/<id>.yaml`.
public struct Framework: Hashable, Sendable {
  public var id: String
  public var title: String
  public var source: String?
  public var description: String?
  public var scale: Scale
  public var consensus: ConsensusRule
  public var criteria: [Criterion]
  /// What the framework derives from judgements.
  public var outcomes: [Outcome]
  public var unknownFields: [YAMLField]

  /// The criterion with this id.
  public func criterion(_ id: String) -> Criterion? {
    criteria.first { $0.id == id }
  }

  /// The level with this id.
  public func level(_ id: String) -> Level? {
    scale.levels.first { $0.id == id }
  }
}

/// The scale every criterion of a framework is judged on.
public struct Scale: Hashable, Sendable {
  /// How levels relate: unordered names, ordered steps, or numbers with distances.
  public enum Kind: String, Hashable, Sendable, CaseIterable {
    case nominal, ordinal, interval
  }

  public var kind: Kind
  /// Least to most.
  public var levels: [Level]
}

/// One step of a scale.
public struct Level: Hashable, Sendable {
  public var id: String
  public var label: String
  public var value: Double
}

/// How a panel's values for a criterion become the consensus.
public struct ConsensusRule: Hashable, Sendable {
  public enum Method: String, Hashable, Sendable, CaseIterable {
    case median, mode, mean
  }

  public var method: Method
  /// The support needed for "agreed", compared exactly.
  public var threshold: Fraction
  public var minimumReviewers: Int

  public static func defaults(for kind: Scale.Kind) -> ConsensusRule {
    ConsensusRule(
      method: kind == .nominal ? .mode : .median, threshold: Fraction(2, 3)!, minimumReviewers: 2)
  }
}

/// One thing to judge.
public struct Criterion: Hashable, Sendable {
  public var id: String
  public var title: String
  public var group: String?
  public var kind: String?
  public var required: Bool
  public var description: String?
  public var unknownFields: [YAMLField]
}

/// An exact fraction in lowest terms, so thresholds such as 2/3 compare without rounding.
public struct Fraction: Hashable, Sendable, Comparable, CustomStringConvertible {
  public let numerator: Int
  public let denominator: Int

  /// nil when the denominator is not positive.
  public init?(_ numerator: Int, _ denominator: Int) {
    guard denominator > 0 else { return nil }
    func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? abs(a) : gcd(b, a % b) }
    let divisor = max(gcd(numerator, denominator), 1)
    self.numerator = numerator / divisor
    self.denominator = denominator / divisor
  }

  /// Parses `2/3`, `0.75` or `1`.
  public init?(parsing text: String) {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    if parts.count == 2 {
      guard let n = Int(parts[0].trimmingCharacters(in: .whitespaces)),
        let d = Int(parts[1].trimmingCharacters(in: .whitespaces))
      else { return nil }
      self.init(n, d)
      return
    }
    let pieces = text.split(separator: ".", omittingEmptySubsequences: false)
    guard pieces.count <= 2, let whole = Int(pieces[0].isEmpty ? "0" : String(pieces[0])),
      whole >= 0
    else { return nil }
    guard pieces.count == 2 else {
      self.init(whole, 1)
      return
    }
    let digits = pieces[1]
    guard !digits.isEmpty, digits.count <= 9, digits.allSatisfy(\.isASCIIDigitLike),
      let fraction = Int(digits)
    else { return nil }
    var scale = 1
    for _ in 0..<digits.count { scale *= 10 }
    self.init(whole * scale + fraction, scale)
  }

  public var value: Double { Double(numerator) / Double(denominator) }

  public var description: String {
    denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)"
  }

  public static func < (lhs: Fraction, rhs: Fraction) -> Bool {
    lhs.numerator * rhs.denominator < rhs.numerator * lhs.denominator
  }
}

extension Character {
  var isASCIIDigitLike: Bool { isASCII && isNumber }
}

extension Framework {
  /// Reads a framework from a parsed file, with a diagnostic for each problem.
  static func read(_ document: YAMLDocument, expectedID: String?) -> (Framework?, [Diagnostic]) {
    var diagnostics: [Diagnostic] = []
    let path = document.path
    var reader = MappingReader(
      document.root, path: path, what: "a framework", diagnostics: &diagnostics)
    reader.schema()
    let id = reader.identifier("id", kind: "framework")
    if let (text, mark) = id, let expectedID, text != expectedID {
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
        id: id.text, title: title.text, source: source?.text, description: description?.text,
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
        if let number = Double(text), number.isFinite {
          value = number
        } else {
          levelReader.fail(mark, "level value '\(text)' is not a number")
        }
      }
      if let (text, mark) = id, levels.contains(where: { $0.id == text }) {
        levelReader.fail(mark, "level '\(text)' is listed twice")
      }
      _ = levelReader.unknownFields()
      scaleReader.diagnostics += levelReader.diagnostics
      if let id { levels.append(Level(id: id.text, label: label?.text ?? id.text, value: value)) }
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
      if let (text, mark) = id, criteria.contains(where: { $0.id == text }) {
        criterionReader.fail(mark, "criterion '\(text)' is listed twice")
      }
      let unknown = criterionReader.unknownFields()
      reader.diagnostics += criterionReader.diagnostics
      if let id, let title {
        criteria.append(
          Criterion(
            id: id.text, title: title.text, group: group?.text, kind: kind?.text,
            required: required, description: description?.text, unknownFields: unknown))
      }
    }
    return criteria
  }
}
