import Foundation

/// A rubric: criteria judged on a scale of levels, with the rule that turns a panel's judgements
/// into a consensus. Stored as `templates/<id>.yaml`.
public struct Framework: Hashable, Sendable {
  /// The id; equals the file name without `.yaml`.
  public var id: FrameworkID
  /// The name people read.
  public var title: String
  /// Where the rubric comes from (a URL or a citation).
  public var source: String?
  /// What it is for, in a sentence or two.
  public var description: String?
  /// The levels every criterion is judged on.
  public var scale: Scale
  /// The rule that turns a panel's judgements into a consensus.
  public var consensus: ConsensusRule
  /// The things to judge, in order.
  public var criteria: [Criterion]
  /// What the framework derives from judgements.
  public var outcomes: [Outcome]
  /// Fields the tool does not know, kept as read.
  public var unknownFields: [YAMLField]

  /// Creates a value with each field given.
  public init(
    id: FrameworkID, title: String, source: String? = nil, description: String? = nil, scale: Scale,
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
  public func criterion(_ id: CriterionID) -> Criterion? {
    criteria.first { $0.id == id }
  }

  /// The level with this id.
  public func level(_ id: LevelID) -> Level? {
    scale.levels.first { $0.id == id }
  }

  /// The criterion whose id is nearest to a mistyped one, for "did you mean".
  public func nearestCriterion(to id: CriterionID) -> CriterionID? {
    Suggestion.nearest(to: id.rawValue, among: criteria.map(\.id.rawValue)).map { CriterionID($0) }
  }
}

/// The scale every criterion of a framework is judged on.
public struct Scale: Hashable, Sendable {
  /// How levels relate: unordered names, ordered steps, or numbers with distances.
  public enum Kind: String, Hashable, Sendable, CaseIterable {
    case nominal, ordinal, interval
  }

  /// Nominal, ordinal or interval.
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

  /// The id, unique within the scale.
  public var id: LevelID
  /// The name people read.
  public var label: String
  /// Its number: used by scores, by the mean and by the interval metric.
  public var value: Double

  /// Creates a value with each field given.
  public init(
    id: LevelID, label: String, value: Double
  ) {
    self.id = id
    self.label = label
    self.value = value
  }
}

/// How a panel's values for a criterion become the consensus.
public struct ConsensusRule: Hashable, Sendable {
  /// How the values are combined: median, mode or mean.
  public enum Method: String, Hashable, Sendable, CaseIterable {
    case median, mode, mean
  }

  /// How the values are combined.
  public var method: Method
  /// The support needed for "agreed", compared exactly.
  public var threshold: Fraction
  /// Fewer values than this leave a criterion `insufficient`.
  public var minimumReviewers: Int

  /// The default rule for a scale: the mode for nominal scales, else the median; 2/3; 2 reviewers.
  public static func defaults(for kind: Scale.Kind) -> ConsensusRule {
    ConsensusRule(
      method: kind == .nominal ? .mode : .median, threshold: Fraction(2, 3)!, minimumReviewers: 2)
  }
}

/// One thing to judge.
public struct Criterion: Hashable, Sendable {
  /// The id, unique within the framework.
  public var id: CriterionID
  /// The name people read.
  public var title: String
  /// A grouping used by outcomes and reports (a MOF class, an FMTI domain).
  public var group: String?
  /// What is judged: code, data or a document (the license type in MOF).
  public var kind: String?
  /// Whether the framework requires it.
  public var required: Bool
  /// What exactly is judged.
  public var description: String?
  /// Fields the tool does not know, kept as read.
  public var unknownFields: [YAMLField]

  /// Creates a value with each field given.
  public init(
    id: CriterionID, title: String, group: String? = nil, kind: String? = nil, required: Bool,
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
