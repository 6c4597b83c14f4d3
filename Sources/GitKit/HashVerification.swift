import CLibgit2
import Synchronization

/// libgit2's check that every object read hashes to its id. It is on by default, as in libgit2;
/// a read that reads many objects and trusts the object database (whose packs git already
/// checks by their checksums) may turn it off for its own duration.
public enum HashVerification {
  /// How many callers currently want it off. The libgit2 option is process-wide, so it is off
  /// while any of them runs and back on when the last one ends.
  private static let skipping = Mutex(0)

  /// Runs `body` with libgit2's re-hashing of the objects it reads turned off, and turns it back
  /// on afterwards (unless another such body is still running).
  public static func skipped<T>(_ body: () throws -> T) rethrows -> T {
    ensureLibgit2()
    skipping.withLock { count in
      if count == 0 { _ = review_git_set_strict_hash_verification(0) }
      count += 1
    }
    defer {
      skipping.withLock { count in
        count -= 1
        if count == 0 { _ = review_git_set_strict_hash_verification(1) }
      }
    }
    return try body()
  }
}
