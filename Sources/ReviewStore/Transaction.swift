import Foundation
import GitKit
import ReviewCore

extension ReviewRepository {
  /// How many times a write starts again when the branch moved under it.
  static let writeAttempts = 5

  /// Runs a write as a transaction. Under the repository's write lock (so that two `review`
  /// processes never interleave their writes), `body` reads the review files of the branch's
  /// commit, works out its change and commits it onto that very commit. When the branch moved
  /// meanwhile (a plain `git commit`, which takes no such lock), nothing is written and `body`
  /// runs again from the new commit, a few times.
  ///
  /// The lock is an advisory `flock` on `.git/review/write.lock`: the kernel releases it when
  /// the process ends, however it ends, so a killed write never leaves a lock behind.
  func transaction<T>(_ body: (_ base: ObjectID, _ snapshot: ReviewSnapshot) throws -> T)
    throws -> T
  {
    let lock = try WriteLock(gitDirectory: git.gitDirectory)
    defer { lock.release() }
    // A write killed after staging its change and before moving the branch is finished first.
    _ = try wrapGit { try git.finishInterruptedCommit() }
    var attempt = 1
    while true {
      guard let base = try wrapGit({ try git.headCommit() }) else {
        throw StoreError.git(.unbornHead)
      }
      do {
        return try body(base, try snapshot(at: base.hex))
      } catch StoreError.git(.referenceMoved) where attempt < Self.writeAttempts {
        attempt += 1
      }
    }
  }

  /// Commits files onto `base` with the actor's signatures; `referenceMoved` when the branch
  /// no longer points there.
  func commit(_ changes: [FileChange], message: String, actor: Actor, onto base: ObjectID?)
    throws -> ObjectID
  {
    try wrapGit {
      try git.commitChanges(
        changes, message: actor.message(message), author: actor.author,
        committer: actor.committer, onto: base, signer: actor.signer?.objectSigner)
    }
  }
}

/// An exclusive advisory lock on a file in the git directory, held until released or until the
/// process ends.
private struct WriteLock {
  private let descriptor: Int32

  init(gitDirectory: String) throws {
    let folder = gitDirectory + "/review"
    try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    let path = folder + "/write.lock"
    descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
    guard descriptor >= 0 else {
      throw StoreError.io(path: path, message: String(cString: strerror(errno)))
    }
    while flock(descriptor, LOCK_EX) != 0 {
      guard errno == EINTR else {
        let message = String(cString: strerror(errno))
        close(descriptor)
        throw StoreError.io(path: path, message: message)
      }
    }
  }

  func release() {
    close(descriptor)
  }
}
