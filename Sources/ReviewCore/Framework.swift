import Foundation

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

  /// Creates a value with each field given.
  public init(
    id: String, title: String, source: String? = nil, description: String? = nil, scale: Scale,
    consensus: ConsensusRule, criteria: [Criterion], outcomes: [Outcome], unknownFields: [YAMLField]
  ) {
    self.id = id
    self.title = title
    self.source = source
    self.description = description
    self.scale = scale
    self.consensus = consensus
    self.criteria = criteria
    self.outcomes = outcomes
    self.unknownFields = unknownFields
  }

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

  /// Creates a value with each field given.
  public init(
    kind: Kind, levels: [Level]
  ) {
    self.kind = kind
    self.levels = levels
  }
}

/// One step of a scale.
public struct Level: Hashable, Sendable {
  /// The largest magnitude of a level's value: sums and squares of such values over any panel
  /// stay finite and exact enough for the statistics.
  public static let largestValue = 1e15

  public var id: String
  public var label: String
  public var value: Double

  /// Creates a value with each field given.
  public init(
    id: String, label: String, value: Double
  ) {
    self.id = id
    self.label = label
    self.value = value
  }
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

  /// Creates a value with each field given.
  public init(
    id: String, title: String, group: String? = nil, kind: String? = nil, required: Bool,
    description: String? = nil, unknownFields: [YAMLField]
  ) {
    self.id = id
    self.title = title
    self.group = group
    self.kind = kind
    self.required = required
    self.description = description
    self.unknownFields = unknownFields
  }
}
