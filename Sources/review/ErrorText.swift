import GitKit
import ReviewCore
import ReviewStore

/// The words of every error `review` prints, in one place: the layers describe what is wrong,
/// and this adds what to do about it in the tool's own commands and flags, which no library
/// names.
enum ErrorText {
  /// The lines to print on standard error: each file problem as `path:line:column: error: ...`,
  /// anything else as `error: ...`.
  static func lines(_ error: any Error) -> [String] {
    switch error {
    case ReviewError.invalidFiles(let diagnostics):
      return diagnostics.map(\.description)
    case ReviewError.noSubjectID(let name, let field, let path):
      let message = "\(field): cannot make a subject id from '\(name)'; give --subject ID"
      return [Diagnostic(path: path, message: message).description]
    case StoreError.committedFileBroken(let path, let subject, let problems):
      return problems.map(\.description) + [
        "error: \(path) as committed does not read, so no change can apply to it; repair it with 'review edit \(subject)' or 'review score \(subject) --file FILE'"
      ]
    case StoreError.unverifiedIncoming(let revision, let violations):
      let count = "\(violations.count) violation\(violations.count == 1 ? "" : "s")"
      return [
        "error: \(revision) brings \(count) of the policy; nothing merged (--allow-unverified takes them in, and the merge commit lists them):"
      ] + violations.map(\.description)
    default:
      return ["error: \(message(error))"]
    }
  }

  /// One error in words, with the hint for this tool where there is one.
  static func message(_ error: any Error) -> String {
    switch error {
    case ReviewError.unknownCriterion(_, let framework, _):
      return "\(error) (see 'review templates \(framework)')"
    case ReviewError.unknownSubject(let subject):
      return "\(error) (create it with 'review new \(subject)')"
    case StoreError.noReviewerID:
      return
        "no reviewer id: pass --reviewer ID, set REVIEW_REVIEWER, or set git config user.email"
    case StoreError.noRemote(let available):
      return available.isEmpty
        ? "no remote to sync with; add one with 'git remote add origin URL'"
        : "several remotes; name one: review sync REMOTE"
    case StoreError.git(.networkLimit):
      return
        "\(error); to wait longer or take more, set git config review.networkTimeout (seconds) or review.networkMaxBytes"
    case StoreError.remoteKeptMoving:
      return "\(error); run 'review sync' again"
    case StoreError.mergeInProgress:
      return
        "a merge is in progress; finish it with 'review merge --continue' or 'review merge --abort'"
    case StoreError.conflictsLeft:
      return "\(error); see 'review conflicts'"
    case StoreError.headMoved:
      return "\(error); run 'review merge --abort' and merge again"
    case StoreError.unreadableMergeState:
      return "\(error); run 'review merge --abort'"
    case StoreError.wholeFileTakesASide:
      return "a whole-file conflict takes --ours or --theirs"
    case StoreError.valuesNeedACriterion:
      return "values settle a criterion's fields; give the criterion, or use --ours or --theirs"
    case StoreError.notTheReviewer(let reviewer, _, _):
      return "\(error) (as a chair, record it for them with --on-behalf-of \(reviewer))"
    case StoreError.noSigningKey, StoreError.unsupportedSigningFormat:
      return "\(error), or write unsigned with --no-sign"
    case StoreError.git(.unbornHead):
      return "\(error); run 'review init' to make this a review repository"
    case StoreError.importedTwice, StoreError.subjectFrameworkDiffers:
      return "\(error); give --subject ID"
    default:
      return "\(error)"
    }
  }
}
