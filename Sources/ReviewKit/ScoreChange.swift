/// What one `review score` asks to change in a reviewer's judgement of one criterion. Fields left
/// nil stay as they are; an empty string clears an optional field.
public struct ScoreChange: Hashable, Sendable {
  public var criterion: String
  public var level: String?
  public var license: String?
  public var addEvidence: [String] = []
  public var removeEvidence: [String] = []
  public var note: String?
  public var confidence: String?
  /// Remove the whole judgement.
  public var unset = false

  public init(criterion: String) {
    self.criterion = criterion
  }
}

extension Evaluation {
  /// Applies changes, checked against the framework: unknown criteria and levels, a field for
  /// a criterion that has no level, and bad licenses or confidences are refused.
  public mutating func apply(_ changes: [ScoreChange], framework: Framework) throws {
    for change in changes {
      guard framework.criterion(change.criterion) != nil else {
        throw ReviewError.unknownCriterion(change.criterion, framework: framework.id)
      }
      if change.unset {
        judgements[change.criterion] = nil
        continue
      }
      if let level = change.level, framework.level(level) == nil {
        throw ReviewError.unknownLevel(
          level, criterion: change.criterion, levels: framework.scale.levels.map(\.id))
      }
      guard let level = change.level ?? judgements[change.criterion]?.level else {
        throw ReviewError.invalidArgument(
          "'\(change.criterion)' has no level yet; give \(change.criterion)=LEVEL as well")
      }
      var judgement = judgements[change.criterion] ?? Judgement(level: level)
      judgement.level = level
      if let license = change.license {
        if !license.isEmpty, let problem = SPDXExpression.problem(license) {
          throw ReviewError.invalidArgument(problem)
        }
        judgement.license = license.isEmpty ? nil : license
      }
      judgement.evidence.removeAll { change.removeEvidence.contains($0) }
      for url in change.addEvidence where !url.isEmpty && !judgement.evidence.contains(url) {
        judgement.evidence.append(url)
      }
      if let note = change.note { judgement.note = note.isEmpty ? nil : note }
      if let confidence = change.confidence {
        if confidence.isEmpty {
          judgement.confidence = nil
        } else if let parsed = Confidence(rawValue: confidence) {
          judgement.confidence = parsed
        } else {
          throw ReviewError.invalidArgument(
            "confidence '\(confidence)' for '\(change.criterion)' is not one of low, medium, high")
        }
      }
      judgements[change.criterion] = judgement
    }
  }
}
