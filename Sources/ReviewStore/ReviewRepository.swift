import Foundation
import GitKit
import ReviewCodec
import ReviewCore

/// A review repository: a git repository whose `reviews/` folder holds subjects and evaluations.
/// Reads go through committed objects at a revision; writes commit exactly one file each.
public struct ReviewRepository {
  /// The git repository, for this thread only.
  public let git: Repository

  /// Creates a value with each field given.
  public init(git: Repository) {
    self.git = git
  }

  /// Opens the repository that contains `path`.
  public static func open(at path: String) throws -> ReviewRepository {
    ReviewRepository(git: try wrapGit { try Repository.discover(from: path) })
  }

  /// The review files of the commit `revision` names.
  public func snapshot(at revision: String = "HEAD") throws -> ReviewSnapshot {
    let commit = try wrapGit { try git.resolveCommit(revision) }
    return try ReviewSnapshot(source: try RevisionSource(repository: git, commit: commit))
  }

  /// The review files of the working tree, as they are on disk.
  public func workingSnapshot() throws -> ReviewSnapshot {
    guard let root = git.workdir else { throw StoreError.git(.bareRepository) }
    return try ReviewSnapshot(source: WorkingTreeSource(root: root))
  }

  /// Resolves who acts, with the registry of reviewers as committed at HEAD: see
  /// `Actor.resolve`.
  public func actor(
    reviewer: String?, onBehalfOf: String? = nil, sign: Bool? = nil,
    environment: [String: String], requireReviewer: Bool = true
  ) throws -> Actor {
    let settings = git.isHeadUnborn ? Settings() : try snapshot().settings
    return try Actor.resolve(
      reviewer: reviewer, onBehalfOf: onBehalfOf, sign: sign, settings: settings,
      environment: environment, config: { git.configString($0) },
      requireReviewer: requireReviewer)
  }

  /// Commits files onto HEAD as it is now, with the actor's signatures (for `init`, which no
  /// other write races: see `transaction` for the rest).
  func commit(_ changes: [FileChange], message: String, actor: Actor) throws -> ObjectID {
    try commit(changes, message: message, actor: actor, onto: try wrapGit { try git.headCommit() })
  }
}

extension ReviewRepository {
  /// The committer date of a revision as YYYY-MM-DD in the committer's own offset.
  public func commitDate(at revision: String) throws -> String {
    let id = try wrapGit { try git.resolveCommit(revision) }
    return String(try wrapGit { try git.commit(id) }.committer.isoDate.prefix(10))
  }
}
