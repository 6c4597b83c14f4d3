import Foundation

/// Whether a criterion's panel value stands.
public enum ConsensusStatus: String, Sendable, Codable {
  /// Enough reviewers, and support at or above the threshold.
  case agreed
  /// Enough reviewers, support below the threshold (or no single value, for a tied mode).
  case contested
  /// Fewer values than the rule's minimum.
  case insufficient
}

/// The panel's value for one criterion.
public struct CriterionConsensus: Sendable, Equatable {
  /// The criterion.
  public var criterion: CriterionID
  /// Each reviewer's level, by reviewer id.
  public var values: [ReviewerID: LevelID]
  /// The level by the framework's rule; nil when nobody judged it or a mode is tied.
  public var consensus: LevelID?
  /// The share of values equal to the consensus.
  public var support: Double?
  /// Whether the value stands: agreed, contested or insufficient.
  public var status: ConsensusStatus

  /// How many reviewers judged the criterion.
  public var n: Int { values.count }
}

extension ConsensusRule {
  /// Applies the rule to one criterion's values.
  ///
  /// - median (ordinal, interval): the lower median in the scale's order, so a tie falls to the
  ///   more conservative level;
  /// - mode (nominal): the most frequent level, none on a tie;
  /// - mean: the level whose value is nearest the mean of the values, the lower on a tie.
  public func consensus(of values: [ReviewerID: LevelID], scale: Scale, criterion: CriterionID)
    -> CriterionConsensus
  {
    let order = Dictionary(uniqueKeysWithValues: scale.levels.enumerated().map { ($1.id, $0) })
    let known = values.values.filter { order[$0] != nil }
    var result: LevelID?
    if !known.isEmpty {
      switch method {
      case .median:
        let sorted = known.sorted { order[$0]! < order[$1]! }
        result = sorted[(sorted.count - 1) / 2]
      case .mode:
        var counts: [LevelID: Int] = [:]
        for level in known { counts[level, default: 0] += 1 }
        let top = counts.values.max()!
        let modes = counts.filter { $0.value == top }.map(\.key)
        result = modes.count == 1 ? modes[0] : nil
      case .mean:
        let value = Dictionary(uniqueKeysWithValues: scale.levels.map { ($0.id, $0.value) })
        let mean = known.map { value[$0]! }.reduce(0, +) / Double(known.count)
        result =
          scale.levels.min { a, b in
            let (da, db) = (abs(a.value - mean), abs(b.value - mean))
            return da == db ? a.value < b.value : da < db
          }?.id
      }
    }
    let agreeing = result.map { level in known.filter { $0 == level }.count } ?? 0
    let support = known.isEmpty || result == nil ? nil : Double(agreeing) / Double(known.count)
    let status: ConsensusStatus
    if known.count < minimumReviewers {
      status = .insufficient
    } else if result != nil && threshold.isReached(by: agreeing, of: known.count) {
      status = .agreed
    } else {
      status = .contested
    }
    return CriterionConsensus(
      criterion: criterion, values: values, consensus: result, support: support, status: status)
  }
}
