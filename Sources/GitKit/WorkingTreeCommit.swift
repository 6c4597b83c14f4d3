import CLibgit2
import Foundation

/// A file to write and commit: a repository-relative path and its new bytes.
public struct FileChange: Sendable, Equatable {
  /// The path from the repository root.
  public var path: String
  /// The bytes the file is to hold.
  public var contents: Data
  /// Bytes the working-tree file may already hold without counting as uncommitted work, for a
  /// command whose input is that very file (it rewrites what the user edited, losing nothing).
  public var acceptedWorkingContents: Data?

  /// Creates a value with each field given.
  public init(path: String, contents: Data, acceptedWorkingContents: Data? = nil) {
    self.path = path
    self.contents = contents
    self.acceptedWorkingContents = acceptedWorkingContents
  }
}

extension Repository {
  /// Commits exactly `changes` on top of HEAD, the way `git commit -- PATH...` would for those
  /// paths alone, and returns the new commit.
  ///
  /// The tree is HEAD's tree with those paths replaced or added, so whatever else is staged or
  /// modified stays as it was, neither committed nor lost. A path whose working-tree file or index
  /// entry differs from HEAD (and from the new contents) is refused, since writing it would lose
  /// that work. The working-tree files are written atomically and their index entries updated,
  /// and then the branch moves, only if nobody moved it meanwhile: as `git commit` orders it, so
  /// that a process killed in between leaves the change staged, never a staged revert, and a
  /// record that `finishInterruptedCommit` completes.
  @discardableResult
  public func commitChanges(
    _ changes: [FileChange], message: String, author: Signature, committer: Signature,
    signer: ObjectSigner? = nil
  ) throws -> ObjectID {
    try commitChanges(
      changes, message: message, author: author, committer: committer, onto: try headCommit(),
      signer: signer)
  }

  /// The same, built from `parent`'s tree and committed onto it: the branch moves only if it
  /// still points at `parent` (nil: unborn), else `referenceMoved` and nothing changes. A caller
  /// that computed the changes from `parent` can then compute them again from the new commit.
  public func commitChanges(
    _ changes: [FileChange], message: String, author: Signature, committer: Signature,
    onto parent: ObjectID?, signer: ObjectSigner? = nil
  ) throws -> ObjectID {
    guard workdir != nil else { throw GitError.bareRepository }
    let branch = try headBranch()
    let baseTree = try parent.map { try commit($0).tree }
    var blobs: [(path: String, blob: ObjectID)] = []
    for change in changes {
      try refuseUncommittedChanges(change, baseTree: baseTree)
      blobs.append((change.path, try writeBlob(change.contents)))
    }
    let tree = try tree(byUpdating: baseTree, setting: blobs)
    let commitID = try writeCommit(
      tree: tree, parents: parent.map { [$0] } ?? [], author: author, committer: committer,
      message: message, signer: signer)
    let summary = message.split(separator: "\n").first.map(String.init) ?? ""
    try PendingCommit(commit: commitID, paths: changes.map(\.path)).record(in: gitDirectory)
    for change in changes {
      try writeWorkingFile(change.path, change.contents)
    }
    try stage(paths: changes.map(\.path))
    try moveReference(
      branch, to: commitID, expecting: parent,
      message: parent == nil ? "commit (initial): \(summary)" : "commit: \(summary)")
    PendingCommit.clear(in: gitDirectory)
    return commitID
  }

  /// Throws `uncommittedChanges` when the working file or the index entry at the path holds
  /// something that is neither HEAD's version, the new contents nor the accepted input.
  private func refuseUncommittedChanges(_ change: FileChange, baseTree: ObjectID?) throws {
    let committed = try baseTree.flatMap { try entry(at: change.path, in: $0) }
    let committedBytes = try committed.map { try blob($0.id) }
    // What a write that could not move the branch (it moved under it) left: this one again.
    let acceptable = [
      committedBytes, change.contents, change.acceptedWorkingContents,
      try pendingContents(change.path),
    ]
    let fullPath = try workdirPath(change.path)
    var isDirectory: ObjCBool = false
    if FileManager.default.fileExists(atPath: fullPath, isDirectory: &isDirectory) {
      guard !isDirectory.boolValue,
        let working = FileManager.default.contents(atPath: fullPath),
        acceptable.contains(working)
      else { throw GitError.uncommittedChanges(path: change.path) }
    } else if let attributes = try? FileManager.default.attributesOfItem(atPath: fullPath),
      attributes[.type] as? FileAttributeType == .typeSymbolicLink
    {
      throw GitError.uncommittedChanges(path: change.path)  // a dangling link is still work
    }
    if let staged = try indexEntry(change.path) {
      let stagedBytes = try blob(staged)
      guard acceptable.contains(stagedBytes) else {
        throw GitError.uncommittedChanges(path: change.path)
      }
    }
  }

  /// Writes a working-tree file through a temporary file and a rename, so a reader sees the old
  /// file or the new one and never half of either.
  public func writeWorkingFile(_ path: String, _ contents: Data) throws {
    let fullPath = try workdirPath(path)
    let folder = (fullPath as NSString).deletingLastPathComponent
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      // The temporary file lives in the git directory, where nobody looks, unless that is on
      // another file system (a rename cannot cross one).
      let scratch = gitDirectory + "/review"
      try? FileManager.default.createDirectory(atPath: scratch, withIntermediateDirectories: true)
      let name = "write-\(getpid())-\((fullPath as NSString).lastPathComponent)"
      var temporary = scratch + "/" + name
      var folderInfo = stat()
      var scratchInfo = stat()
      if stat(folder, &folderInfo) != 0 || stat(scratch, &scratchInfo) != 0
        || folderInfo.st_dev != scratchInfo.st_dev
      {
        temporary = folder + "/." + name
      }
      try writeNewFile(temporary, contents)
      guard rename(temporary, fullPath) == 0 else {
        let reason = String(cString: strerror(errno))
        unlink(temporary)
        throw GitError.io(path: path, message: reason)
      }
    } catch let error as GitError {
      throw error
    } catch {
      throw GitError.io(path: path, message: error.localizedDescription)
    }
  }

  /// Removes a working-tree file; one already gone is no error.
  public func removeWorkingFile(_ path: String) throws {
    let fullPath = try workdirPath(path)
    guard unlink(fullPath) == 0 || errno == ENOENT else {
      throw GitError.io(path: path, message: String(cString: strerror(errno)))
    }
  }

  /// The blob staged for a path in the index; nil when it is not in the index.
  public func indexEntry(_ path: String) throws -> ObjectID? {
    try withIndex { index in
      git_index_get_bypath(index, path, 0).map { ObjectID($0.pointee.id) }
    }
  }

  /// Stages the working-tree files at these paths, a missing one as removed (`git add`),
  /// settling any conflict there and leaving every other index entry alone.
  public func stage(paths: [String]) throws {
    try withIndex { index in
      for path in paths {
        if FileManager.default.fileExists(atPath: try workdirPath(path)) {
          try check("stage \(path)") { git_index_add_bypath(index, path) }
        } else {
          try check("stage the removal of \(path)") { git_index_remove_bypath(index, path) }
        }
      }
      git_error_clear()
      let code = git_index_write(index)
      // A process killed while writing the index leaves its lock, which libgit2 only calls
      // "might be due to a crashed process".
      if code == GIT_ELOCKED.rawValue {
        throw GitError.locked(lock: gitDirectory + "/index.lock", reference: "the index")
      }
      try checked("write index", code: code)
    }
  }
}

/// Writes `contents` to a new file at `path` in one pass, without the temporary file of its own
/// that Foundation's writer makes (a kill would leave that one behind).
func writeNewFile(_ path: String, _ contents: Data) throws {
  let descriptor = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
  guard descriptor >= 0 else {
    throw GitError.io(path: path, message: String(cString: strerror(errno)))
  }
  defer { close(descriptor) }
  try contents.withUnsafeBytes { buffer in
    var offset = 0
    while offset < buffer.count {
      let written = write(descriptor, buffer.baseAddress! + offset, buffer.count - offset)
      if written < 0 && errno == EINTR { continue }
      guard written > 0 else {
        throw GitError.io(path: path, message: String(cString: strerror(errno)))
      }
      offset += written
    }
  }
}
