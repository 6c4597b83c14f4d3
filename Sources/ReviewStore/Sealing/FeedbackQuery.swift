import GitKit
import ReviewCore

extension ReviewRepository {
  /// The feedback a panel reads between rounds, for one reviewer or the panel, compared with
  /// the latest round before the revision read. A sealed subject has none until revealed.
  public func feedback(subject id: SubjectID, reviewer: ReviewerID?, at revision: String = "HEAD")
    throws -> Feedback
  {
    if let reviewer { try Identifier.validate(reviewer) }
    let report = try consensus(subject: id, at: revision)
    if let reviewer, !report.evaluations.contains(where: { $0.reviewer == reviewer }),
      !report.reviewers.isEmpty
    {
      throw StoreError.unknownReviewer(reviewer, subject: id)
    }
    let head = try wrapGit { try git.resolveCommit(revision) }
    let earlier = try History(self).rounds(subject: id).filter { round in
      round.commit != head && (try? wrapGit { try git.isAncestor(round.commit, of: head) }) == true
    }
    let previous = earlier.last.flatMap { round in
      (try? consensus(subject: id, at: round.commit.hex)).map { (round.name, $0) }
    }
    return Feedback(report, reviewer: reviewer, previous: previous)
  }
}
