import GitKit

/// An error of the store: the repository, its files and git, as opposed to the domain's
/// `ReviewError`. The words people read are in `description`, in this one place.
public enum StoreError: Error, CustomStringConvertible, Sendable {
  /// A file that could not be read or written, and why.
  case io(path: String, message: String)
  /// The git layer failed.
  case git(GitError)

  public var description: String {
    switch self {
    case .io(let path, let message):
      return "\(path): \(message)"
    case .git(let error):
      return error.description
    }
  }
}

/// Runs a git-layer call and wraps its error in `StoreError.git`.
func wrapGit<T>(_ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let error as GitError {
    throw StoreError.git(error)
  }
}
