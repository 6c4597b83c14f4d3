import Foundation

/// One reviewer's judgements of one subject: `reviews/<subject>/<reviewer>.yaml`.
public struct Evaluation: Hashable, Sendable {
  /// The subject assessed.
  public var subject: SubjectID
  /// Whose evaluation it is.
  public var reviewer: ReviewerID
  /// The framework it judges against; the same as its subject's.
  public var framework: FrameworkID
  /// Judgements by criterion id, kept in the framework's order when written.
  public var judgements: [CriterionID: Judgement]
  /// Fields the tool does not know, kept as read.
  public var unknownFields: [YAMLField]

  /// Creates a value with each field given.
  public init(
    subject: SubjectID, reviewer: ReviewerID, framework: FrameworkID,
    judgements: [CriterionID: Judgement] = [:],
    unknownFields: [YAMLField] = []
  ) {
    self.subject = subject
    self.reviewer = reviewer
    self.framework = framework
    self.judgements = judgements
    self.unknownFields = unknownFields
  }

  /// The path of the file in a review repository.
  public var path: String { FileLocation.evaluation(subject: subject, reviewer: reviewer).path }
}
