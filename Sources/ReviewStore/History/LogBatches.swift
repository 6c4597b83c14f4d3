import Dispatch
import Foundation
import GitKit
import ReviewCodec
import ReviewCore

/// A blob read once by a history walk, shared by the commits that hold it and cut into
/// canonical blocks at most once, by whichever batch needs them first.
final class HistoryBlob: Sendable {
  let data: Data
  private let parsed = Locked<CanonicalBlocks??>(nil)

  init(_ data: Data) {
    self.data = data
  }

  var blocks: CanonicalBlocks? {
    parsed.withLock { parsed in
      if let parsed { return parsed }
      let blocks = CanonicalBlocks(data)
      parsed = .some(blocks)
      return blocks
    }
  }
}

/// Commits per batch: enough to amortise a dispatch, few enough to start parsing early.
let logBatchSize = 256

/// A changed evaluation file of a commit, as the walk read it.
struct LogFile: Sendable {
  var subject: SubjectID
  var reviewer: ReviewerID
  var old: HistoryBlob?
  var new: HistoryBlob?
  /// A merge's other parents' versions: only what differs from all of them is the merge's own.
  var otherParents: [HistoryBlob?] = []
}

/// A commit of the walk that changed evaluation files.
struct LogCommit: Sendable {
  var id: ObjectID
  var author: Signature
  var message: String
  var files: [LogFile]
}

/// The rendered entries of a history walk, computed batch by batch while the walk reads on and
/// handed out in walk order as soon as every batch before them is done.
///
/// The walk is the critical path and needs a core of its own: batches go to one fewer lane than
/// cores (serial queues, so no worker ever blocks a thread waiting for work), and when the walk
/// ends its thread takes what is left.
final class LogBatches<Rendered: Sendable>: Sendable {
  private struct Pending: Sendable {
    /// Batches queued and not yet taken, with their position in the walk.
    var queue: [(index: Int, commits: [LogCommit])] = []
    /// Each batch's entries once done; handed-out batches are emptied.
    var results: [[Rendered]?] = []
    /// The first batch not yet handed out.
    var nextBatch = 0
  }

  private let frameworks: [FrameworkID: Framework]
  private let render: @Sendable (LogEntry) -> Rendered
  private let emit: @Sendable ([Rendered], Int) -> Void
  private let pending = Locked(Pending())
  /// Entries handed out so far; held while handing out, so that batches go out in order.
  private let handedOut = Locked(0)
  private let limit: Int?

  /// Whether `limit` entries are out: the walk may stop.
  var isFull: Bool {
    guard let limit else { return false }
    return handedOut.withLock { $0 >= limit }
  }
  private let lanes: [DispatchQueue]
  private let running = DispatchGroup()

  init(
    frameworks: [FrameworkID: Framework], limit: Int? = nil,
    render: @escaping @Sendable (LogEntry) -> Rendered,
    emit: @escaping @Sendable ([Rendered], Int) -> Void
  ) {
    self.frameworks = frameworks
    self.limit = limit
    self.render = render
    self.emit = emit
    lanes = (0..<max(1, ProcessInfo.processInfo.activeProcessorCount - 1)).map {
      DispatchQueue(label: "review.log.\($0)")
    }
  }

  /// Queues a batch of commits, and a lane to take one batch.
  func start(_ commits: [LogCommit]) {
    guard !commits.isEmpty else { return }
    let index = pending.withLock { pending in
      pending.queue.append((pending.results.count, commits))
      pending.results.append(nil)
      return pending.results.count - 1
    }
    lanes[index % lanes.count].async(group: running) { [self] in
      if let next = take() { run(next) }
    }
  }

  /// Returns, with the number of entries handed out, once every batch queued is handed out.
  func finish() -> Int {
    while let next = take() { run(next) }
    running.wait()
    return handedOut.withLock { $0 }
  }

  /// Drops the batches not yet taken; those being worked on finish.
  func stop() {
    pending.withLock { $0.queue.removeAll() }
  }

  private func take() -> (index: Int, commits: [LogCommit])? {
    pending.withLock { $0.queue.isEmpty ? nil : $0.queue.removeFirst() }
  }

  /// Computes one batch, then hands out every batch done in order since the last hand-out.
  private func run(_ batch: (index: Int, commits: [LogCommit])) {
    let rendered = batch.commits.compactMap { entry($0).map(render) }
    pending.withLock { $0.results[batch.index] = rendered }
    handedOut.withLock { handedOut in
      // A batch another thread finishes meanwhile goes out with its own call, after these.
      let ready: [[Rendered]] = pending.withLock { pending in
        var ready: [[Rendered]] = []
        while pending.nextBatch < pending.results.count,
          let done = pending.results[pending.nextBatch]
        {
          ready.append(done)
          pending.results[pending.nextBatch] = []
          pending.nextBatch += 1
        }
        return ready
      }
      for entries in ready where !entries.isEmpty {
        let room = limit.map { max(0, $0 - handedOut) } ?? entries.count
        guard room > 0 else { break }
        let out = entries.count > room ? Array(entries.prefix(room)) : entries
        emit(out, handedOut)
        handedOut += out.count
      }
    }
  }

  /// One commit's entry; nil when its files changed no judgement.
  private func entry(_ commit: LogCommit) -> LogEntry? {
    let frameworks = self.frameworks
    let changes: @Sendable (LogFile) -> [JudgementChange] = { file in
      func since(_ old: HistoryBlob?) -> [JudgementChange] {
        judgementChanges(
          old: old.map { ($0.data, $0.blocks) }, new: file.new.map { ($0.data, $0.blocks) },
          subject: file.subject, reviewer: file.reviewer,
          path: FileLocation.evaluation(subject: file.subject, reviewer: file.reviewer).path,
          frameworks: frameworks)
      }
      var own = since(file.old)
      // A merge's own changes are the fields that differ from every parent, as git's combined
      // diff shows only what a merge resolved.
      // A change is named by its field, and for a set (evidence) by the member it adds or drops.
      func name(_ change: JudgementChange) -> String {
        let member =
          JudgementField(key: change.field)?.shape == .set ? change.new ?? change.old ?? "" : ""
        return "\(change.criterion?.rawValue ?? "")\u{0}\(change.field)\u{0}\(member)"
      }
      for other in file.otherParents where !own.isEmpty {
        let changed = Set(since(other).map(name))
        own = own.filter { changed.contains(name($0)) }
      }
      return own
    }
    // A commit that adds a whole panel (an import, the first scores) is shared out by itself.
    let all =
      commit.files.count > 16
      ? parallelMap(commit.files, changes).flatMap { $0 } : commit.files.flatMap(changes)
    guard !all.isEmpty else { return nil }
    return LogEntry(
      commit: commit.id.hex, author: commit.author.name, email: commit.author.email,
      date: commit.author.isoDate, message: trimmed(commit.message), changes: all)
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
