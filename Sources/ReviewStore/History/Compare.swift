import Foundation
import GitKit
import ReviewCodec
import ReviewCore

/// Where two reviewers' judgements of one criterion differ, field by field.
public struct ReviewerDifference: Sendable, Encodable {
  /// The criterion.
  public var criterion: CriterionID
  /// The judgement field.
  public var field: String
  /// The first reviewer's value; nil when absent.
  public var a: String?
  /// The second reviewer's value; nil when absent.
  public var b: String?
}

/// The judgement of a criterion as it is now, and the commit that last changed it.
public struct BlameLine: Sendable, Encodable {
  /// The criterion.
  public var criterion: CriterionID
  /// The level now.
  public var level: LevelID
  /// The newest commit that changed the judgement.
  public var commit: ObjectID
  /// That commit's author's name (as in `log`).
  public var author: String
  /// That commit's author's e-mail (as in `log`).
  public var email: String
  /// That commit's author date, ISO 8601.
  public var date: String
  /// The first line of that commit's message.
  public var summary: String
}

extension History {
  /// Where two reviewers of a subject differ, criterion by criterion, at a revision.
  public func compare(
    subject id: SubjectID, _ a: ReviewerID, _ b: ReviewerID, at revision: String = "HEAD"
  )
    throws -> [ReviewerDifference]
  {
    let snapshot = try snapshot(at: revision)
    let (subject, framework) = try snapshot.assessment(id)
    guard let first = try snapshot.evaluation(subject, reviewer: a) else {
      throw ReviewError.noEvaluation(subject: id, reviewer: a)
    }
    guard let second = try snapshot.evaluation(subject, reviewer: b) else {
      throw ReviewError.noEvaluation(subject: id, reviewer: b)
    }
    // The same field-by-field comparison as between two versions of one file, with the two
    // reviewers standing for "old" and "new"; only judgements are compared, not file fields.
    return SemanticDiff.changes(
      from: first, to: second, subject: id, reviewer: "", order: framework
    ).compactMap { change in
      change.criterion.map {
        ReviewerDifference(criterion: $0, field: change.field, a: change.old, b: change.new)
      }
    }
  }

  /// The semantic changes between two revisions, or between a revision and the working tree
  /// (`to` nil), for one subject or all.
  public func diff(subject only: SubjectID?, from revision: String, to other: String?) throws
    -> [JudgementChange]
  {
    if let only { try Identifier.validate(only) }
    let old = try snapshot(at: revision)
    let new = try other.map { try snapshot(at: $0) } ?? workingSnapshot()
    var changes: [JudgementChange] = []
    let subjects = Set(try old.subjectIDs()).union(try new.subjectIDs()).filter {
      only == nil || $0 == only
    }
    // Between two commits, what has the same object id on both sides is the same: skipped.
    func same(_ path: String) throws -> Bool {
      guard let a = try old.objectID(path) else { return false }
      return try a == new.objectID(path)
    }
    for id in subjects.sorted() where try !same(FileLocation.subjectFolder(id)) {
      let before = try? old.subject(id)
      let after = try? new.subject(id)
      let reviewers = Set(try old.reviewerIDs(id)).union(try new.reviewerIDs(id))
      let framework = (after ?? before).flatMap {
        new.frameworks[$0.framework] ?? old.frameworks[$0.framework]
      }
      for reviewer in reviewers.sorted()
      where try !same(FileLocation.evaluation(subject: id, reviewer: reviewer).path) {
        let a = try before.flatMap { try old.evaluation($0, reviewer: reviewer) }
        let b = try after.flatMap { try new.evaluation($0, reviewer: reviewer) }
        changes += SemanticDiff.changes(
          from: a, to: b, subject: id, reviewer: reviewer,
          order: framework)
      }
    }
    return changes
  }

  /// The commit that made each of some judgements of a reviewer's evaluation what it is at
  /// `head`, following both parents of merges.
  func judgementCredits(
    subject: SubjectID, reviewer: ReviewerID, criteria: Set<CriterionID>, from head: ObjectID,
    frameworks: [FrameworkID: Framework]
  ) throws -> [CriterionID: ObjectID] {
    let path = FileLocation.evaluation(subject: subject, reviewer: reviewer).path
    var reader = HistoryReader(repository: git, frameworks: frameworks)
    var files: [ObjectID: Evaluation?] = [:]
    let attribution = Attribution<CriterionID, Judgement>(repository: git) { commit, criterion in
      if let known = files[commit] { return known?.judgements[criterion] }
      let tree = try git.treeAndFirstParent(of: commit).tree
      let entry = try git.entry(at: path, in: tree)
      let file = try entry.flatMap {
        $0.kind == .file ? try reader.evaluation($0.id, path: path) : nil
      }
      files[commit] = .some(file)
      return file?.judgements[criterion]
    }
    return try HashVerification.skipped {
      try wrapGit { try attribution.credit(criteria, from: head) }
    }
  }

  /// For each of a reviewer's current judgements of a subject, the commit that made it what it
  /// is (any field), following both parents of merges as `git blame` does: a judgement a merge
  /// brought in is credited to the commit that made it, one a merge resolved to the merge.
  public func blame(subject id: SubjectID, reviewer: ReviewerID, at revision: String = "HEAD")
    throws
    -> [BlameLine]
  {
    let snapshot = try snapshot(at: revision)
    let (subject, framework) = try snapshot.assessment(id)
    guard let current = try snapshot.evaluation(subject, reviewer: reviewer) else {
      throw ReviewError.noEvaluation(subject: id, reviewer: reviewer)
    }
    let head = try wrapGit { try git.resolveCommit(revision) }
    let found = try judgementCredits(
      subject: id, reviewer: reviewer, criteria: Set(current.judgements.keys), from: head,
      frameworks: snapshot.frameworks)
    var commits: [ObjectID: Commit] = [:]
    return try framework.criteria.compactMap { criterion in
      guard let judgement = current.judgements[criterion.id], let id = found[criterion.id]
      else { return nil }
      if commits[id] == nil { commits[id] = try wrapGit { try git.commit(id) } }
      let commit = commits[id]!
      return BlameLine(
        criterion: criterion.id, level: judgement.level, commit: commit.id,
        author: commit.author.name, email: commit.author.email, date: commit.author.isoDate,
        summary: commit.summary)
    }
  }
}
