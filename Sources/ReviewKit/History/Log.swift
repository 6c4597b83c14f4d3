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
    try log(subject: subject, reviewer: reviewer, since: since, at: revision) { $0 }
  }

  /// The same entries, each passed through `render` as soon as it is known, on the threads that
  /// compute them while the walk goes on (so a long history is rendered while it is read).
  public func log<Rendered: Sendable>(
    subject: String? = nil, reviewer: String? = nil, since: String? = nil,
    at revision: String = "HEAD", render: @escaping @Sendable (LogEntry) -> Rendered
  ) throws -> [Rendered] {
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
    // One pass through libgit2 (a repository handle stays on one thread) reads the changed
    // files, each blob once; batches of commits are parsed and compared on the other cores
    // while the walk goes on, and their entries are put back in walk order at the end.
    let batches = LogBatches(frameworks: reader.frameworks, render: render)
    var batch: [LogCommit] = []
    // Blobs read and not yet seen as a file's new version: walking newest first, the commit
    // that introduced a version comes after the one that replaced it, and is its last use.
    var open: [ObjectID: HistoryBlob] = [:]
    func blob(_ id: ObjectID?, lastUse: Bool) throws -> HistoryBlob? {
      guard let id else { return nil }
      if let known = lastUse ? open.removeValue(forKey: id) : open[id] { return known }
      let read = HistoryBlob(try wrapGit { try git.blob(id) })
      if !lastUse { open[id] = read }
      return read
    }
    for id in try wrapGit({ try git.walk(from: [head], hiding: hidden, order: .newestFirst) }) {
      let (tree, parent) = try wrapGit { try git.treeAndFirstParent(of: id) }
      let now = try reviews(of: id, tree: tree)
      let before = try parent.flatMap { try reviews(of: $0) }
      reviewsTree[id] = nil  // a commit is the parent of the next one in the walk at most once more
      if now == before { continue }
      var files: [LogFile] = []
      for file in try reader.changedEvaluations(from: before, to: now, subject: subject) {
        if let reviewer, file.reviewer != reviewer { continue }
        files.append(
          LogFile(
            subject: file.subject, reviewer: file.reviewer,
            old: try blob(file.old, lastUse: false), new: try blob(file.new, lastUse: true)))
      }
      if files.isEmpty { continue }
      let (author, message) = try wrapGit { try git.authorAndMessage(of: id) }
      batch.append(LogCommit(id: id, author: author, message: message, files: files))
      if batch.count == batchSize {
        batches.start(batch)
        batch = []
      }
    }
    batches.start(batch)
    return batches.entries()
  }
}

/// A blob read once by a history walk, shared by the commits that hold it and cut into
/// canonical blocks at most once, by whichever batch needs them first.
final class HistoryBlob: @unchecked Sendable {
  let data: Data
  private let lock = NSLock()
  private var parsed: CanonicalBlocks??

  init(_ data: Data) {
    self.data = data
  }

  var blocks: CanonicalBlocks? {
    lock.withLock {
      if let parsed { return parsed }
      let blocks = CanonicalBlocks(data)
      parsed = .some(blocks)
      return blocks
    }
  }
}

/// Commits per batch: enough to amortise a dispatch, few enough to start parsing early.
private let batchSize = 256

/// A changed evaluation file of a commit, as the walk read it.
struct LogFile {
  var subject: String
  var reviewer: String
  var old: HistoryBlob?
  var new: HistoryBlob?
}

/// A commit of the walk that changed evaluation files.
struct LogCommit {
  var id: ObjectID
  var author: Signature
  var message: String
  var files: [LogFile]
}

/// The rendered entries of a history walk, computed batch by batch while the walk reads on.
///
/// The walk is the critical path and needs a core of its own: one fewer worker than cores takes
/// batches as they come, and when the walk ends its thread helps with what is left.
final class LogBatches<Rendered: Sendable>: @unchecked Sendable {
  private let frameworks: [String: Framework]
  private let render: @Sendable (LogEntry) -> Rendered
  private let workers = DispatchGroup()
  private let condition = NSCondition()
  // Guarded by `condition`.
  private var queue: [(index: Int, commits: [LogCommit])] = []
  private var results: [[Rendered]?] = []
  private var walking = true

  init(frameworks: [String: Framework], render: @escaping @Sendable (LogEntry) -> Rendered) {
    self.frameworks = frameworks
    self.render = render
    for _ in 0..<max(1, ProcessInfo.processInfo.activeProcessorCount - 1) {
      DispatchQueue.global().async(group: workers) { [self] in work() }
    }
  }

  /// Queues a batch of commits.
  func start(_ commits: [LogCommit]) {
    guard !commits.isEmpty else { return }
    condition.withLock {
      queue.append((results.count, commits))
      results.append(nil)
      condition.signal()
    }
  }

  /// The rendered entries of every batch queued, in the order they were queued, once the walk
  /// has queued them all.
  func entries() -> [Rendered] {
    condition.withLock {
      walking = false
      condition.broadcast()
    }
    work()
    workers.wait()
    return condition.withLock { results.flatMap { $0! } }
  }

  /// Takes batches until the walk is over and none is left.
  private func work() {
    while true {
      let next: (index: Int, commits: [LogCommit])? = condition.withLock {
        while queue.isEmpty && walking { condition.wait() }
        return queue.isEmpty ? nil : queue.removeFirst()
      }
      guard let next else { return }
      let rendered = next.commits.compactMap { entry($0).map(render) }
      condition.withLock { results[next.index] = rendered }
    }
  }

  /// One commit's entry; nil when its files changed no judgement.
  private func entry(_ commit: LogCommit) -> LogEntry? {
    let changes = commit.files.flatMap { file in
      judgementChanges(
        old: file.old.map { ($0.data, $0.blocks) }, new: file.new.map { ($0.data, $0.blocks) },
        subject: file.subject, reviewer: file.reviewer,
        path: "reviews/\(file.subject)/\(file.reviewer).yaml", frameworks: frameworks)
    }
    guard !changes.isEmpty else { return nil }
    return LogEntry(
      commit: commit.id.hex, author: commit.author.name, email: commit.author.email,
      date: commit.author.isoDate, message: trimmed(commit.message), changes: changes)
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
