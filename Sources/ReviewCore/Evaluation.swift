import Foundation

/// One reviewer's judgements of one subject: `reviews/<subject>/<reviewer>.yaml`.
public struct Evaluation: Hashable, Sendable {
  /// The subject assessed.
  public var subject: String
  /// Whose evaluation it is.
  public var reviewer: String
  /// The framework it judges against; the same as its subject's.
  public var framework: String
  /// Judgements by criterion id, kept in the framework's order when written.
  public var judgements: [String: Judgement]
  /// Fields the tool does not know, kept as read.
  public var unknownFields: [YAMLField]

  /// Creates a value with each field given.
  public init(
    subject: String, reviewer: String, framework: String, judgements: [String: Judgement] = [:],
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
