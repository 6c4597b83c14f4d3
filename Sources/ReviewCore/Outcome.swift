import Foundation

/// What a framework derives from judgements: a class, a score or a vote band.
public enum Outcome: Hashable, Sendable {
  case tiers(TiersOutcome)
  case score(ScoreOutcome)
  case voteRubric(VoteRubricOutcome)

  /// The outcome's id.
  public var id: String {
    switch self {
    case .tiers(let outcome): return outcome.id
    case .score(let outcome): return outcome.id
    case .voteRubric(let outcome): return outcome.id
    }
  }
}

/// Ordered, cumulative tiers (as MOF classes): tier k requires the criteria of tiers 1...k at
/// `countsAt` or above. A tier's progress is the share of its cumulative criteria met, and 0
/// while a lower tier is not fully met; the value is the highest tier met in full.
public struct TiersOutcome: Hashable, Sendable {
  /// One tier and the criteria it adds.
  public struct Tier: Hashable, Sendable {
    /// The tier's id, such as `class-3`.
    public var id: String
    /// The name people read.
    public var label: String
    /// The criteria this tier adds to those of the tiers below.
    public var criteria: [CriterionID]

    /// Creates a value with each field given.
    public init(
      id: String, label: String, criteria: [CriterionID]
    ) {
      self.id = id
      self.label = label
      self.criteria = criteria
    }
  }

  /// A criterion another may stand in for (MOF: a research paper for the technical report).
  public struct Substitute: Hashable, Sendable {
    /// The criterion that may be stood in for.
    public var criterion: CriterionID
    /// The criterion that stands in for it.
    public var by: CriterionID

    /// Creates a value with each field given.
    public init(
      criterion: CriterionID, by: CriterionID
    ) {
      self.criterion = criterion
      self.by = by
    }
  }

  /// The outcome's id.
  public var id: String
  /// The outcome's title.
  public var title: String
  /// The lowest level at which a criterion counts as met.
  public var countsAt: LevelID
  /// Least demanding first.
  public var tiers: [Tier]
  /// Criteria that may stand in for others.
  public var substitutes: [Substitute]
  /// The value when no tier is met.
  public var none: (id: String, label: String)

  /// Creates a value with each field given.
  public init(
    id: String, title: String, countsAt: LevelID, tiers: [Tier], substitutes: [Substitute],
    none: (id: String, label: String)
  ) {
    self.id = id
    self.title = title
    self.countsAt = countsAt
    self.tiers = tiers
    self.substitutes = substitutes
    self.none = none
  }

  /// Whether two values are equal.
  public static func == (lhs: TiersOutcome, rhs: TiersOutcome) -> Bool {
    lhs.id == rhs.id && lhs.title == rhs.title && lhs.countsAt == rhs.countsAt
      && lhs.tiers == rhs.tiers && lhs.substitutes == rhs.substitutes && lhs.none == rhs.none
  }

  /// Hashes what `==` compares.
  public func hash(into hasher: inout Hasher) {
    hasher.combine(id)
    hasher.combine(tiers)
  }
}

/// The mean or sum of level values over criteria (the OSAI Index's "% open", FMTI's points).
public struct ScoreOutcome: Hashable, Sendable {
  /// Mean or sum.
  public enum Method: String, Hashable, Sendable { case mean, sum }
  /// The outcome's id.
  public var id: String
  /// The outcome's title.
  public var title: String
  /// Mean or sum.
  public var method: Method
  /// Report a mean as a percentage of the scale's top value.
  public var percent: Bool
  /// The criteria scored; nil for all.
  public var criteria: [CriterionID]?

  /// Creates a value with each field given.
  public init(
    id: String, title: String, method: Method, percent: Bool, criteria: [CriterionID]? = nil
  ) {
    self.id = id
    self.title = title
    self.method = method
    self.percent = percent
    self.criteria = criteria
  }
}

/// The OSI working groups' tally (2024): each reviewer's votes per group of criteria are counted,
/// µ is the mean count over groups, and each group falls in the first band whose multiple of µ
/// its count reaches.
public struct VoteRubricOutcome: Hashable, Sendable {
  /// One band of the tally, by a multiple of µ.
  public struct Band: Hashable, Sendable {
    /// The band's id.
    public var id: String
    /// The name people read.
    public var label: String
    /// The multiple of µ a group's votes must reach.
    public var atLeast: Fraction

    /// Creates a value with each field given.
    public init(
      id: String, label: String, atLeast: Fraction
    ) {
      self.id = id
      self.label = label
      self.atLeast = atLeast
    }
  }

  /// The outcome's id.
  public var id: String
  /// The outcome's title.
  public var title: String
  /// A judgement at or above this level is a vote.
  public var countsAt: LevelID
  /// Highest first.
  public var bands: [Band]

  /// Creates a value with each field given.
  public init(
    id: String, title: String, countsAt: LevelID, bands: [Band]
  ) {
    self.id = id
    self.title = title
    self.countsAt = countsAt
    self.bands = bands
  }
}
