import Foundation

/// What one `review score` asks to change in a reviewer's judgement of one criterion, field by
/// field of `JudgementField`. Fields not named stay as they are; an empty value clears an
/// optional field.
public struct ScoreChange: Hashable, Sendable {
  /// The criterion whose judgement changes.
  public var criterion: CriterionID
  /// New values of scalar fields.
  public var values: [JudgementField: String] = [:]
  /// Items to add to set fields (after the removals).
  public var added: [JudgementField: [String]] = [:]
  /// Items to remove from set fields.
  public var removed: [JudgementField: [String]] = [:]
  /// Remove the whole judgement.
  public var unset = false

  /// Creates a value with each field given.
  public init(criterion: CriterionID) {
    self.criterion = criterion
  }
}

extension Evaluation {
  /// Applies changes, checked against the framework: unknown criteria and levels, a field for
  /// a criterion that has no level, values a field may not hold, and evidence that is no link
  /// (`EvidenceReference`) are refused.
  public mutating func apply(_ changes: [ScoreChange], framework: Framework) throws {
    for change in changes {
      guard framework.criterion(change.criterion) != nil else {
        throw ReviewError.unknownCriterion(
          change.criterion, framework: framework.id,
          suggestion: framework.nearestCriterion(to: change.criterion))
      }
      if change.unset {
        judgements[change.criterion] = nil
        continue
      }
      var judgement: Judgement
      if let existing = judgements[change.criterion] {
        judgement = existing
      } else if let level = change.values[.level] {
        judgement = Judgement(level: LevelID(level))
      } else {
        throw ReviewError.judgementWithoutLevel(criterion: change.criterion)
      }
      for field in JudgementField.scalars {
        guard let value = change.values[field] else { continue }
        if value.isEmpty && !field.isRequired {
          judgement[field] = nil
          continue
        }
        if let problem = field.problem(value, criterion: change.criterion, framework: framework) {
          throw ReviewError.invalidJudgement(problem)
        }
        judgement[field] = value
      }
      for field in JudgementField.allCases where field.shape == .set {
        let removed = change.removed[field] ?? []
        var items = judgement[items: field].filter { !removed.contains($0) }
        for item in change.added[field] ?? [] where !item.isEmpty && !items.contains(item) {
          if field == .evidence, let reason = EvidenceReference.problem(item) {
            throw ReviewError.invalidJudgement(.invalidEvidence(item, reason: reason))
          }
          items.append(item)
        }
        judgement[items: field] = items
      }
      judgements[change.criterion] = judgement
    }
  }
}
