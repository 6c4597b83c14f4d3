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
      case .judged(let identity, let problems):
        let path = FileLocation.evaluation(subject: subject, reviewer: reviewer).path
        if problems[path] != nil {
          result[reviewer] = .violation
        } else {
          // Signed by the reviewer, or by the chair who wrote on their behalf or keeps the
          // reference.
          let signer = identity.signingKey.flatMap { settings.reviewer(withKey: $0) }
          let byChair =
            identity.onBehalfOf != nil
            || (settings.role(of: reviewer) == .reference
              && settings.reviewers[reviewer].map { $0.emails.isEmpty && $0.keys.isEmpty } ?? true)
          let verified =
            signer.map { byChair ? settings.role(of: $0) == .chair : $0 == reviewer } ?? false
          result[reviewer] = verified ? .verified : .unsigned
        }
      }
    }
    return result
  }
}
