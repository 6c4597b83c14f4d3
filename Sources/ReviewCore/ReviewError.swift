/// An error of the review domain: what is wrong, with the ids and values it concerns. The words
/// people read are in `description`, in this one place.
public enum ReviewError: Error, CustomStringConvertible, Sendable {
  /// Files that do not validate, each problem with its position.
  case invalidFiles([Diagnostic])
  /// An id that breaks the id rule; the text says which and why.
  case invalidIdentifier(String)
  /// No subject folder with this id.
  case unknownSubject(SubjectID)
  /// A subject that `new` would create exists already.
  case subjectExists(SubjectID)
  /// No framework with this id, with those there are.
  case unknownFramework(FrameworkID, available: [FrameworkID])
  /// A criterion the framework does not have, with the nearest one it has.
  case unknownCriterion(CriterionID, framework: FrameworkID, suggestion: CriterionID?)
  /// A value a judgement field may not hold.
  case invalidJudgement(JudgementProblem)
  /// A field given for a criterion that has no level yet.
  case judgementWithoutLevel(criterion: CriterionID)
  /// A criterion given twice in one command.
  case repeatedCriterion(CriterionID)
  /// A record's name (in `field` of the file at `path`) that makes no valid subject id.
  case noSubjectID(name: String, field: String, path: String)
  /// The reviewer has no evaluation of the subject.
  case noEvaluation(subject: SubjectID, reviewer: ReviewerID)
  /// A subject that cannot be exported in a format: it is judged against another framework.
  case cannotExport(subject: SubjectID, framework: FrameworkID, format: String, needs: FrameworkID)
  /// A file that, written canonically, would not read back as the same.
  case doesNotReadBack(path: String)

  /// What went wrong, in words for people.
  public var description: String {
    switch self {
    case .invalidFiles(let diagnostics):
      return diagnostics.map(\.description).joined(separator: "\n")
    case .invalidIdentifier(let text):
      return text
    case .noSubjectID(let name, let field, let path):
      return "\(path): \(field): cannot make a subject id from '\(name)'"
    case .unknownSubject(let subject):
      return "unknown subject '\(subject)'"
    case .subjectExists(let subject):
      return "subject '\(subject)' already exists"
    case .unknownFramework(let framework, let available):
      return
        "unknown framework '\(framework)' (available: \(available.map(\.rawValue).joined(separator: ", ")))"
        + Suggestion.phrase(
          Suggestion.nearest(to: framework.rawValue, among: available.map(\.rawValue)))
    case .unknownCriterion(let criterion, let framework, let suggestion):
      return
        "unknown criterion '\(criterion)' in framework '\(framework)'\(Suggestion.phrase(suggestion?.rawValue))"
    case .invalidJudgement(let problem):
      return problem.description
    case .judgementWithoutLevel(let criterion):
      return "'\(criterion)' has no level yet; give \(criterion)=LEVEL as well"
    case .repeatedCriterion(let criterion):
      return "criterion '\(criterion)' is given more than once"
    case .noEvaluation(let subject, let reviewer):
      return "'\(reviewer)' has no evaluation of '\(subject)'"
    case .cannotExport(let subject, let framework, let format, let needs):
      return
        "'\(subject)' is judged against \(framework), not \(needs): it cannot be exported as \(format)"
    case .doesNotReadBack(let path):
      return "\(path): would not read back as written; nothing committed"
    }
  }
}
