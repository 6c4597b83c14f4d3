import Foundation
import GitKit
import ReviewCodec
import ReviewCore

/// Who last changed each evaluation of a subject, and how often, up to a revision.
public struct EvaluationHistory: Sendable, Encodable {
  /// The reviewer.
  public var reviewer: ReviewerID
  /// The newest commit that changed the reviewer's file.
  public var commit: ObjectID
  /// Who made that commit.
  public var author: String
  /// The commit's date, ISO 8601.
  public var date: String
  /// The first line of the commit's message.
  public var summary: String
  /// How many commits changed the file.
  public var changes: Int
}

/// Everything `review report` shows: the consensus report, the commit it describes, and the
/// history of each evaluation.
public struct SubjectReport: Sendable {
  /// The consensus report.
  public var consensus: ConsensusReport
  /// The date of the commit the report describes.
  public var commitDate: String
  /// Who last changed each evaluation, and how often.
  public var history: [EvaluationHistory]
  /// The rounds up to the reported commit, oldest first, then the reported state itself when
  /// it is not a round (named `current`).
  public var rounds: [Round]
}

extension ReviewRepository {
  /// The report of a subject at a revision.
  public func report(subject id: SubjectID, at revision: String = "HEAD") throws -> SubjectReport {
    let consensus = try consensus(subject: id, at: revision)
    let head = try wrapGit { try git.resolveCommit(revision) }
    let date = try wrapGit { try git.commit(head) }.committer.isoDate
    let history = History(self)
    var rounds = try history.rounds(subject: id).filter { round in
      try wrapGit { try git.isAncestor(round.commit, of: head) }
    }
    if rounds.last?.commit != head {
      rounds.append(
        try history.roundState(
          subject: id, name: "current", commit: head, previous: rounds.last?.commit))
    }
    return SubjectReport(
      consensus: consensus, commitDate: date,
      history: try evaluationHistory(
        subject: id, reviewers: consensus.reviewers + consensus.setAside.map(\.evaluation.reviewer),
        from: head),
      rounds: rounds)
  }

  /// For each reviewer's file, the commit that made it what it is, following both parents of
  /// merges (a merge that brought it in is not credited), and how many commits changed it: those
  /// whose version differs from every parent's, in one walk.
  func evaluationHistory(subject: SubjectID, reviewers: [ReviewerID], from head: ObjectID) throws
    -> [EvaluationHistory]
  {
    let files = SubjectFolderReader(repository: git, subject: subject)
    let folderID = files.folder
    let blob = files.evaluation
    var counts: [ReviewerID: Int] = [:]
    let credit = try HashVerification.skipped {
      try wrapGit {
        try git.walk(from: [head], order: .newestFirst) { commit in
          let parents = try git.links(of: commit).parents
          let here = try folderID(commit)
          let before = try parents.map { try folderID($0) }
          // The folder as one parent had it: this commit changed none of its files.
          if before.contains(here) || (here == nil && parents.isEmpty) { return }
          for reviewer in reviewers {
            let now = try blob(commit, reviewer)
            let old = try parents.map { try blob($0, reviewer) }
            if old.isEmpty ? now != nil : !old.contains(now) {
              counts[reviewer, default: 0] += 1
            }
          }
        }
        return try Attribution<ReviewerID, ObjectID>(repository: git, value: blob).credit(
          Set(reviewers), from: head)
      }
    }
    return try reviewers.compactMap { reviewer in
      guard let id = credit[reviewer] else { return nil }
      let commit = try wrapGit { try git.commit(id) }
      return EvaluationHistory(
        reviewer: reviewer, commit: commit.id,
        author: "\(commit.author.name) <\(commit.author.email)>", date: commit.author.isoDate,
        summary: commit.summary, changes: counts[reviewer] ?? 0)
    }
  }
}
