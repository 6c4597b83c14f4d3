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
    let reader = HistoryReader(repository: git, frameworks: try snapshot(at: revision).frameworks)
    // The reviews/ tree of each commit, remembered for when the commit is the next one's parent.
    var reviewsTree: [ObjectID: ObjectID?] = [:]
    func reviews(of commit: ObjectID, tree: ObjectID? = nil) throws -> ObjectID? {
      if let cached = reviewsTree[commit] { return cached }
      let root = try tree ?? wrapGit { try git.treeAndFirstParent(of: commit).tree }
      let entry = try wrapGit { try git.entryID(named: "reviews", in: root) }
      reviewsTree[commit] = entry
      return entry
    }
    // One pass through libgit2 (one repository handle must stay on one thread) collects the
    // changed files and their blobs, each blob read once; parsing and comparing them needs no
    // git and runs on all cores; then the entries are assembled in walk order.
    struct Pending: Sendable {
      var commit: ObjectID
      var files: [(subject: String, reviewer: String, old: Int?, new: Int?)]
    }
    var pending: [Pending] = []
    var blobIndex: [ObjectID: Int] = [:]
    var blobs: [Data] = []
    func index(_ blob: ObjectID?) throws -> Int? {
      guard let blob else { return nil }
      if let known = blobIndex[blob] { return known }
      blobs.append(try wrapGit { try git.blob(blob) })
      blobIndex[blob] = blobs.count - 1
      return blobs.count - 1
    }
    for id in try wrapGit({ try git.walk(from: [head], hiding: hidden, order: .newestFirst) }) {
      let (tree, parent) = try wrapGit { try git.treeAndFirstParent(of: id) }
      let now = try reviews(of: id, tree: tree)
      let before = try parent.flatMap { try reviews(of: $0) }
      reviewsTree[id] = nil  // a commit is the parent of the next one in the walk at most once more
      if now == before { continue }
      var files: [(String, String, Int?, Int?)] = []
      for file in try reader.changedEvaluations(from: before, to: now, subject: subject) {
        if let reviewer, file.reviewer != reviewer { continue }
        files.append((file.subject, file.reviewer, try index(file.old), try index(file.new)))
      }
      if !files.isEmpty { pending.append(Pending(commit: id, files: files)) }
    }
    let blocks = parallelMap(blobs) { CanonicalBlocks($0) }
    let frameworks = reader.frameworks
    let changes = parallelMap(pending) { item in
      item.files.flatMap { file in
        judgementChanges(
          old: file.old.map { (blobs[$0], blocks[$0]) },
          new: file.new.map { (blobs[$0], blocks[$0]) },
          subject: file.subject, reviewer: file.reviewer,
          path: "reviews/\(file.subject)/\(file.reviewer).yaml", frameworks: frameworks)
      }
    }
    var entries: [LogEntry] = []
    for (item, changes) in zip(pending, changes) where !changes.isEmpty {
      let (author, message) = try wrapGit { try git.authorAndMessage(of: item.commit) }
      entries.append(
        LogEntry(
          commit: item.commit.hex, author: author.name, email: author.email, date: author.isoDate,
          message: trimmed(message), changes: changes))
    }
    return entries
  }
}

/// A commit message without the blank lines and spaces git leaves around it (byte by byte:
/// every commit of the history has one).
private func trimmed(_ message: String) -> String {
  let bytes = message.utf8
  let blank: (UInt8) -> Bool = { $0 == 0x0A || $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }
  guard let first = bytes.firstIndex(where: { !blank($0) }),
    let last = bytes.lastIndex(where: { !blank($0) })
  else {
    return ""
  }
  return String(message[first...last])
}
