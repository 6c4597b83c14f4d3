import Foundation
import GitKit

/// One commit of `review log`: who, when, why, and the judgements it changed.
public struct LogEntry: Sendable, Encodable {
  public var commit: String
  public var author: String
  public var email: String
  public var date: String
  public var message: String
  public var changes: [JudgementChange]
}

extension ReviewRepository {
  /// The commits reachable from `revision` and not from `since`, newest first, with the
  /// judgements each changed against its first parent. One revision walk: commits whose
  /// `reviews/` tree equals their parent's are skipped without reading anything below it, only
  /// changed subject folders are descended, and each blob is parsed once.
  public func log(
    subject: String? = nil, reviewer: String? = nil, since: String? = nil,
    at revision: String = "HEAD"
  ) throws -> [LogEntry] {
    if let subject { try Identifier.validate(subject, kind: "subject") }
    if let reviewer { try Identifier.validate(reviewer, kind: "reviewer") }
    let head = try wrapGit { try git.resolveCommit(revision) }
    let hidden =
      try since.map { revision in [try wrapGit { try git.resolveCommit(revision) }] } ?? []
    var reader = HistoryReader(repository: git, frameworks: try snapshot(at: revision).frameworks)
    // The reviews/ tree of each commit, remembered for when the commit is the next one's parent.
    var reviewsTree: [ObjectID: ObjectID?] = [:]
    func reviews(of commit: ObjectID, tree: ObjectID? = nil) throws -> ObjectID? {
      if let cached = reviewsTree[commit] { return cached }
      let root = try tree ?? wrapGit { try git.treeAndFirstParent(of: commit).tree }
      let entry = try wrapGit { try git.entry(at: "reviews", in: root) }?.id
      reviewsTree[commit] = entry
      return entry
    }
    var entries: [LogEntry] = []
    for id in try wrapGit({ try git.walk(from: [head], hiding: hidden, order: .newestFirst) }) {
      let (tree, parent) = try wrapGit { try git.treeAndFirstParent(of: id) }
      let now = try reviews(of: id, tree: tree)
      let before = try parent.flatMap { try reviews(of: $0) }
      reviewsTree[id] = nil  // a commit is the parent of the next one in the walk at most once more
      if now == before { continue }
      var changes: [JudgementChange] = []
      for file in try reader.changedEvaluations(from: before, to: now, subject: subject) {
        if let reviewer, file.reviewer != reviewer { continue }
        let path = "reviews/\(file.subject)/\(file.reviewer).yaml"
        let old = try file.old.flatMap { try reader.evaluation($0, path: path) }
        let new = try file.new.flatMap { try reader.evaluation($0, path: path) }
        let framework = (new ?? old).flatMap { evaluation in reader.frameworks[evaluation.framework]
        }
        let order = framework?.criteria.map { $0.id } ?? []
        changes += SemanticDiff.changes(
          from: old, to: new, subject: file.subject, reviewer: file.reviewer, order: order)
      }
      guard !changes.isEmpty else { continue }
      let commit = try wrapGit { try git.commit(id) }
      entries.append(
        LogEntry(
          commit: id.hex, author: commit.author.name, email: commit.author.email,
          date: commit.author.isoDate,
          message: commit.message.trimmingCharacters(in: .whitespacesAndNewlines),
          changes: changes))
    }
    return entries
  }
}
