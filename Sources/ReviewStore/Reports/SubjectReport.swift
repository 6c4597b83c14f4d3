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
      history: try evaluationHistory(subject: id, reviewers: consensus.reviewers, from: head),
      rounds: rounds)
  }

  /// Walks the history once, newest first, noting for each reviewer's file the commits whose
  /// version of it differs from their first parent's.
  func evaluationHistory(subject: SubjectID, reviewers: [ReviewerID], from head: ObjectID) throws
    -> [EvaluationHistory]
  {
    var newest: [ReviewerID: Commit] = [:]
    var counts: [ReviewerID: Int] = [:]
    var changed: [(commit: ObjectID, reviewer: ReviewerID)] = []
    // A history read trusts the object database and skips re-hashing what it reads.
    try HashVerification.skipped {
      try wrapGit {
        try git.walkChanges(at: FileLocation.subjectFolder(subject), from: [head]) {
          id, before, here in
          for reviewer in reviewers {
            let name = FileLocation.fileName(reviewer: reviewer)
            let old = try before.flatMap { try git.entryID(named: name, in: $0) }
            let new = try here.flatMap { try git.entryID(named: name, in: $0) }
            if old != new { changed.append((id, reviewer)) }
          }
        }
      }
    }
    for (id, reviewer) in changed {
      counts[reviewer, default: 0] += 1
      if newest[reviewer] == nil { newest[reviewer] = try wrapGit { try git.commit(id) } }
    }
    return reviewers.compactMap { reviewer in
      newest[reviewer].map { commit in
        EvaluationHistory(
          reviewer: reviewer, commit: commit.id,
          author: "\(commit.author.name) <\(commit.author.email)>", date: commit.author.isoDate,
          summary: commit.summary, changes: counts[reviewer] ?? 0)
      }
    }
  }
}
