import Foundation

/// How much a panel agrees on one subject (criteria as units, reviewers as coders), or on all
/// subjects of a framework (each subject's criteria as units).
public struct AgreementReport: Sendable, Equatable {
  /// The metric alpha was computed with.
  public var metric: AlphaMetric
  /// Krippendorff's alpha.
  public var alpha: Statistic
  /// The mean share of agreeing reviewer pairs per criterion.
  public var percentAgreement: Statistic
  /// Fleiss' kappa, when every judged criterion has the same number of reviewers.
  public var fleissKappa: Statistic
  /// Units judged by two or more reviewers.
  public var pairableUnits: Int
  /// Gwet's AC1 (a nominal scale) or AC2 (an ordered one, weighted as `gwetWeights`), with its
  /// standard error and interval.
  public var gwet: Result<ChanceCorrectedAgreement, StatisticUndefined>
  /// The weights of `gwet`: identity for a nominal scale, ordinal for an ordinal one,
  /// quadratic for an interval one.
  public var gwetWeights: AgreementWeights
  /// Fleiss' generalized kappa (missing values allowed), with its standard error and interval.
  public var fleiss: Result<ChanceCorrectedAgreement, StatisticUndefined>
  /// The level given most often, with its share of all judgements; nil when none was given.
  public var commonestLevel: LevelShare?

  /// A level and the share of judgements at it.
  public struct LevelShare: Sendable, Equatable {
    /// The level.
    public var level: LevelID
    /// Its share of all judgements, from 0 to 1.
    public var share: Double
  }
  /// The thresholds the figures are read with.
  public var reading: AgreementReading
  /// The units × reviewers matrix alpha is computed on: level ranks, or the levels' values for
  /// an interval or ratio metric.
  let measured: [[Double?]]

  /// Alpha's bootstrapped interval, and the chance that it is below `tentative` and
  /// `reliable`; drawn when asked for, since a summary of many subjects or rounds never shows it.
  public var alphaBootstrap: Result<AlphaBootstrap, StatisticUndefined> {
    AlphaBootstrap.draw(
      measured, metric: metric, draws: reading.draws, confidence: reading.confidence,
      seed: reading.seed, minimums: [reading.tentative, reading.reliable])
  }

  /// `AC1`, or `AC2` with its weights.
  public var gwetName: String {
    gwetWeights == .identity ? "AC1" : "AC2 (\(gwetWeights.rawValue) weights)"
  }

  /// The statistics of a units × reviewers matrix of levels.
  package init(
    levels units: [[LevelID?]], scale: Scale, metric: AlphaMetric,
    reading: AgreementReading = .standard
  ) {
    let index = Dictionary(
      uniqueKeysWithValues: scale.levels.enumerated().map { ($1.id, Double($0)) })
    let value = Dictionary(uniqueKeysWithValues: scale.levels.map { ($0.id, $0.value) })
    // Nominal and ordinal alpha need only which level and its order; interval and ratio, values.
    let byOrder = units.map { $0.map { $0.flatMap { index[$0] } } }
    let byValue = units.map { $0.map { $0.flatMap { value[$0] } } }
    self.metric = metric
    measured = metric == .interval || metric == .ratio ? byValue : byOrder
    alpha = Agreement.alpha(measured, metric: metric)
    percentAgreement = Agreement.percentAgreement(byOrder)
    pairableUnits = Agreement.pairable(byOrder).count
    self.reading = reading
    let indices = units.map { $0.map { $0.flatMap { index[$0] }.map { Int($0) } } }
    let values = scale.levels.map(\.value)
    gwetWeights =
      switch scale.kind {
      case .nominal: .identity
      case .ordinal: .ordinal
      case .interval: .quadratic
      }
    gwet = Agreement.chanceCorrected(
      indices, levels: values.count, weights: gwetWeights.matrix(values: values), chance: .gwet,
      confidence: reading.confidence)
    fleiss = Agreement.chanceCorrected(
      indices, levels: values.count, weights: AgreementWeights.identity.matrix(values: values),
      chance: .fleiss, confidence: reading.confidence)
    switch fleiss {
    case .success(let kappa): fleissKappa = .defined(kappa.value)
    case .failure(let why): fleissKappa = .undefined(why.reason)
    }
    var counts: [LevelID: Int] = [:]
    for case let level? in units.joined() where index[level] != nil {
      counts[level, default: 0] += 1
    }
    let total = counts.values.reduce(0, +)
    commonestLevel = counts.max { $0.value == $1.value ? $0.key > $1.key : $0.value < $1.value }
      .map { LevelShare(level: $0.key, share: Double($0.value) / Double(total)) }
  }
}

extension Scale.Kind {
  /// The alpha metric that fits the scale.
  public var metric: AlphaMetric {
    switch self {
    case .nominal: return .nominal
    case .ordinal: return .ordinal
    case .interval: return .interval
    }
  }
}

/// `review consensus SUBJECT`: per criterion the panel's value, agreement, and outcomes.
public struct ConsensusReport: Sendable {
  /// The commit the report describes.
  public var revision: String
  /// The subject assessed.
  public var subject: Subject
  /// The framework it is assessed against.
  public var framework: Framework
  /// The consensus rule in force: the framework's, with review.yaml's overrides.
  public var rule: ConsensusRule
  /// The reviewers counted, in the order of their evaluations.
  public var reviewers: [ReviewerID]
  /// The evaluations counted: the panelists' (without declared conflicts, when the policy
  /// excludes them).
  public var evaluations: [Evaluation]
  /// The evaluations shown beside the panel and not counted, with why: references, the
  /// chair's, and excluded conflicts.
  public var setAside: [(evaluation: Evaluation, reason: SetAside)]
  /// Reviewers with an evaluation here who declared a conflict of interest on the subject.
  public var declaredConflicts: [ReviewerID]
  /// The outcomes each evaluation not counted reaches on its own (a reference's MOF class), by
  /// reviewer and outcome id.
  public var setAsideOutcomes: [ReviewerID: [String: OutcomeValue]]
  /// Whose vote each evaluation provably is, by reviewer, when the store has checked it.
  public var trust: [ReviewerID: EvaluationTrust]
  /// Each criterion's consensus, in the framework's order.
  public var criteria: [CriterionConsensus]
  /// How much the panel agrees beyond chance.
  public var agreement: AgreementReport
  /// The framework's outcomes from the consensus.
  public var outcomes: [OutcomeResult]

  /// Computes the report from a subject's evaluations.
  public init(
    revision: String, subject: Subject, framework: Framework, evaluations: [Evaluation],
    settings: Settings, metric: AlphaMetric? = nil
  ) {
    self.revision = revision
    self.subject = subject
    self.framework = framework
    let all = evaluations
    let evaluations = all.filter { settings.setAside($0.reviewer, on: subject.id) == nil }
    self.evaluations = evaluations
    setAside = all.compactMap { evaluation in
      settings.setAside(evaluation.reviewer, on: subject.id).map { (evaluation, $0) }
    }
    declaredConflicts = all.map(\.reviewer).filter {
      settings.declaresConflict($0, on: subject.id)
    }
    trust = [:]
    let rule = framework.consensus.applying(settings.consensus)
    self.rule = rule
    reviewers = evaluations.map(\.reviewer)
    let criteria = framework.criteria.map { criterion in
      var values: [ReviewerID: LevelID] = [:]
      for evaluation in evaluations {
        if let judgement = evaluation.judgements[criterion.id] {
          values[evaluation.reviewer] = judgement.level
        }
      }
      return rule.consensus(of: values, scale: framework.scale, criterion: criterion.id)
    }
    self.criteria = criteria
    agreement = AgreementReport(
      levels: Self.matrix(framework: framework, evaluations: evaluations),
      scale: framework.scale, metric: metric ?? framework.scale.kind.metric,
      reading: settings.agreement.resolved)
    outcomes = framework.outcomes.map {
      $0.result(consensus: criteria, evaluations: evaluations, framework: framework, rule: rule)
    }
    var beside: [ReviewerID: [String: OutcomeValue]] = [:]
    for outcome in framework.outcomes {
      let result = outcome.result(
        consensus: criteria, evaluations: setAside.map(\.evaluation), framework: framework,
        rule: rule)
      for (reviewer, value) in result.byReviewer {
        beside[reviewer, default: [:]][result.id] = value
      }
    }
    setAsideOutcomes = beside
  }

  /// Criteria × reviewers levels.
  static func matrix(framework: Framework, evaluations: [Evaluation]) -> [[LevelID?]] {
    framework.criteria.map { criterion in evaluations.map { $0.judgements[criterion.id]?.level } }
  }

  /// The references' evaluations, shown beside the panel.
  public var references: [Evaluation] {
    setAside.filter { $0.reason == .reference }.map(\.evaluation)
  }

  /// The criteria whose status is not agreed.
  public var unsettled: [CriterionConsensus] { criteria.filter { $0.status != .agreed } }
}

/// Agreement over all subjects assessed against one framework.
public struct FrameworkAgreement: Sendable {
  /// The framework it is assessed against.
  public var framework: FrameworkID
  /// How many subjects, or their reports.
  public var subjects: Int
  /// The reviewers counted, in the order of their evaluations.
  public var reviewers: [ReviewerID]
  /// How much the panel agrees beyond chance.
  public var agreement: AgreementReport

  /// Creates a value with each field given.
  public init(
    framework: FrameworkID, subjects: Int, reviewers: [ReviewerID], agreement: AgreementReport
  ) {
    self.framework = framework
    self.subjects = subjects
    self.reviewers = reviewers
    self.agreement = agreement
  }
}

/// `review consensus --all`.
public struct PanelSummary: Sendable {
  /// The commit the report describes.
  public var revision: String
  /// How many subjects, or their reports.
  public var subjects: [ConsensusReport]
  /// Subjects whose files could not be read.
  public var failures: [(subject: SubjectID, error: String)]
  /// Agreement over all subjects of each framework.
  public var frameworks: [FrameworkAgreement]
  /// Subjects a sealed round hides, left out of the reports and of every count.
  public var sealed: [SealStatus] = []

  /// Creates a value with each field given.
  public init(
    revision: String, subjects: [ConsensusReport], failures: [(subject: SubjectID, error: String)],
    frameworks: [FrameworkAgreement]
  ) {
    self.revision = revision
    self.subjects = subjects
    self.failures = failures
    self.frameworks = frameworks
  }
}

/// Whether an evaluation is provably its reviewer's, from the commit that wrote its content.
public enum EvaluationTrust: String, Hashable, Sendable, Encodable {
  /// Written by a commit the policy allows, signed by one of the reviewer's keys.
  case verified
  /// Written by a commit the policy allows, without a signature of the reviewer's.
  case unsigned
  /// Written by a commit the policy does not allow.
  case violation
  /// Written before the repository had a policy.
  case unverifiable
}
