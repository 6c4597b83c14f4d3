import CLibgit2

/// An error from the git layer, carrying the operation that failed and what libgit2 said.
public enum GitError: Error, Equatable, Sendable, CustomStringConvertible {
  /// A libgit2 call failed; `code` is its return value.
  case libgit2(operation: String, code: Int32, message: String)
  /// No git repository at or above the path.
  case notARepository(path: String)
  /// The repository has no commits yet.
  case unbornHead
  /// HEAD points at a commit, not a branch, so there is no branch to advance.
  case detachedHead
  /// A revision string does not name a commit.
  case unknownRevision(String)
  /// A path inside the repository is absolute, escapes the work tree, or is empty.
  case invalidPath(String)
  /// The branch moved while a commit was being prepared.
  case referenceMoved(reference: String)
  /// A tag that exists already (tags are never moved).
  case tagExists(name: String)
  /// A reference whose lock file exists: another git process holds it, or one was killed.
  case locked(lock: String, reference: String)
  /// A path has changes in the working tree or the index that a write would overwrite.
  case uncommittedChanges(path: String)
  /// A bare repository has no working tree to write to.
  case bareRepository
  /// A date in `GIT_AUTHOR_DATE` or `GIT_COMMITTER_DATE` that git's formats do not cover.
  case invalidDate(variable: String, value: String)
  /// No name or e-mail for a signature.
  case missingIdentity(role: String)
  /// A file of the working tree could not be read or written.
  case io(path: String, message: String)
  /// An object of the repository is not what it should be (a tree that does not parse).
  case corruptObject(id: String)
  /// A tree that names an entry twice, or out of git's order (`git fsck`: duplicateEntries,
  /// treeNotSorted); `folder` is its path when known, else its id.
  case duplicateEntry(folder: String, name: String)
  /// A tag that points at something other than a commit (a blob, a tree).
  case tagNotOnACommit(name: String, type: String)
  /// A fetch or push stopped because the remote passed one of its `NetworkLimits`.
  case networkLimit(operation: String, String)

  /// What went wrong, in words for people.
  public var description: String {
    switch self {
    case .libgit2(let operation, _, let message):
      return "\(operation): \(message)"
    case .notARepository(let path):
      return "not a git repository (or any of the parent directories): \(path)"
    case .unbornHead:
      return "the repository has no commits yet"
    case .detachedHead:
      return "HEAD is detached; check out a branch first"
    case .unknownRevision(let revision):
      return "unknown revision '\(revision)'"
    case .invalidPath(let path):
      return "invalid path '\(path)'"
    case .referenceMoved(let reference):
      return "\(reference) moved while committing; run the command again"
    case .tagExists(let name):
      return "\(name) exists already"
    case .locked(let lock, let reference):
      return
        "\(reference) is locked by \(lock): another git process is updating it, or one was killed; if none is running, remove \(lock) and run the command again"
    case .uncommittedChanges(let path):
      return
        "\(path) has uncommitted changes that this would overwrite; commit or discard them first"
    case .bareRepository:
      return "this operation needs a working tree, and the repository is bare"
    case .invalidDate(let variable, let value):
      return "\(variable): invalid date '\(value)'"
    case .missingIdentity(let role):
      return
        "no \(role) identity: set git config user.name and user.email, or GIT_\(role.uppercased())_NAME and GIT_\(role.uppercased())_EMAIL"
    case .io(let path, let message):
      return "\(path): \(message)"
    case .corruptObject(let id):
      return "object \(id) is not a well-formed tree; run 'git fsck'"
    case .duplicateEntry(let folder, let name):
      return "tree \(folder) holds '\(name)' twice or out of order (git fsck: duplicateEntries)"
    case .tagNotOnACommit(let name, let type):
      return "tag \(name) points at a \(type), not a commit"
    case .networkLimit(let operation, let reason):
      return "\(operation): stopped: \(reason)"
    }
  }
}

/// libgit2 is initialised once per process, before the first call, with its defaults (every
/// object read is re-hashed to check its id; see `HashVerification`).
private let libgit2Initialized: Bool = {
  git_libgit2_init()
  return true
}()

/// Ensures libgit2 is initialised; cheap after the first call.
func ensureLibgit2() {
  _ = libgit2Initialized
}

/// Runs a libgit2 call and turns a negative return into `GitError.libgit2` with the message of
/// that very call (the last error is cleared first, since libgit2 can leave a stale one behind).
@discardableResult
func check(_ operation: @autoclosure () -> String, _ call: () -> Int32) throws -> Int32 {
  ensureLibgit2()
  git_error_clear()
  return try checked(operation(), code: call())
}

/// Turns the negative return of the libgit2 call just made into `GitError.libgit2`, with that
/// call's message (the caller cleared the last error before the call).
@discardableResult
func checked(_ operation: @autoclosure () -> String, code: Int32) throws -> Int32 {
  guard code < 0 else { return code }
  var message = "error \(code)"
  if let last = git_error_last(), let text = last.pointee.message {
    message = String(cString: text)
  }
  throw GitError.libgit2(operation: operation(), code: code, message: message)
}
