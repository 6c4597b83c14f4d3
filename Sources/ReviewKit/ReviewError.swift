import GitKit

/// An error of the review domain, with what and where.
public enum ReviewError: Error, CustomStringConvertible, Sendable {
  /// Files that do not validate, each problem with its position.
  case invalidFiles([Diagnostic])
  /// An id that breaks the id rule; the text says which and why.
  case invalidIdentifier(String)
  /// Not a review repository, or not a git repository at all.
  case notAReviewRepository(path: String)
  case unknownSubject(String)
  case subjectExists(String)
  case unknownFramework(String, available: [String])
  case unknownCriterion(String, framework: String)
  /// A value a judgement field may not hold.
  case invalidJudgement(JudgementProblem)
  /// A field given for a criterion that has no level yet.
  case judgementWithoutLevel(criterion: String)
  /// A criterion given twice in one command.
  case repeatedCriterion(String)
  /// An argument that does not make sense, with the reason.
  case invalidArgument(String)
  /// The reviewer has no evaluation of the subject.
  case noEvaluation(subject: String, reviewer: String)
  /// A file outside the repository that could not be read or written.
  case io(path: String, message: String)
  /// The git layer failed.
  case git(GitError)

  public var description: String {
    switch self {
    case .invalidFiles(let diagnostics):
      return diagnostics.map(\.description).joined(separator: "\n")
    case .invalidIdentifier(let text), .invalidArgument(let text):
      return text
    case .notAReviewRepository(let path):
      return "not a review repository: \(path) (run 'review init' first)"
    case .unknownSubject(let subject):
      return "unknown subject '\(subject)' (create it with 'review new \(subject)')"
    case .subjectExists(let subject):
      return "subject '\(subject)' already exists"
    case .unknownFramework(let framework, let available):
      return
        "unknown framework '\(framework)' (available: \(available.joined(separator: ", ")))"
    case .unknownCriterion(let criterion, let framework):
      return "unknown criterion '\(criterion)' in framework '\(framework)'"
    case .invalidJudgement(let problem):
      return problem.description
    case .judgementWithoutLevel(let criterion):
      return "'\(criterion)' has no level yet; give \(criterion)=LEVEL as well"
    case .repeatedCriterion(let criterion):
      return "criterion '\(criterion)' is given more than once"
    case .noEvaluation(let subject, let reviewer):
      return "'\(reviewer)' has no evaluation of '\(subject)'"
    case .io(let path, let message):
      return "\(path): \(message)"
    case .git(let error):
      return error.description
    }
  }
}

/// Runs a git-layer call and wraps its error in `ReviewError.git`.
func wrapGit<T>(_ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let error as GitError {
    throw ReviewError.git(error)
  }
}
