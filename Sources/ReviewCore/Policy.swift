import Foundation

/// What a reviewer is to the panel.
public enum Role: String, Hashable, Sendable, CaseIterable, Codable {
  /// Votes: counted in consensus, agreement and outcomes.
  case panelist
  /// A curated record (an import) shown beside the panel, never counted.
  case reference
  /// Keeps settings and templates, opens and closes rounds, may write on someone's behalf.
  case chair
}

/// What to do with the votes of reviewers who declared a conflict of interest on a subject.
public enum ConflictRule: String, Hashable, Sendable, CaseIterable {
  /// Count them, and show the declaration.
  case show
  /// Leave them out of the count, and show them beside it.
  case exclude
}

/// The rules `review verify` and the count enforce: `review.yaml`'s `policy` section.
public struct Policy: Hashable, Sendable {
  /// Commits changing `reviews/S/R.yaml` must be signed by one of R's keys.
  public var requireSignatures: Bool
  /// Whether declared conflicts are counted.
  public var conflicts: ConflictRule

  /// Creates a value with each field given.
  public init(requireSignatures: Bool = false, conflicts: ConflictRule = .show) {
    self.requireSignatures = requireSignatures
    self.conflicts = conflicts
  }
}

/// Why an evaluation is shown but not counted.
public enum SetAside: Hashable, Sendable {
  /// The reviewer is a reference, not a panelist.
  case reference
  /// The reviewer is the chair.
  case chair
  /// The reviewer declared a conflict of interest on the subject, and the policy excludes it.
  case conflict
}

extension Settings {
  /// The curators whose records `review import` records under their own ids: references
  /// unless the registry says otherwise.
  public static let curators: [ReviewerID] = ["mot", "osai-index"]

  /// A reviewer's role: the registry's, else `reference` for a curator's id, else `panelist`.
  public func role(of reviewer: ReviewerID) -> Role {
    reviewers[reviewer]?.role ?? (Self.curators.contains(reviewer) ? .reference : .panelist)
  }

  /// Whether a reviewer declared a conflict of interest on a subject.
  public func declaresConflict(_ reviewer: ReviewerID, on subject: SubjectID) -> Bool {
    reviewers[reviewer]?.conflicts.contains(subject) ?? false
  }

  /// Why a reviewer's evaluation of a subject is not counted; nil when it is.
  public func setAside(_ reviewer: ReviewerID, on subject: SubjectID) -> SetAside? {
    switch role(of: reviewer) {
    case .reference: return .reference
    case .chair: return .chair
    case .panelist:
      let excluded = (policy?.conflicts ?? .show) == .exclude
      return excluded && declaresConflict(reviewer, on: subject) ? .conflict : nil
    }
  }

  /// The registered reviewer an e-mail address belongs to (compared without case).
  public func reviewer(withEmail email: String) -> ReviewerID? {
    let wanted = email.lowercased()
    return reviewers.keys.sorted().first { id in
      reviewers[id]!.emails.contains { $0.lowercased() == wanted }
    }
  }

  /// The registered reviewer a public key line belongs to (compared by type and key, without
  /// comment).
  public func reviewer(withKey key: String) -> ReviewerID? {
    let wanted = Self.keyIdentity(key)
    return reviewers.keys.sorted().first { id in
      reviewers[id]!.keys.contains { Self.keyIdentity($0) == wanted }
    }
  }

  /// A key line's type and base64, without its comment (byte by byte: `verify` asks for each
  /// commit).
  public static func keyIdentity(_ line: String) -> String {
    let fields = line.utf8.split(whereSeparator: { $0 == 0x20 || $0 == 0x09 }).prefix(2)
    return fields.map { String(decoding: $0, as: UTF8.self) }.joined(separator: " ")
  }
}

/// Who made a commit, as far as the commit tells: its author, and the key of its signature.
public struct CommitIdentity: Hashable, Sendable {
  /// The author's name.
  public var name: String
  /// The author's e-mail.
  public var email: String
  /// The key line of the commit's signature, when it has one that verifies.
  public var signingKey: String?
  /// That key's fingerprint, for messages.
  public var fingerprint: String?
  /// Why the commit's signature does not verify, when it has one that does not.
  public var badSignature: String?
  /// The reviewer an `On-behalf-of:` trailer names.
  public var onBehalfOf: ReviewerID?

  /// Creates a value with each field given.
  public init(
    name: String, email: String, signingKey: String? = nil, fingerprint: String? = nil,
    badSignature: String? = nil, onBehalfOf: ReviewerID? = nil
  ) {
    self.name = name
    self.email = email
    self.signingKey = signingKey
    self.fingerprint = fingerprint
    self.badSignature = badSignature
    self.onBehalfOf = onBehalfOf
  }

  /// The trailer that records a write on someone's behalf.
  public static let onBehalfOfTrailer = "On-behalf-of"

  /// The reviewer the last `On-behalf-of:` trailer of a message names, if any.
  public static func onBehalfOf(inMessage message: String) -> ReviewerID? {
    let prefix = onBehalfOfTrailer.lowercased() + ":"
    return message.split(separator: "\n").reversed().lazy.compactMap { line -> ReviewerID? in
      guard line.lowercased().hasPrefix(prefix) else { return nil }
      return ReviewerID(line.dropFirst(prefix.count).trimmingCharacters(in: .whitespaces))
    }.first
  }
}

/// Who may change a file, by the policy.
public enum Permission: Hashable, Sendable {
  /// Only this reviewer (or a chair on their behalf): their evaluation.
  case reviewer(ReviewerID)
  /// Only a chair: the settings and the templates.
  case chair
  /// Any registered reviewer: a subject file.
  case registered
  /// Only a chair closes a round (tags `review/<subject>/<name>`).
  case round
}

extension Permission {
  /// Who may change the file at a location.
  public init(_ location: FileLocation) {
    switch location {
    case .settings, .template: self = .chair
    case .subject: self = .registered
    case .evaluation(_, let reviewer): self = .reviewer(reviewer)
    }
  }
}

extension Settings {
  /// The registered reviewer who made a commit: the owner of its signing key, else of its
  /// author's e-mail.
  public func writer(of identity: CommitIdentity) -> ReviewerID? {
    identity.signingKey.flatMap { reviewer(withKey: $0) } ?? reviewer(withEmail: identity.email)
  }

  /// What is wrong with a commit by `identity` changing a file that `permission` governs, in
  /// words that say who did what and what the policy allowed; nil when the policy allows it.
  public func violation(of permission: Permission, by identity: CommitIdentity) -> String? {
    if let bad = identity.badSignature { return "its signature does not verify: \(bad)" }
    let require = policy?.requireSignatures ?? false
    let who = describe(identity)
    /// Whether the commit's key is one of `id`'s, or the reason it must be.
    func signatureProblem(_ id: ReviewerID) -> String? {
      guard require else { return nil }
      let keys = reviewers[id]?.keys.map(Self.keyIdentity) ?? []
      guard let key = identity.signingKey else {
        if keys.isEmpty {
          return
            "unsigned by \(who); the policy requires signatures, and \(id) has no key in the registry"
        }
        return "unsigned by \(who); the policy requires a signature by one of \(id)'s keys"
      }
      if keys.contains(Self.keyIdentity(key)) { return nil }
      let owner = reviewer(withKey: key).map { " (\($0)'s)" } ?? ""
      return
        "signed with \(identity.fingerprint ?? "a key")\(owner) by \(who); the policy requires one of \(id)'s keys"
    }
    switch permission {
    case .reviewer(let owner):
      if chairsKeep(owner) { return violation(of: .chair, by: identity) }
      guard let entry = reviewers[owner] else {
        return "changed by \(who); \(owner) is not in the registry, so nobody may change it"
      }
      if let behalf = identity.onBehalfOf {
        guard behalf == owner else {
          return "changed by \(who) on behalf of \(behalf), not of \(owner)"
        }
        guard let chair = writer(of: identity), role(of: chair) == .chair else {
          return
            "changed by \(who) on behalf of \(owner); only a chair may write on someone's behalf"
        }
        return signatureProblem(chair)
      }
      let emails = entry.emails.map { $0.lowercased() }
      let keyMatches =
        identity.signingKey.map { key in
          entry.keys.map(Self.keyIdentity).contains(Self.keyIdentity(key))
        } ?? false
      let authored =
        emails.isEmpty ? keyMatches : emails.contains(identity.email.lowercased())
      guard authored else { return "changed by \(who); only \(owner) may change it" }
      // Signed, even where the policy does not ask, by someone else's key: not the author's.
      if let key = identity.signingKey, !keyMatches, let other = reviewer(withKey: key) {
        return "authored as \(owner) but signed with \(other)'s key \(identity.fingerprint ?? "")"
      }
      return signatureProblem(owner)
    case .chair, .round:
      guard let writer = writer(of: identity), role(of: writer) == .chair else {
        return permission == .round
          ? "closed by \(who); only a chair may close a round"
          : "changed by \(who); only a chair may change it"
      }
      return signatureProblem(writer)
    case .registered:
      guard let writer = writer(of: identity) else {
        return "changed by \(who), who is not in the registry"
      }
      return signatureProblem(writer)
    }
  }

  /// Whether a reviewer's file is the chairs' to keep: a reference (a curated record) with no
  /// identity of its own.
  public func chairsKeep(_ reviewer: ReviewerID) -> Bool {
    role(of: reviewer) == .reference
      && reviewers[reviewer].map { $0.emails.isEmpty && $0.keys.isEmpty } ?? true
  }

  /// Whether a commit is signed with a key of whoever the permission lets write: the owner of
  /// an evaluation, or a chair where a chair writes it (on someone's behalf, or a reference the
  /// chairs keep), a chair for settings, templates and rounds, any registered reviewer for a
  /// subject file.
  public func isSignedByPermittedKey(_ permission: Permission, by identity: CommitIdentity)
    -> Bool
  {
    guard identity.badSignature == nil,
      let signer = identity.signingKey.flatMap({ reviewer(withKey: $0) })
    else { return false }
    switch permission {
    case .reviewer(let owner):
      let byChair = identity.onBehalfOf != nil || chairsKeep(owner)
      return byChair ? role(of: signer) == .chair : signer == owner
    case .chair, .round:
      return role(of: signer) == .chair
    case .registered:
      return true
    }
  }

  /// A commit's maker for messages: `Name <email>`, with their registry id and role if known.
  public func describe(_ identity: CommitIdentity) -> String {
    let known = writer(of: identity).map { " (\($0), \(role(of: $0).rawValue))" } ?? ""
    return "\(identity.name) <\(identity.email)>\(known)"
  }
}
