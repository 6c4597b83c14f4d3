import Foundation

/// One criterion's disagreement: the mean squared distance between its values, over every
/// ordered pair of reviewers who judged it, as a share of alpha's expected disagreement
/// (0: the reviewers agree; 1: as far apart as chance would put them).
public struct CriterionDisagreement: Sendable, Equatable {
  /// The criterion.
  public var criterion: CriterionID
  /// Its disagreement relative to chance.
  public var disagreement: Double
}

/// How one reviewer bears on the panel's agreement.
public struct ReviewerInfluence: Sendable, Equatable {
  /// The reviewer.
  public var reviewer: ReviewerID
  /// Alpha of the panel without this reviewer.
  public var alphaWithout: Statistic
  /// The criteria on which this reviewer's level is one no other reviewer gave, where at least
  /// two others judged it.
  public var alone: [CriterionID]
}

extension ConsensusReport {
  /// The criteria the panel judged apart, most disagreement first; criteria with none are left
  /// out. Empty when alpha's disagreements are undefined.
  public var criteriaByDisagreement: [CriterionDisagreement] {
    let metric = agreement.metric
    let units = agreement.measured
    guard case .success(let disagreement) = Disagreement.of(units, metric: metric) else {
      return []
    }
    let index = Dictionary(
      uniqueKeysWithValues: disagreement.categories.enumerated().map { ($1, $0) })
    var result: [CriterionDisagreement] = []
    for (criterion, values) in zip(framework.criteria, units) {
      let present = values.compactMap { $0 }.compactMap { index[$0] }
      guard present.count >= 2 else { continue }
      var sum = 0.0
      for i in present.indices {
        for j in present.indices where i != j {
          sum += disagreement.distance(present[i], present[j])
        }
      }
      let mean = sum / Double(present.count * (present.count - 1))
      let relative = mean / disagreement.expected
      if relative > 0 {
        result.append(CriterionDisagreement(criterion: criterion.id, disagreement: relative))
      }
    }
    return result.sorted {
      $0.disagreement == $1.disagreement
        ? $0.criterion.rawValue < $1.criterion.rawValue : $0.disagreement > $1.disagreement
    }
  }

  /// Each counted reviewer's bearing on agreement: alpha without them, and where they stand
  /// alone.
  public var reviewerInfluence: [ReviewerInfluence] {
    let units = agreement.measured
    return reviewers.enumerated().map { column, reviewer in
      let without = units.map { row in
        row.enumerated().filter { $0.offset != column }.map(\.element)
      }
      var alone: [CriterionID] = []
      for (criterion, row) in zip(framework.criteria, units) {
        guard let mine = row[column] else { continue }
        let others = row.enumerated().filter { $0.offset != column }.compactMap(\.element)
        if others.count >= 2 && !others.contains(mine) { alone.append(criterion.id) }
      }
      return ReviewerInfluence(
        reviewer: reviewer, alphaWithout: Agreement.alpha(without, metric: agreement.metric),
        alone: alone)
    }
  }
}

extension PanelSummary {
  /// For each framework, the criteria whose consensus is contested or insufficient in the most
  /// subjects, with how many; criteria settled everywhere are left out.
  public func mostContested(_ framework: FrameworkID) -> [(criterion: CriterionID, subjects: Int)] {
    var counts: [CriterionID: Int] = [:]
    for report in subjects where report.framework.id == framework {
      for entry in report.criteria where entry.status != .agreed && entry.n > 0 {
        counts[entry.criterion, default: 0] += 1
      }
    }
    return counts.sorted {
      $0.value == $1.value ? $0.key.rawValue < $1.key.rawValue : $0.value > $1.value
    }
    .map { ($0.key, $0.value) }
  }
}
