/// A sealed round of a subject (`reviews/<subject>/sealed/round.yaml`): while it is open, each
/// panelist's evaluation is committed encrypted, and nobody but its reviewer and the chairs can
/// read it until the round is closed and the evaluations revealed.
public struct SealedRound: Hashable, Sendable {
  /// Whether seals are still taken.
  public enum State: String, Hashable, Sendable, Encodable {
    /// Seals are taken.
    case open
    /// No more seals: the sealed evaluations wait to be revealed.
    case closed
  }

  /// The round's name, an id such as `delphi-2`.
  public var name: String
  /// Open or closed.
  public var state: State
  /// The deadline, seconds since 1970, after which no seal is taken; nil for none.
  public var until: Int64?
  /// The panelists expected to submit, fixed when the round opened.
  public var panel: [ReviewerID]
  /// Fields the tool does not know, kept as read.
  public var unknownFields: [YAMLField]

  /// A round with each field given.
  public init(
    name: String, state: State = .open, until: Int64? = nil, panel: [ReviewerID],
    unknownFields: [YAMLField] = []
  ) {
    self.name = name
    self.state = state
    self.until = until
    self.panel = panel
    self.unknownFields = unknownFields
  }

  /// Whether a seal made at `time` (seconds since 1970) is taken: the round is open and its
  /// deadline, if any, has not passed.
  public func takesSeals(at time: Int64) -> Bool {
    state == .open && (until.map { time <= $0 } ?? true)
  }
}

/// What a sealed evaluation's file says to everyone: whose it is, for which round, when it
/// was sealed, and the commitment that binds the evaluation it hides.
public struct Seal: Hashable, Sendable {
  /// The subject.
  public var subject: SubjectID
  /// The reviewer whose evaluation it is.
  public var reviewer: ReviewerID
  /// The round it was sealed in.
  public var round: String
  /// When it was sealed, seconds since 1970 (the seal commit's author date).
  public var sealedAt: Int64
  /// SHA-256 of the nonce followed by the canonical evaluation.
  public var commitment: [UInt8]

  /// A seal with each field given.
  public init(
    subject: SubjectID, reviewer: ReviewerID, round: String, sealedAt: Int64, commitment: [UInt8]
  ) {
    self.subject = subject
    self.reviewer = reviewer
    self.round = round
    self.sealedAt = sealedAt
    self.commitment = commitment
  }
}

/// Where a subject's sealed round stands at a revision: who has submitted and when, who has
/// been revealed. Never what anyone judged.
public struct SealStatus: Hashable, Sendable {
  /// The subject.
  public var subject: SubjectID
  /// The round.
  public var round: SealedRound
  /// The seals in the tree, by reviewer.
  public var seals: [Seal]
  /// The reviewers whose seal has been revealed (its nonce published).
  public var revealed: Set<ReviewerID>

  /// A status with each field given.
  public init(subject: SubjectID, round: SealedRound, seals: [Seal], revealed: Set<ReviewerID>) {
    self.subject = subject
    self.round = round
    self.seals = seals.sorted { $0.reviewer < $1.reviewer }
    self.revealed = revealed
  }

  /// The seals not yet revealed.
  public var unrevealed: [Seal] { seals.filter { !revealed.contains($0.reviewer) } }

  /// Whether the subject's judgements are hidden: the round is open, or a seal is unrevealed.
  public var isSealed: Bool { round.state == .open || !unrevealed.isEmpty }

  /// Panelists (and any other sealer) who have submitted, out of the panel.
  public var submittedCount: Int { Set(seals.map(\.reviewer)).count }

  /// How many are expected: the panel, and anyone else who sealed.
  public var expectedCount: Int { Set(round.panel + seals.map(\.reviewer)).count }
}
