import Foundation

/// The fields of a `consensus:` block, in a framework or in `review.yaml`; each one given
/// replaces the same field of the rule it applies to.
public struct ConsensusOverride: Hashable, Sendable {
  /// The method to use instead, if given.
  public var method: ConsensusRule.Method?
  /// The threshold to use instead, if given.
  public var threshold: Fraction?
  /// The minimum number of reviewers to use instead, if given.
  public var minimumReviewers: Int?

  /// Creates a value with each field given.
  public init(
    method: ConsensusRule.Method? = nil, threshold: Fraction? = nil, minimumReviewers: Int? = nil
  ) {
    self.method = method
    self.threshold = threshold
    self.minimumReviewers = minimumReviewers
  }
}

extension ConsensusRule {
  /// This rule with the fields an override gives replaced.
  public func applying(_ override: ConsensusOverride) -> ConsensusRule {
    ConsensusRule(
      method: override.method ?? method, threshold: override.threshold ?? threshold,
      minimumReviewers: override.minimumReviewers ?? minimumReviewers)
  }
}
