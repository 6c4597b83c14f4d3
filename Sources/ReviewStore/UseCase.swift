import GitKit
import ReviewCore

/// A use of the repository for one kind of work (history, a merge session, sync, imports): a
/// small value over the one repository handle, used on the handle's thread.
protocol UseCase {
  /// The repository worked on.
  var repository: ReviewRepository { get }
}

extension UseCase {
  /// The git repository, for this thread only.
  var git: Repository { repository.git }

  /// The review files of the commit `revision` names.
  func snapshot(at revision: String = "HEAD") throws -> ReviewSnapshot {
    try repository.snapshot(at: revision)
  }

  /// The review files of the working tree.
  func workingSnapshot() throws -> ReviewSnapshot { try repository.workingSnapshot() }
}

/// The history of a repository's judgements: log, diff, blame, rounds.
public struct History: UseCase {
  /// The repository whose history is read.
  public let repository: ReviewRepository

  /// The history of `repository`.
  public init(_ repository: ReviewRepository) { self.repository = repository }
}

/// A semantic merge: starting one, its conflicts, resolving them, continuing or aborting.
public struct MergeSession: UseCase {
  /// The repository merged into.
  public let repository: ReviewRepository

  /// The merge session of `repository` (at most one is in progress at a time).
  public init(_ repository: ReviewRepository) { self.repository = repository }
}

/// Fetching, merging by meaning and pushing through a git remote.
public struct Sync: UseCase {
  /// The repository synced.
  public let repository: ReviewRepository

  /// Syncing of `repository`.
  public init(_ repository: ReviewRepository) { self.repository = repository }
}

/// Imports of other tools' records as evaluations.
public struct Importer: UseCase {
  /// The repository imported into.
  public let repository: ReviewRepository

  /// Imports into `repository`.
  public init(_ repository: ReviewRepository) { self.repository = repository }
}
