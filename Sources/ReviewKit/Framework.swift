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
  /// The largest magnitude of a level's value: sums and squares of such values over any panel
  /// stay finite and exact enough for the statistics.
  public static let largestValue = 1e15

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

/// An exact fraction in lowest terms, so thresholds such as 2/3 compare without rounding. It
/// holds any numerator and positive denominator that fit in `Int` (but `Int.min`), and every
/// comparison is made in double width, so no value read from a file can overflow it.
public struct Fraction: Hashable, Sendable, Comparable, CustomStringConvertible {
  public let numerator: Int
  public let denominator: Int

  /// Why a text is not a fraction.
  public enum Problem: Error, Hashable, Sendable {
    /// Not `N/D`, `N.DDD` or `N`.
    case notANumber
    /// A number that a fraction of `Int`s cannot hold exactly.
    case outOfRange
  }

  /// nil when the denominator is not positive, or either part is `Int.min` (whose magnitude
  /// `Int` cannot hold).
  public init?(_ numerator: Int, _ denominator: Int) {
    guard denominator > 0, numerator != .min else { return nil }
    func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
    let divisor = max(gcd(abs(numerator), denominator), 1)
    self.numerator = numerator / divisor
    self.denominator = denominator / divisor
  }

  /// Parses `2/3`, `0.75` or `1`; nil for anything else, or a value it cannot hold.
  public init?(parsing text: String) {
    guard case .success(let fraction) = Self.parse(text) else { return nil }
    self = fraction
  }

  /// Parses `2/3`, `0.75` or `1`, saying why a text is refused.
  public static func parse(_ text: String) -> Result<Fraction, Problem> {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    if parts.count == 2 {
      guard let n = integer(parts[0]), let d = integer(parts[1]) else {
        return .failure(digitsOnly(parts[0]) && digitsOnly(parts[1]) ? .outOfRange : .notANumber)
      }
      return Fraction(n, d).map { .success($0) } ?? .failure(d <= 0 ? .notANumber : .outOfRange)
    }
    let pieces = text.split(separator: ".", omittingEmptySubsequences: false)
    // Decimals are unsigned: a threshold or a multiple of the mean is never negative.
    guard pieces.count <= 2, pieces[0].allSatisfy(\.isASCIIDigitLike),
      pieces.count == 1 || (!pieces[1].isEmpty && pieces[1].allSatisfy(\.isASCIIDigitLike)),
      !(pieces.count == 1 && pieces[0].isEmpty)
    else { return .failure(.notANumber) }
    guard let whole = pieces[0].isEmpty ? 0 : Int(pieces[0]) else { return .failure(.outOfRange) }
    guard pieces.count == 2 else { return .success(Fraction(whole, 1)!) }
    let digits = pieces[1]
    guard digits.count <= 18, let fraction = Int(digits) else { return .failure(.outOfRange) }
    var scale = 1
    for _ in 0..<digits.count { scale *= 10 }
    let (scaled, overflow) = whole.multipliedReportingOverflow(by: scale)
    let (sum, carry) = scaled.addingReportingOverflow(fraction)
    guard !overflow, !carry, let result = Fraction(sum, scale) else { return .failure(.outOfRange) }
    return .success(result)
  }

  private static func digitsOnly(_ text: Substring) -> Bool {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    let body =
      trimmed.hasPrefix("-") || trimmed.hasPrefix("+") ? trimmed.dropFirst() : Substring(trimmed)
    return !body.isEmpty && body.allSatisfy(\.isASCIIDigitLike)
  }

  private static func integer(_ text: Substring) -> Int? {
    guard digitsOnly(text) else { return nil }
    return Int(text.trimmingCharacters(in: .whitespaces))
  }

  public var value: Double { Double(numerator) / Double(denominator) }

  public var description: String {
    denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)"
  }

  public static func < (lhs: Fraction, rhs: Fraction) -> Bool {
    less(lhs.numerator, rhs.denominator, than: rhs.numerator, lhs.denominator)
  }

  /// Whether `count` out of `total` reaches this fraction: count·denominator ≥ numerator·total,
  /// compared exactly in double width.
  public func isReached(by count: Int, of total: Int) -> Bool {
    !Self.less(count, denominator, than: numerator, total)
  }

  /// Whether a·b < c·d, computed in double width so that no product overflows.
  static func less(_ a: Int, _ b: Int, than c: Int, _ d: Int) -> Bool {
    let left = a.multipliedFullWidth(by: b)
    let right = c.multipliedFullWidth(by: d)
    return (left.high, left.low) < (right.high, right.low)
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
        if let number = Double(text), number.isFinite, abs(number) <= Level.largestValue {
          value = number
        } else if let number = Double(text), !number.isNaN {
          levelReader.fail(mark, "level value '\(text)' is out of range (-1e15 to 1e15)")
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
