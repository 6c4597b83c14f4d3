import Foundation
import GitKit
import ReviewCodec
import ReviewCore

/// One commit of `review log`: who, when, why, and the judgements it changed.
public struct LogEntry: Sendable, Encodable {
  /// The commit's id.
  public var commit: String
  /// The author's name.
  public var author: String
  /// The author's e-mail.
  public var email: String
  /// The author date, ISO 8601.
  public var date: String
  /// The message, without the blank lines around it.
  public var message: String
  /// The judgements it changed, field by field.
  public var changes: [JudgementChange]
}

extension History {
  /// The commits reachable from `revision` and not from `since`, newest first, with the
  /// judgements each changed against its first parent. One revision walk: commits whose
  /// `reviews/` tree equals their parent's are skipped without reading anything below it, only
  /// changed subject folders are descended, and each blob is read and parsed once while it is
  /// in use.
  public func log(
    subject: SubjectID? = nil, reviewer: ReviewerID? = nil, since: String? = nil,
    until: String? = nil, limit: Int? = nil, at revision: String = "HEAD"
  ) throws -> [LogEntry] {
    let entries = Locked<[LogEntry]>([])
    try log(
      subject: subject, reviewer: reviewer, since: since, until: until, limit: limit, at: revision,
      render: { $0 },
      emit: { items, _ in entries.withLock { $0 += items } })
    return entries.withLock { $0 }
  }

  /// The same entries streamed: each passed through `render` on the threads that compute them
  /// while the walk goes on, and handed to `emit` in order, some at a time with the number
  /// handed out before them, as soon as they and all before them are known (so that output
  /// starts long before a long history is read). `emit` is called from those threads, never
  /// twice at once. Returns how many were handed out; when an error is thrown, what was handed
  /// out is all there is. A folder of a commit that cannot be read (a tree naming an entry
  /// twice) is passed over and described to `warn`, and the walk goes on.
  ///
  /// `since` is a revision (commits not reachable from it) or a date as `git log --since` takes
  /// one (`GitDate.approximate`): commits committed then or later; `until` is a date: commits
  /// committed then or earlier. `limit` stops after that many entries. A reviewer who has no
  /// evaluation in the history is `unknownReviewer`.
  @discardableResult
  public func log<Rendered: Sendable>(
    subject: SubjectID? = nil, reviewer: ReviewerID? = nil, since: String? = nil,
    until: String? = nil, limit: Int? = nil, now: Int64 = Int64(Date().timeIntervalSince1970),
    at revision: String = "HEAD", render: @escaping @Sendable (LogEntry) -> Rendered,
    emit: @escaping @Sendable (_ entries: [Rendered], _ offset: Int) -> Void,
    warn: (String) -> Void = { _ in }
  ) throws -> Int {
    if let subject { try Identifier.validate(subject) }
    if let reviewer { try Identifier.validate(reviewer) }
    let head = try wrapGit { try git.resolveCommit(revision) }
    var hidden: [ObjectID] = []
    var earliest: Int64?
    if let since {
      do {
        hidden = [try git.resolveCommit(since)]
      } catch GitError.unknownRevision {
        // Not a revision: a date, as git log reads one.
        guard let time = GitDate.approximate(since, now: now) else {
          throw StoreError.notADate(since, revisionAllowed: true)
        }
        earliest = time
      } catch let error as GitError {
        throw StoreError.git(error)
      }
    }
    let latest = try until.map { text in
      guard let time = GitDate.approximate(text, now: now) else {
        throw StoreError.notADate(text, revisionAllowed: false)
      }
      return time
    }
    let reader = HistoryReader(repository: git, frameworks: try snapshot(at: revision).frameworks)
    // One pass through libgit2 (a repository handle stays on one thread) reads the changed
    // files, each blob once; batches of commits are parsed and compared on the other cores
    // while the walk goes on, and their entries are put back in walk order at the end.
    let batches = LogBatches(
      frameworks: reader.frameworks, limit: limit, render: render, emit: emit)
    var batch: [LogCommit] = []
    var started = false
    // Blobs read and not yet seen as a file's new version: walking newest first, the commit
    // that introduced a version comes after the one that replaced it, and is its last use.
    var open: [ObjectID: HistoryBlob] = [:]
    func blob(_ id: ObjectID?, lastUse: Bool) throws -> HistoryBlob? {
      guard let id else { return nil }
      if let known = lastUse ? open.removeValue(forKey: id) : open[id] { return known }
      // A version over the size limit reads as no evaluation, as any file that does not read;
      // its size comes from the object's header, so it is never inflated.
      let read = HistoryBlob(try wrapGit { try git.blob(id, limit: maximumFileSize) } ?? Data())
      if !lastUse { open[id] = read }
      return read
    }
    // On an error the workers are let go before it is thrown.
    defer { batches.stop() }
    // A history read trusts the object database (git checks its packs) and skips libgit2's
    // re-hashing of the 80,000 objects a long history holds.
    do {
      try HashVerification.skipped {
        try wrapGit {
          try git.walkChanges(at: FileLocation.reviewsFolder, from: [head], hiding: hidden) {
            id, time, before, now, otherParents in
            if let earliest, time < earliest { return }
            if let latest, time > latest { return }
            if batches.isFull { throw LogLimitReached() }
            var files: [LogFile] = []
            let changed = try reader.changedEvaluations(from: before, to: now, subject: subject) {
              folder, reason in
              warn("commit \(id.short): \(folder) passed over: \(reason)")
            }
            // A merge's other parents: a file one of them already had as the merge has it was
            // brought in, not changed, by the merge.
            let others = try otherParents.map { try git.treeAndFirstParent(of: $0).tree }
            for file in changed {
              if let reviewer, file.reviewer != reviewer { continue }
              let path = FileLocation.evaluation(subject: file.subject, reviewer: file.reviewer)
                .path
              let otherBlobs = try others.map { tree in
                try git.entry(at: path, in: tree).flatMap { $0.kind == .file ? $0.id : nil }
              }
              if otherBlobs.contains(file.new) {
                if let new = file.new { open[new] = nil }
                continue
              }
              files.append(
                LogFile(
                  subject: file.subject, reviewer: file.reviewer,
                  old: try blob(file.old, lastUse: false), new: try blob(file.new, lastUse: true),
                  otherParents: try otherBlobs.map { try blob($0, lastUse: false) }))
            }
            if files.isEmpty { return }
            let (author, message, size) = try wrapGit { try git.authorAndMessage(of: id) }
            if let size {
              warn("commit \(id.short): message of \(size) bytes shown up to its first MiB")
            }
            batch.append(LogCommit(id: id, author: author, message: message, files: files))
            // The first batch is small, so that output starts at once.
            if batch.count == (started ? logBatchSize : 16) {
              batches.start(batch)
              batch = []
              started = true
            }
          }
        }
      }
    } catch is LogLimitReached {
      batch = []
    }
    batches.start(batch)
    let count = batches.finish()
    // Nothing shown for a reviewer may be a mistyped id: say so rather than print nothing.
    if count == 0, let reviewer { try requireReviewer(reviewer, subject: subject, at: head) }
    return count
  }

  /// Throws `unknownReviewer` unless `reviewer` has an evaluation (of `subject`, when given)
  /// in some commit reachable from `head`: at `head`, else anywhere in its history.
  private func requireReviewer(_ reviewer: ReviewerID, subject: SubjectID?, at head: ObjectID)
    throws
  {
    struct Found: Error {}
    let file = FileLocation.fileName(reviewer: reviewer)
    do {
      try wrapGit {
        try git.walk(from: [head], order: .newestFirst) { commit in
          let tree = try git.treeAndFirstParent(of: commit).tree
          guard let reviews = try git.entry(at: FileLocation.reviewsFolder, in: tree) else {
            return
          }
          let subjects =
            try subject.map { [$0.rawValue] } ?? git.entries(of: reviews.id).map(\.name)
          for name in subjects where try git.entry(at: "\(name)/\(file)", in: reviews.id) != nil {
            throw Found()
          }
        }
      }
    } catch is Found {
      return
    }
    throw StoreError.unknownReviewer(reviewer, subject: subject)
  }
}

/// Ends the walk once `limit` entries are out.
private struct LogLimitReached: Error {}
