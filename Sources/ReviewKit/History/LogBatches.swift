import Foundation
import GitKit

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
let logBatchSize = 256

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

/// The rendered entries of a history walk, computed batch by batch while the walk reads on and
/// handed out in walk order as soon as every batch before them is done.
///
/// The walk is the critical path and needs a core of its own: one fewer worker than cores takes
/// batches as they come, and when the walk ends its thread helps with what is left.
final class LogBatches<Rendered: Sendable>: @unchecked Sendable {
  private let frameworks: [String: Framework]
  private let render: @Sendable (LogEntry) -> Rendered
  private let emit: @Sendable ([Rendered], Int) -> Void
  private let workers = DispatchGroup()
  private let condition = NSCondition()
  // Guarded by `condition`.
  private var queue: [(index: Int, commits: [LogCommit])] = []
  private var results: [[Rendered]?] = []
  /// The first batch not yet handed out.
  private var nextBatch = 0
  private var walking = true
  /// Whether a batch has been queued (the walk's thread only).
  private(set) var started = false
  /// Held while batches are handed out, so that they go out in order.
  private let emitting = NSLock()
  /// Entries handed out so far (guarded by `emitting`).
  private var handedOut = 0

  init(
    frameworks: [String: Framework], render: @escaping @Sendable (LogEntry) -> Rendered,
    emit: @escaping @Sendable ([Rendered], Int) -> Void
  ) {
    self.frameworks = frameworks
    self.render = render
    self.emit = emit
    for _ in 0..<max(1, ProcessInfo.processInfo.activeProcessorCount - 1) {
      DispatchQueue.global().async(group: workers) { [self] in work() }
    }
  }

  /// Queues a batch of commits.
  func start(_ commits: [LogCommit]) {
    guard !commits.isEmpty else { return }
    started = true
    condition.withLock {
      queue.append((results.count, commits))
      results.append(nil)
      condition.signal()
    }
  }

  /// Returns, with the number of entries handed out, when the walk has queued every batch and
  /// all have been handed out.
  func finish() -> Int {
    condition.withLock {
      walking = false
      condition.broadcast()
    }
    work()
    workers.wait()
    return emitting.withLock { handedOut }
  }

  /// Lets the workers go once they finish what they are doing, leaving any queued batches.
  func stop() {
    condition.withLock {
      queue.removeAll()
      walking = false
      condition.broadcast()
    }
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
      emitting.withLock {
        // Everything done in order since the last hand-out; a batch another thread finishes
        // meanwhile goes out with its own call, after these.
        let ready: [[Rendered]] = condition.withLock {
          var ready: [[Rendered]] = []
          while nextBatch < results.count, let done = results[nextBatch] {
            ready.append(done)
            results[nextBatch] = []
            nextBatch += 1
          }
          return ready
        }
        for entries in ready where !entries.isEmpty {
          emit(entries, handedOut)
          handedOut += entries.count
        }
      }
    }
  }

  /// One commit's entry; nil when its files changed no judgement.
  private func entry(_ commit: LogCommit) -> LogEntry? {
    func changes(_ file: LogFile) -> [JudgementChange] {
      judgementChanges(
        old: file.old.map { ($0.data, $0.blocks) }, new: file.new.map { ($0.data, $0.blocks) },
        subject: file.subject, reviewer: file.reviewer,
        path: "reviews/\(file.subject)/\(file.reviewer).yaml", frameworks: frameworks)
    }
    // A commit that adds a whole panel (an import, the first scores) is shared out by itself.
    let changes =
      commit.files.count > 16
      ? parallelMap(commit.files, changes).flatMap { $0 } : commit.files.flatMap(changes)
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
