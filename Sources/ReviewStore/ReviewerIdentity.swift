import Foundation
import GitKit
import ReviewCodec
import ReviewCore

/// Who is acting: the reviewer id whose evaluation a write touches, and the signatures of the
/// commit (the reviewer as author, whoever runs the tool as committer).
public struct Actor: Sendable {
  /// The reviewer id whose file is written.
  public var reviewer: ReviewerID
  /// The commit's author: the reviewer.
  public var author: Signature
  /// The commit's committer: whoever runs the tool.
  public var committer: Signature
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
  public static func resolve(
    reviewer explicit: String?, settings: Settings, environment: [String: String],
    config: (String) -> String?, now: Date = Date(), requireReviewer: Bool = true
  ) throws -> Actor {
    let reviewer: ReviewerID
    do {
      reviewer = ReviewerID(
        try reviewerID(explicit: explicit, environment: environment, config: config))
    } catch  where !requireReviewer {
      reviewer = ""
    }
    let registered = settings.reviewers[reviewer]
    do {
      let author = try Signature.resolve(
        role: .author, environment: environment, config: config,
        preferred: (registered?.name, registered?.email), now: now)
      let committer = try Signature.resolve(
        role: .committer, environment: environment, config: config, now: now)
      return Actor(reviewer: reviewer, author: author, committer: committer)
    } catch let error as GitError {
      throw StoreError.git(error)
    }
  }
}
