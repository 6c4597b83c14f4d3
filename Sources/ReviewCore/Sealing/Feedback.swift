/// What a Delphi panel is shown between rounds, per criterion: the distribution of its levels
/// with the reader's own marked, the median and spread, whether it is agreed, and the other
/// panelists' notes without their names; and what changed since the previous round.
public struct Feedback: Sendable, Encodable {
  /// One criterion's feedback.
  public struct Item: Sendable, Encodable {
    /// The criterion.
    public var criterion: CriterionID
    /// Its title.
    public var title: String
    /// How many panelists chose each level, in the scale's order (every level listed).
    public var distribution: [LevelCount]
    /// The reader's own level; nil when they did not judge it (or no reader is named).
    public var own: LevelID?
    /// The median level (the lower median, as the consensus rule takes it).
    public var median: LevelID?
    /// The interquartile range as ranks of the scale: the first quartile rounded down, the
    /// third rounded up.
    public var spread: ClosedRange<Int>?
    /// The levels at the ends of the spread.
    public var spreadLevels: [LevelID]
    /// agreed, contested or insufficient.
    public var status: ConsensusStatus
    /// The other panelists' notes, sorted so their order names nobody.
    public var notes: [String]
    /// The consensus and status at the previous round, when there was one and they differ.
    public var previous: Previous?

    enum CodingKeys: String, CodingKey {
      case criterion, title, distribution, own, median, status, notes, previous
      case spreadLevels = "spread"
    }
  }

  /// A level and how many chose it.
  public struct LevelCount: Sendable, Encodable {
    /// The level.
    public var level: LevelID
    /// How many panelists chose it.
    public var count: Int
  }

  /// A criterion's state at the previous round.
  public struct Previous: Sendable, Encodable {
    /// The round's name.
    public var round: String
    /// The consensus then.
    public var consensus: LevelID?
    /// The status then.
    public var status: ConsensusStatus
  }

  /// The subject.
  public var subject: SubjectID
  /// The reviewer it is written for; nil for the panel as a whole.
  public var reviewer: ReviewerID?
  /// The commit it describes.
  public var revision: String
  /// The previous round it is compared with.
  public var previousRound: String?
  /// Every criterion someone on the panel judged, in the framework's order.
  public var items: [Item]

  /// The feedback of a consensus report for `reviewer`, compared with the report at the
  /// previous round.
  public init(
    _ report: ConsensusReport, reviewer: ReviewerID?,
    previous: (name: String, report: ConsensusReport)?
  ) {
    subject = report.subject.id
    self.reviewer = reviewer
    revision = report.revision
    previousRound = previous?.name
    let order = Dictionary(
      uniqueKeysWithValues: report.framework.scale.levels.enumerated().map { ($1.id, $0) })
    let own = report.evaluations.first { $0.reviewer == reviewer }
    let before = Dictionary(
      (previous?.report.criteria ?? []).map { ($0.criterion, $0) }, uniquingKeysWith: { a, _ in a })
    items = report.criteria.filter { $0.n > 0 }.map { consensus in
      let criterion = report.framework.criterion(consensus.criterion)
      let ranks = consensus.values.values.compactMap { order[$0] }.sorted()
      // The quartiles of the ranks, the lower rounded down and the upper up, so that two
      // panelists apart show apart.
      let spread =
        ranks.isEmpty
        ? nil : ranks[(ranks.count - 1) / 4]...ranks[(3 * (ranks.count - 1) + 3) / 4]
      let levels = report.framework.scale.levels
      let notes = report.evaluations.filter { $0.reviewer != reviewer }.compactMap {
        $0.judgements[consensus.criterion]?.note
      }.sorted()
      var changed: Previous?
      if let previous, let then = before[consensus.criterion],
        then.consensus != consensus.consensus || then.status != consensus.status
      {
        changed = Previous(round: previous.name, consensus: then.consensus, status: then.status)
      }
      return Item(
        criterion: consensus.criterion, title: criterion?.title ?? consensus.criterion.rawValue,
        distribution: levels.map { level in
          LevelCount(
            level: level.id, count: consensus.values.values.filter { $0 == level.id }.count)
        },
        own: own?.judgements[consensus.criterion]?.level,
        median: ranks.isEmpty ? nil : levels[ranks[(ranks.count - 1) / 2]].id,
        spread: spread,
        spreadLevels: spread.map { [levels[$0.lowerBound].id, levels[$0.upperBound].id] } ?? [],
        status: consensus.status, notes: notes, previous: changed)
    }
  }
}
