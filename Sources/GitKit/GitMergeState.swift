import CLibgit2
import Foundation

/// A path git left in conflict in the index, with the blob of each stage (nil where a side has
/// none: added on one side only, or deleted).
public struct IndexConflict: Sendable, Equatable {
  /// The path in the repository.
  public var path: String
  /// The common ancestor's blob (stage 1).
  public var ancestor: ObjectID?
  /// Our blob (stage 2).
  public var ours: ObjectID?
  /// Their blob (stage 3).
  public var theirs: ObjectID?
}

extension Repository {
  /// The conflicts in the repository's index, by path.
  public func indexConflicts() throws -> [IndexConflict] {
    try withIndex { index in
      var iterator: OpaquePointer?
      try check("list the index's conflicts") {
        git_index_conflict_iterator_new(&iterator, index)
      }
      defer { git_index_conflict_iterator_free(iterator) }
      var result: [IndexConflict] = []
      var ancestor: UnsafePointer<git_index_entry>?
      var ours: UnsafePointer<git_index_entry>?
      var theirs: UnsafePointer<git_index_entry>?
      while git_index_conflict_next(&ancestor, &ours, &theirs, iterator) == 0 {
        guard let path = (ancestor ?? ours ?? theirs)?.pointee.path else { continue }
        result.append(
          IndexConflict(
            path: String(cString: path), ancestor: ancestor.map { ObjectID($0.pointee.id) },
            ours: ours.map { ObjectID($0.pointee.id) },
            theirs: theirs.map { ObjectID($0.pointee.id) }))
      }
      return result.sorted { $0.path < $1.path }
    }
  }

  /// The commits git is merging into HEAD (MERGE_HEAD); empty when no merge is in progress.
  public func mergeHeads() throws -> [ObjectID] {
    final class Heads { var ids: [ObjectID] = [] }
    let heads = Heads()
    git_error_clear()
    let code = withExtendedLifetime(heads) {
      git_repository_mergehead_foreach(
        handle,
        { oid, payload in
          guard let oid, let payload else { return 0 }
          Unmanaged<Heads>.fromOpaque(payload).takeUnretainedValue().ids.append(
            ObjectID(oid.pointee))
          return 0
        }, Unmanaged.passUnretained(heads).toOpaque())
    }
    if code == GIT_ENOTFOUND.rawValue { return [] }
    try checked("read MERGE_HEAD", code: code)
    return heads.ids
  }

  /// The message git prepared for the merge commit (MERGE_MSG), without its comment lines;
  /// nil when there is none.
  public func mergeMessage() -> String? {
    guard let data = FileManager.default.contents(atPath: gitDirectory + "/MERGE_MSG") else {
      return nil
    }
    let lines = String(decoding: data, as: UTF8.self).split(
      separator: "\n", omittingEmptySubsequences: false
    ).filter { !$0.hasPrefix("#") }
    let message = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
    return message.isEmpty ? nil : message
  }

  /// Writes the repository's index as a tree; fails while it holds conflicts.
  public func writeIndexTree() throws -> ObjectID {
    try withIndex { index in
      var oid = git_oid()
      try check("write the index as a tree") { git_index_write_tree(&oid, index) }
      return ObjectID(oid)
    }
  }

  /// Ends git's merge state (MERGE_HEAD, MERGE_MSG), leaving the index and working tree as
  /// they are, as `git commit` does once it has committed a merge.
  public func endMergeState() throws {
    try check("clean up the merge state") { git_repository_state_cleanup(handle) }
  }

  /// Runs `body` with the repository's index, read fresh from disk: the one way GitKit opens
  /// it.
  func withIndex<T>(_ body: (OpaquePointer) throws -> T) throws -> T {
    var index: OpaquePointer?
    try check("open index") { git_repository_index(&index, handle) }
    defer { git_index_free(index) }
    try check("read index") { git_index_read(index, 1) }
    return try body(index!)
  }
}
