import Foundation

/// The record of a commit being made by `commitChanges`, kept in the git directory from before
/// the working files and index are written until the branch has moved, so that a process killed
/// in between leaves something the next write can finish: `<commit>` on the first line, then
/// the paths it writes. One per repository, since writes take a lock.
struct PendingCommit {
  let commit: ObjectID
  let paths: [String]

  static func location(in gitDirectory: String) -> String { gitDirectory + "/review/pending" }

  /// Writes the record through a rename, so that a reader never sees half of it.
  func record(in gitDirectory: String) throws {
    let path = Self.location(in: gitDirectory)
    try? FileManager.default.createDirectory(
      atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    let text = ([commit.hex] + paths).joined(separator: "\n") + "\n"
    let temporary = path + ".\(getpid())"
    try writeNewFile(temporary, Data(text.utf8))
    guard rename(temporary, path) == 0 else {
      let reason = String(cString: strerror(errno))
      unlink(temporary)
      throw GitError.io(path: path, message: "cannot record the commit being made: \(reason)")
    }
  }

  /// The record left in the git directory, if any (a malformed one counts as none).
  static func read(in gitDirectory: String) -> PendingCommit? {
    guard let data = FileManager.default.contents(atPath: location(in: gitDirectory)) else {
      return nil
    }
    let lines = String(decoding: data, as: UTF8.self).split(separator: "\n").map(String.init)
    guard let first = lines.first, let commit = ObjectID(hex: first) else { return nil }
    return PendingCommit(commit: commit, paths: Array(lines.dropFirst()))
  }

  static func clear(in gitDirectory: String) {
    unlink(location(in: gitDirectory))
  }
}

extension Repository {
  /// Finishes a commit that a killed `commitChanges` left after recording it and before moving
  /// the branch: when the branch still points at that commit's parent, and each of its files
  /// and index entries holds either the parent's version or the commit's (the kill came part way
  /// through writing them), the rest are written and the branch is moved to it. Returns the
  /// commit when it did; a record that no longer applies (the branch moved on, a file was edited
  /// since) is dropped, and the edit is left alone. Call it under the same lock as the writes.
  @discardableResult
  public func finishInterruptedCommit() throws -> ObjectID? {
    guard let pending = PendingCommit.read(in: gitDirectory) else { return nil }
    // The record is dropped once finished or found not to apply; when finishing fails (a ref
    // lock left by the kill), it stays for the write after the lock is removed.
    guard let (commit, parent, files) = try applicable(pending) else {
      PendingCommit.clear(in: gitDirectory)
      return nil
    }
    for (path, contents) in files { try writeWorkingFile(path, contents) }
    try stage(paths: files.map(\.path))
    let summary =
      try authorAndMessage(of: commit).message.split(separator: "\n").first.map(String.init) ?? ""
    try moveReference(
      try headBranch(), to: commit, expecting: parent,
      message: "commit (finished after an interruption): \(summary)")
    PendingCommit.clear(in: gitDirectory)
    return commit
  }

  /// The recorded commit, its parent and the files it writes when it can still be finished:
  /// the branch points at its parent, and each file and index entry holds the parent's
  /// version or the commit's.
  private func applicable(_ pending: PendingCommit) throws -> (
    commit: ObjectID, parent: ObjectID, files: [(path: String, contents: Data)]
  )? {
    guard hasObject(pending.commit), let head = try headCommit(),
      try treeAndFirstParent(of: pending.commit).parent == head
    else { return nil }
    let tree = try commit(pending.commit).tree
    let headTree = try commit(head).tree
    var files: [(path: String, contents: Data)] = []
    for path in pending.paths {
      guard let entry = try entry(at: path, in: tree) else { return nil }
      let new = try blob(entry.id)
      let old = try self.entry(at: path, in: headTree).map { try blob($0.id) }
      let working = FileManager.default.contents(atPath: try workdirPath(path))
      let staged = try indexEntry(path).map { try blob($0) }
      guard working == new || working == old, staged == new || staged == old else { return nil }
      files.append((path, new))
    }
    return (pending.commit, head, files)
  }

  /// The bytes the pending commit's record gives a path, if a record names it: what a write that
  /// failed to move the branch has left in the working tree and the index.
  func pendingContents(_ path: String) throws -> Data? {
    guard let pending = PendingCommit.read(in: gitDirectory), pending.paths.contains(path),
      hasObject(pending.commit),
      let entry = try entry(at: path, in: try commit(pending.commit).tree)
    else { return nil }
    return try blob(entry.id)
  }
}
