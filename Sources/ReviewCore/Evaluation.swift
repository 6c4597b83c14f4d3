import Foundation

/// One reviewer's judgements of one subject: `reviews/<subject>/<reviewer>.yaml`.
public struct Evaluation: Hashable, Sendable {
  public var subject: String
  public var reviewer: String
  public var framework: String
  /// Judgements by criterion id, kept in the framework's order when written.
  public var judgements: [String: Judgement]
  public var unknownFields: [YAMLField]

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
