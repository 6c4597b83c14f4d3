import Foundation

/// The repository's optional settings, `review.yaml`.
public struct Settings: Hashable, Sendable {
  /// A reviewer in the registry: who they are, how their commits are recognised, and their role.
  public struct Reviewer: Hashable, Sendable {
    /// The name used as the author of their commits.
    public var name: String?
    /// Their e-mail addresses; the first is the author of their commits.
    public var emails: [String]
    /// Their OpenSSH public keys (`TYPE BASE64 [COMMENT]`), as in git's `allowed_signers`.
    public var keys: [String]
    /// What they are to the panel.
    public var role: Role
    /// Who they work for, shown in reports.
    public var affiliation: String?
    /// Subjects on which they declare a conflict of interest.
    public var conflicts: [SubjectID]
    /// Their age X25519 recipients (`age1…`), to which sealed evaluations are encrypted beside
    /// their ssh-ed25519 keys.
    public var recipients: [String] = []

    /// Creates a value with each field given.
    public init(
      name: String? = nil, emails: [String] = [], keys: [String] = [], role: Role = .panelist,
      affiliation: String? = nil, conflicts: [SubjectID] = []
    ) {
      self.name = name
      self.emails = emails
      self.keys = keys
      self.role = role
      self.affiliation = affiliation
      self.conflicts = conflicts
    }

    /// The e-mail used as the author of their commits.
    public var email: String? { emails.first }
  }

  /// The framework `review new` uses when none is named.
  public var defaultFramework: FrameworkID
  /// Registered reviewers by id.
  public var reviewers: [ReviewerID: Reviewer]
  /// Overrides every framework's consensus rule, field by field.
  public var consensus: ConsensusOverride
  /// How agreement is read (`agreement:`): thresholds, fewest units, confidence level.
  public var agreement: AgreementSettings
  /// When a panel should stop its rounds (`rounds: stop:`); nil for no rule.
  public var stopping: StoppingRule?
  /// The policy `review verify` enforces; nil before review.yaml has a `policy` section, when
  /// history is unverifiable.
  public var policy: Policy?
  /// Fields the tool does not know, kept as read.
  public var unknownFields: [YAMLField]

  /// The framework used when review.yaml names none.
  public static let builtInDefaultFramework: FrameworkID = "mof-1.0"

  /// Creates a value with each field given.
  public init(
    defaultFramework: FrameworkID = Settings.builtInDefaultFramework,
    reviewers: [ReviewerID: Reviewer] = [:], consensus: ConsensusOverride = ConsensusOverride(),
    agreement: AgreementSettings = AgreementSettings(), policy: Policy? = nil,
    stopping: StoppingRule? = nil, unknownFields: [YAMLField] = []
  ) {
    self.stopping = stopping
    self.defaultFramework = defaultFramework
    self.reviewers = reviewers
    self.consensus = consensus
    self.agreement = agreement
    self.policy = policy
    self.unknownFields = unknownFields
  }
}
