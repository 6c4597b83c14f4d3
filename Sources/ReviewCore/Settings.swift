import Foundation

/// The repository's optional settings, `review.yaml`.
public struct Settings: Hashable, Sendable {
  /// A reviewer's registered identity, used as the author of their commits.
  public struct Reviewer: Hashable, Sendable {
    /// The name used as the author of their commits.
    public var name: String?
    /// The e-mail used as the author of their commits.
    public var email: String?

    /// Creates a value with each field given.
    public init(
      name: String? = nil, email: String? = nil
    ) {
      self.name = name
      self.email = email
    }
  }

  /// The framework `review new` uses when none is named.
  public var defaultFramework: FrameworkID
  /// Registered reviewers by id.
  public var reviewers: [ReviewerID: Reviewer]
  /// Overrides every framework's consensus rule, field by field.
  public var consensus: ConsensusOverride
  /// Fields the tool does not know, kept as read.
  public var unknownFields: [YAMLField]

  /// The framework used when review.yaml names none.
  public static let builtInDefaultFramework: FrameworkID = "mof-1.0"

  /// Creates a value with each field given.
  public init(
    defaultFramework: FrameworkID = Settings.builtInDefaultFramework,
    reviewers: [ReviewerID: Reviewer] = [:], consensus: ConsensusOverride = ConsensusOverride(),
    unknownFields: [YAMLField] = []
  ) {
    self.defaultFramework = defaultFramework
    self.reviewers = reviewers
    self.consensus = consensus
    self.unknownFields = unknownFields
  }
}
