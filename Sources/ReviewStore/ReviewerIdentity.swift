import Foundation
import GitKit
import ReviewCodec
import ReviewCore

/// Who is acting: the reviewer id whose evaluation a write touches, the signatures of the
/// commit (the reviewer as author, whoever runs the tool as committer), and the key it is
/// signed with.
public struct Actor: Sendable {
  /// The reviewer id whose file is written.
  public var reviewer: ReviewerID
  /// The commit's author: the reviewer, or the chair writing on their behalf.
  public var author: Signature
  /// The commit's committer: whoever runs the tool.
  public var committer: Signature
  /// The key the commit is signed with; nil for an unsigned commit.
  public var signer: WriteSigner?
  /// The reviewer a chair writes on behalf of, recorded in an `On-behalf-of:` trailer.
  public var onBehalfOf: ReviewerID?

  /// A commit message with the actor's trailer.
  public func message(_ text: String) -> String {
    guard let onBehalfOf else { return text }
    return text + "\n\n\(CommitIdentity.onBehalfOfTrailer): \(onBehalfOf)"
  }
}

extension Actor {
  /// The reviewer id: `explicit` (`--reviewer`), else `REVIEW_REVIEWER`, else git config
  /// `review.reviewer`, else the local part of `user.email`, lower-cased, with characters
  /// outside `[a-z0-9._-]` turned into `-`.
  public static func reviewerID(
    explicit: String?, environment: [String: String], config: (String) -> String?
  ) throws -> String {
    if let explicit {
      try Identifier.validate(explicit, kind: "reviewer")
      return explicit
    }
    if let value = environment["REVIEW_REVIEWER"], !value.isEmpty {
      try Identifier.validate(value, kind: "reviewer")
      return value
    }
    if let value = config("review.reviewer"), !value.isEmpty {
      try Identifier.validate(value, kind: "reviewer")
      return value
    }
    guard let email = environment["GIT_AUTHOR_EMAIL"] ?? config("user.email"), !email.isEmpty
    else {
      throw StoreError.noReviewerID
    }
    let local = email.split(separator: "@").first.map(String.init) ?? email
    var id = String(
      local.lowercased().unicodeScalars.map { scalar -> Character in
        let allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyz0123456789._-")
        return allowed.contains(scalar) ? Character(scalar) : "-"
      })
    while let first = id.first, !(first.isLetter || first.isNumber) { id.removeFirst() }
    while id.contains("..") { id = id.replacingOccurrences(of: "..", with: ".") }
    id = String(id.prefix(64))
    try Identifier.validate(id, kind: "reviewer")
    return id
  }

  /// Resolves the reviewer and both signatures from the environment, the repository's config
  /// and the registry of reviewers in `review.yaml`. Without `requireReviewer`, a missing
  /// reviewer id is no error (the reviewer is then empty), for commits that are nobody's
  /// evaluation such as `review init`.
  ///
  /// The write is refused when the reviewer is in the registry with keys or e-mails and the
  /// identity doing it is not theirs: the signing key when the commit is signed and they have
  /// keys, else the author e-mail (`GIT_AUTHOR_EMAIL`, `author.email`, `user.email`) before the
  /// registry's. A chair may write on someone's behalf (`onBehalfOf`): the chair is then the
  /// author, and the message carries an `On-behalf-of:` trailer. `sign` is `--sign` or
  /// `--no-sign`; without it git's `commit.gpgsign` decides.
  public static func resolve(
    reviewer explicit: String?, onBehalfOf: String? = nil, sign: Bool? = nil,
    settings: Settings, environment: [String: String], config: (String) -> String?,
    now: Date = Date(), requireReviewer: Bool = true
  ) throws -> Actor {
    let reviewer: ReviewerID
    if let onBehalfOf {
      try Identifier.validate(onBehalfOf, kind: "reviewer")
      reviewer = ReviewerID(onBehalfOf)
    } else {
      do {
        reviewer = ReviewerID(
          try reviewerID(explicit: explicit, environment: environment, config: config))
      } catch  where !requireReviewer {
        reviewer = ""
      }
    }
    let signer = try WriteSigner.resolve(
      .commit, choice: sign, environment: environment, config: config)
    func nonEmpty(_ value: String?) -> String? { value?.isEmpty == false ? value : nil }
    let email =
      nonEmpty(environment["GIT_AUTHOR_EMAIL"]) ?? nonEmpty(config("author.email"))
      ?? nonEmpty(config("user.email")) ?? nonEmpty(environment["EMAIL"]) ?? ""
    let identity = CommitIdentity(
      name: "", email: email, signingKey: signer?.ssh.publicKey.line,
      fingerprint: signer?.ssh.publicKey.fingerprint)
    let shown = signer.map { "the key \($0.ssh.publicKey.fingerprint)" } ?? "<\(email)>"
    // Whose name and e-mail the commit carries: the reviewer's, or the chair's on their behalf.
    var authorID = reviewer
    if onBehalfOf != nil {
      let writer = settings.writer(of: identity)
      guard let writer, settings.role(of: writer) == .chair else {
        throw StoreError.notAChair(identity: shown, owner: writer)
      }
      authorID = writer
    } else if requireReviewer, settings.policy != nil,
      settings.reviewers[reviewer].map({ $0.keys.isEmpty && $0.emails.isEmpty }) ?? true
    {
      // Under a policy, what verify would flag is refused here: a reference without an
      // identity of its own is the chairs' to write, and an unregistered reviewer nobody's.
      let writer = settings.writer(of: identity)
      if settings.role(of: reviewer) == .reference {
        guard let writer, settings.role(of: writer) == .chair else {
          throw StoreError.chairOnly(
            action: "write the reference \(reviewer)'s evaluations",
            problem: "\(shown)\(writer.map { " (\($0))" } ?? "") is not a chair's identity")
        }
      } else {
        throw StoreError.notRegistered(reviewer: reviewer)
      }
    } else if requireReviewer, let entry = settings.reviewers[reviewer],
      !entry.keys.isEmpty || !entry.emails.isEmpty
    {
      let isTheirs: Bool
      if let key = identity.signingKey, !entry.keys.isEmpty {
        isTheirs = entry.keys.map(Settings.keyIdentity).contains(Settings.keyIdentity(key))
      } else {
        isTheirs = entry.emails.contains { $0.lowercased() == email.lowercased() }
      }
      guard isTheirs else {
        let owner =
          identity.signingKey.map { settings.reviewer(withKey: $0) }
          ?? settings.reviewer(withEmail: email)
        throw StoreError.notTheReviewer(reviewer: reviewer, identity: shown, owner: owner)
      }
    }
    let registered = settings.reviewers[authorID]
    do {
      let author = try Signature.resolve(
        role: .author, environment: environment, config: config,
        preferred: (registered?.name, registered?.email), now: now)
      let committer = try Signature.resolve(
        role: .committer, environment: environment, config: config, now: now)
      return Actor(
        reviewer: reviewer, author: author, committer: committer, signer: signer,
        onBehalfOf: onBehalfOf.map { ReviewerID($0) })
    } catch let error as GitError {
      throw StoreError.git(error)
    }
  }
}
