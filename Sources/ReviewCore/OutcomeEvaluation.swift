import Foundation

/// What an outcome gives for one set of levels: a tier, a score, or a band per group.
public enum OutcomeValue: Hashable, Sendable, Encodable {
  case tier(String)
  case score(Double?)
  case bands([String: String])

  /// Encodes the JSON shape the README documents.
  public func encode(to encoder: Encoder) throws {
    var container = encoder.singleValueContainer()
    switch self {
    case .tier(let id): try container.encode(id)
    case .score(let value): try container.encode(value)
    case .bands(let bands): try container.encode(bands)
    }
  }
}

/// An outcome computed from the panel's consensus and from each reviewer's own levels.
public struct OutcomeResult: Sendable, Equatable {
  /// The outcome's id.
  public var id: String
  /// The outcome's title.
  public var title: String
  /// `tiers`, `score` or `vote-rubric`.
  public var type: String
  /// The outcome from the panel's consensus.
  public var value: OutcomeValue
  /// For a tier, its label; for a score, the score as text.
  public var label: String
  /// True when a criterion the outcome depends on is not agreed (for a vote tally: when fewer
  /// reviewers voted than the rule's minimum).
  public var provisional: Bool
  /// False while no counted reviewer has judged any criterion the outcome depends on: then
  /// the label is "not yet judged" and the outcome is not provisional but absent.
  public var judged: Bool = true
  /// Tiers: each tier's progress in percent.
  public var progress: [(id: String, percent: Double)]
  /// Vote rubric: votes per group, and their mean µ.
  public var votes: [(group: String, count: Int)]
  /// For a vote rubric, µ: the mean number of votes over groups.
  public var mean: Double?
  /// The outcome from each reviewer's own judgements.
  public var byReviewer: [ReviewerID: OutcomeValue]

  /// Whether two values are equal.
  public static func == (lhs: OutcomeResult, rhs: OutcomeResult) -> Bool {
    lhs.id == rhs.id && lhs.value == rhs.value && lhs.provisional == rhs.provisional
      && lhs.progress.map(\.id) == rhs.progress.map(\.id)
      && lhs.progress.map(\.percent) == rhs.progress.map(\.percent)
      && lhs.byReviewer == rhs.byReviewer
  }
}

extension TiersOutcome {
  /// Each tier's progress and the tier reached, for one reviewer's levels or the consensus.
  ///
  /// Progress of tier k is met/required over the criteria of tiers 1...k, capped at 100, and
  /// 0 while a lower tier is not fully met. A substitute stands in for its criterion when the
  /// criterion is not met and the substitute is: where the substitute is not itself required it
  /// counts in the criterion's place, and where both are required one fewer is needed.
  public func evaluate(_ levels: [CriterionID: LevelID], scale: Scale) -> (
    tier: (id: String, label: String), progress: [(id: String, percent: Double)]
  ) {
    let rank = Dictionary(uniqueKeysWithValues: scale.levels.enumerated().map { ($1.id, $0) })
    let threshold = rank[countsAt] ?? Int.max
    func meets(_ criterion: CriterionID) -> Bool {
      guard let level = levels[criterion], let position = rank[level] else { return false }
      return position >= threshold
    }
    let active = substitutes.filter { !meets($0.criterion) && meets($0.by) }
    var required: [CriterionID] = []
    var progress: [(String, Double)] = []
    var lowerMet = true
    for tier in tiers {
      for criterion in tier.criteria where !required.contains(criterion) {
        required.append(criterion)
      }
      var total = required.count
      var met = required.filter(meets).count
      for substitute in active where required.contains(substitute.criterion) {
        if required.contains(substitute.by) { total -= 1 } else { met += 1 }
      }
      let percent = total == 0 ? 100 : min(100, Double(met) / Double(total) * 100)
      progress.append((tier.id, lowerMet ? percent : 0))
      lowerMet = lowerMet && met >= total
    }
    let reached = Array(zip(tiers, progress)).last { $0.1.1 == 100 }?.0
    return ((reached?.id ?? none.id, reached?.label ?? none.label), progress)
  }

  /// Every criterion the tiers look at.
  var criteria: Set<CriterionID> {
    Set(tiers.flatMap(\.criteria) + substitutes.flatMap { [$0.criterion, $0.by] })
  }
}

extension ScoreOutcome {
  /// The mean (optionally as a percentage of the scale's top value) or the sum of the level
  /// values of the judged criteria; nil when none is judged.
  public func evaluate(_ levels: [CriterionID: LevelID], framework: Framework) -> Double? {
    let value = Dictionary(uniqueKeysWithValues: framework.scale.levels.map { ($0.id, $0.value) })
    let scope = criteria ?? framework.criteria.map(\.id)
    let values = scope.compactMap { levels[$0].flatMap { value[$0] } }
    guard !values.isEmpty else { return nil }
    let sum = values.reduce(0, +)
    switch method {
    case .sum:
      return sum
    case .mean:
      let mean = sum / Double(values.count)
      guard percent else { return mean }
      let top = framework.scale.levels.map(\.value).max() ?? 1
      let share = mean / top * 100
      // A scale whose top value is 0 or tiny next to the others gives no percentage.
      return share.isFinite ? share : nil
    }
  }

  func label(_ value: Double?) -> String {
    guard let value else { return "not scored" }
    let text = NumberText.rounded(value)
    return percent && method == .mean ? "\(text)% open" : "\(text)"
  }
}

extension VoteRubricOutcome {
  /// Votes per group (criteria sharing a `group`, in the framework's order) over the given
  /// ballots, µ, and each group's band.
  public func evaluate(_ ballots: [[CriterionID: LevelID]], framework: Framework) -> (
    votes: [(group: String, count: Int)], mean: Double, bands: [String: String]
  ) {
    let rank = Dictionary(
      uniqueKeysWithValues: framework.scale.levels.enumerated().map { ($1.id, $0) })
    let threshold = rank[countsAt] ?? Int.max
    var groups: [String] = []
    for criterion in framework.criteria {
      let group = criterion.group ?? criterion.id.rawValue
      if !groups.contains(group) { groups.append(group) }
    }
    let votes = groups.map { group -> (String, Int) in
      let members = framework.criteria.filter { ($0.group ?? $0.id.rawValue) == group }.map(\.id)
      let count = ballots.map { ballot in
        members.filter { ballot[$0].flatMap { rank[$0] }.map { $0 >= threshold } ?? false }.count
      }.reduce(0, +)
      return (group, count)
    }
    let total = votes.map(\.1).reduce(0, +)
    var bands: [String: String] = [:]
    for (group, count) in votes {
      // count ≥ m·µ with µ = total/groups, compared in integers: count·groups·den ≥ num·total.
      let band = self.bands.first { band in
        band.atLeast.isReached(by: count * groups.count, of: total)
      }
      bands[group] = band?.id ?? self.bands.last!.id
    }
    return (votes, groups.isEmpty ? 0 : Double(total) / Double(groups.count), bands)
  }
}

extension Outcome {
  /// The outcome from the consensus (for a vote tally: from all ballots) and per reviewer.
  func result(
    consensus: [CriterionConsensus], evaluations: [Evaluation], framework: Framework,
    rule: ConsensusRule
  ) -> OutcomeResult {
    let panel = Dictionary(
      uniqueKeysWithValues: consensus.compactMap { entry in
        entry.consensus.map { (entry.criterion, $0) }
      })
    let status = Dictionary(uniqueKeysWithValues: consensus.map { ($0.criterion, $0.status) })
    let ballots = evaluations.map { evaluation in
      (evaluation.reviewer, evaluation.judgements.mapValues(\.level))
    }
    func provisional(_ criteria: Set<CriterionID>) -> Bool {
      criteria.contains { status[$0] != .agreed }
    }
    var result = evaluate(
      panel: panel, ballots: ballots, consensus: consensus, evaluations: evaluations,
      framework: framework, rule: rule, provisional: provisional)
    let scope = criteria(in: framework)
    if !consensus.contains(where: { scope.contains($0.criterion) && $0.n > 0 }) {
      result.judged = false
      result.label = "not yet judged"
      result.provisional = false
    }
    return result
  }

  /// The criteria the outcome depends on: a tier outcome's tiers', a score's (all when it
  /// names none), and every criterion for a vote tally.
  func criteria(in framework: Framework) -> Set<CriterionID> {
    switch self {
    case .tiers(let tiers): return tiers.criteria
    case .score(let score): return Set(score.criteria ?? framework.criteria.map(\.id))
    case .voteRubric: return Set(framework.criteria.map(\.id))
    }
  }

  private func evaluate(
    panel: [CriterionID: LevelID], ballots: [(ReviewerID, [CriterionID: LevelID])],
    consensus: [CriterionConsensus], evaluations: [Evaluation], framework: Framework,
    rule: ConsensusRule, provisional: (Set<CriterionID>) -> Bool
  ) -> OutcomeResult {
    switch self {
    case .tiers(let tiers):
      let (tier, progress) = tiers.evaluate(panel, scale: framework.scale)
      return OutcomeResult(
        id: tiers.id, title: tiers.title, type: "tiers", value: .tier(tier.id), label: tier.label,
        provisional: provisional(tiers.criteria), progress: progress, votes: [], mean: nil,
        byReviewer: Dictionary(
          uniqueKeysWithValues: ballots.map {
            ($0.0, OutcomeValue.tier(tiers.evaluate($0.1, scale: framework.scale).tier.id))
          }))
    case .score(let score):
      let value = score.evaluate(panel, framework: framework)
      let scope = criteria(in: framework)
      let judged = consensus.filter { scope.contains($0.criterion) && $0.n > 0 }.map(\.criterion)
      return OutcomeResult(
        id: score.id, title: score.title, type: "score", value: .score(value),
        label: score.label(value),
        provisional: provisional(Set(judged)), progress: [], votes: [], mean: nil,
        byReviewer: Dictionary(
          uniqueKeysWithValues: ballots.map {
            ($0.0, OutcomeValue.score(score.evaluate($0.1, framework: framework)))
          }))
    case .voteRubric(let rubric):
      let tally = rubric.evaluate(ballots.map(\.1), framework: framework)
      let bandLabels = Dictionary(uniqueKeysWithValues: rubric.bands.map { ($0.id, $0.label) })
      let required = tally.votes.filter { tally.bands[$0.group] == rubric.bands.first?.id }.map(
        \.group)
      return OutcomeResult(
        id: rubric.id, title: rubric.title, type: "vote-rubric", value: .bands(tally.bands),
        label:
          "\(bandLabels[rubric.bands.first!.id]!): \(required.isEmpty ? "none" : required.joined(separator: ", "))",
        provisional: evaluations.count < rule.minimumReviewers, progress: [], votes: tally.votes,
        mean: tally.mean,
        byReviewer: Dictionary(
          uniqueKeysWithValues: ballots.map {
            ($0.0, OutcomeValue.bands(rubric.evaluate([$0.1], framework: framework).bands))
          }))
    }
  }
}
