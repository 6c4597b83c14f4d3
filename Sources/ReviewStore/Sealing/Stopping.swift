import GitKit
import ReviewCore

/// What the stopping rule says of a subject's panel.
public struct StoppingReport: Sendable, Encodable {
  /// The rule's decision; nil when `review.yaml` has no rule, or a sealed round hides the
  /// subject.
  public var decision: StoppingRule.Decision?
  /// Why there is no decision, in words; nil when there is one.
  public var reason: String?
}

extension History {
  /// Applies `review.yaml`'s stopping rule to the subject as it stands at HEAD: its rounds so
  /// far, its contested criteria and the lower bound of alpha's interval.
  public func stopping(subject: SubjectID, rounds: Int) throws -> StoppingReport {
    let snapshot = try snapshot()
    guard let rule = try snapshot.settings.stopping else {
      return StoppingReport(
        decision: nil, reason: "review.yaml has no stopping rule (rounds: stop:)")
    }
    if let status = try snapshot.sealedStatus(subject) {
      return StoppingReport(decision: nil, reason: SealText.summary(status))
    }
    let report = try repository.consensus(subject: subject)
    let lower = try? report.agreement.alphaBootstrap.get().lower
    return StoppingReport(
      decision: rule.decide(
        rounds: rounds, contested: report.criteria.filter { $0.status == .contested }.count,
        alphaLower: lower),
      reason: nil)
  }
}
