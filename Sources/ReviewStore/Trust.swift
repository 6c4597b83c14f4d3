import GitKit
import ReviewCore

extension ReviewRepository {
  /// Whether each reviewer's evaluation of a subject at a commit is provably theirs: the verdict
  /// of the policy on the commit that made the file what it is (found as `git blame` would,
  /// through merges). Empty when the repository has no policy there.
  func evaluationTrust(
    subject: SubjectID, reviewers: [ReviewerID], at head: ObjectID, settings: Settings
  ) throws -> [ReviewerID: EvaluationTrust] {
    guard settings.policy != nil, !reviewers.isEmpty else { return [:] }
    let files = SubjectFolderReader(repository: git, subject: subject)
    let credit = try HashVerification.skipped {
      try wrapGit {
        try Attribution<ReviewerID, ObjectID>(repository: git, value: files.evaluation).credit(
          Set(reviewers), from: head)
      }
    }
    let verifier = Verifier(self)
    var result: [ReviewerID: EvaluationTrust] = [:]
    for (reviewer, commit) in credit {
      switch try verifier.verdict(commit) {
      case .unverifiable:
        result[reviewer] = .unverifiable
      case .judged(let identity, let problems, let policy):
        // Judged, as the violation was, by the policy the commit was made under.
        let location = FileLocation.evaluation(subject: subject, reviewer: reviewer)
        if problems[location.path] != nil {
          result[reviewer] = .violation
        } else {
          let signed = policy.isSignedByPermittedKey(Permission(location), by: identity)
          result[reviewer] = signed ? .verified : .unsigned
        }
      }
    }
    return result
  }
}
