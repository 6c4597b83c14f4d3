import CLibgit2
import Foundation

/// The result of merging three trees in memory: an index that owns its libgit2 handle, with the
/// paths git could not merge.
public final class MergedIndex {
  let handle: OpaquePointer
  private let repository: Repository

  init(handle: OpaquePointer, repository: Repository) {
    self.handle = handle
    self.repository = repository
  }

  deinit {
    git_index_free(handle)
  }

  /// The paths with conflicts, sorted.
  public func conflictedPaths() throws -> [String] {
    var iterator: OpaquePointer?
    try check("list merge conflicts") { git_index_conflict_iterator_new(&iterator, handle) }
    defer { git_index_conflict_iterator_free(iterator) }
    var paths: Set<String> = []
    var ancestor: UnsafePointer<git_index_entry>?
    var ours: UnsafePointer<git_index_entry>?
    var theirs: UnsafePointer<git_index_entry>?
    while git_index_conflict_next(&ancestor, &ours, &theirs, iterator) == 0 {
      for entry in [ancestor, ours, theirs] {
        if let path = entry?.pointee.path { paths.insert(String(cString: path)) }
      }
    }
    return paths.sorted()
  }

  /// Puts a blob at a path (resolving any conflict there), or removes the path when `blob` is nil.
  public func set(_ path: String, blob: ObjectID?) throws {
    try Repository.validateRelativePath(path)
    git_error_clear()
    _ = git_index_conflict_remove(handle, path)
    guard let blob else {
      _ = git_index_remove(handle, path, 0)
      return
    }
    var entry = git_index_entry()
    entry.mode = UInt32(GIT_FILEMODE_BLOB.rawValue)
    entry.id = blob.raw
    try path.withCString { pointer in
      entry.path = pointer
      try check("stage \(path)") { git_index_add(handle, &entry) }
    }
  }

  /// Writes the index as a tree; it must have no conflicts left.
  public func writeTree() throws -> ObjectID {
    var oid = git_oid()
    try check("write merged tree") { git_index_write_tree_to(&oid, handle, repository.handle) }
    return ObjectID(oid)
  }
}

extension Repository {
  /// The best common ancestor of two commits; nil when they share none.
  public func mergeBase(_ a: ObjectID, _ b: ObjectID) throws -> ObjectID? {
    var out = git_oid()
    var x = a.raw
    var y = b.raw
    git_error_clear()
    let code = git_merge_base(&out, handle, &x, &y)
    if code == GIT_ENOTFOUND.rawValue { return nil }
    try checked("find the merge base of \(a.short) and \(b.short)", code: code)
    return ObjectID(out)
  }

  /// Merges three trees in memory as git would (no working tree or index is touched).
  public func mergeTrees(base: ObjectID?, ours: ObjectID, theirs: ObjectID) throws -> MergedIndex {
    var options = git_merge_options()
    try check("git_merge_options_init") {
      git_merge_options_init(&options, UInt32(GIT_MERGE_OPTIONS_VERSION))
    }
    let baseTree = try lookupTree(base)
    let ourTree = try lookupTree(ours)
    let theirTree = try lookupTree(theirs)
    defer { [baseTree, ourTree, theirTree].forEach { git_tree_free($0) } }
    var index: OpaquePointer?
    try check("merge trees") {
      git_merge_trees(&index, handle, baseTree, ourTree, theirTree, &options)
    }
    return MergedIndex(handle: index!, repository: self)
  }

  /// Brings the working tree and the index to a tree without overwriting local changes
  /// (`git checkout`'s safe mode), then moves the branch HEAD points to from `expected` to
  /// `commit`.
  public func checkout(
    tree: ObjectID, commit: ObjectID, expecting expected: ObjectID, message: String
  ) throws {
    let branch = try headBranch()
    var options = git_checkout_options()
    try check("git_checkout_options_init") {
      git_checkout_options_init(&options, UInt32(GIT_CHECKOUT_OPTIONS_VERSION))
    }
    options.checkout_strategy = GIT_CHECKOUT_SAFE.rawValue
    _ = try withTree(tree) { tree in
      try check("check out \(commit.short)") { git_checkout_tree(handle, tree, &options) }
    }
    try moveReference(branch, to: commit, expecting: expected, message: message)
  }

  /// Runs git's own merge of `commit` into HEAD: the index with conflicts, the working tree
  /// with conflict markers, MERGE_HEAD and MERGE_MSG, as `git merge` leaves them.
  public func mergeAsGitDoes(_ commit: ObjectID) throws {
    var annotated: OpaquePointer?
    var oid = commit.raw
    try check("look up \(commit.short)") { git_annotated_commit_lookup(&annotated, handle, &oid) }
    defer { git_annotated_commit_free(annotated) }
    var mergeOptions = git_merge_options()
    try check("git_merge_options_init") {
      git_merge_options_init(&mergeOptions, UInt32(GIT_MERGE_OPTIONS_VERSION))
    }
    var checkoutOptions = git_checkout_options()
    try check("git_checkout_options_init") {
      git_checkout_options_init(&checkoutOptions, UInt32(GIT_CHECKOUT_OPTIONS_VERSION))
    }
    checkoutOptions.checkout_strategy =
      GIT_CHECKOUT_SAFE.rawValue | GIT_CHECKOUT_ALLOW_CONFLICTS.rawValue
    var heads: [OpaquePointer?] = [annotated]
    try check("merge \(commit.short)") {
      git_merge(handle, &heads, 1, &mergeOptions, &checkoutOptions)
    }
  }

  /// Whether git has a merge in progress (MERGE_HEAD).
  public var isMerging: Bool {
    git_repository_state(handle) == Int32(GIT_REPOSITORY_STATE_MERGE.rawValue)
  }

  /// Ends git's merge state, putting the index and working tree back to HEAD (`git merge --abort`).
  public func abortGitMerge() throws {
    guard let head = try headCommit() else { throw GitError.unbornHead }
    var object: OpaquePointer?
    var oid = head.raw
    try check("read HEAD") { git_object_lookup(&object, handle, &oid, GIT_OBJECT_COMMIT) }
    defer { git_object_free(object) }
    try check("reset to HEAD") { git_reset(handle, object, GIT_RESET_HARD, nil) }
    try check("clean up the merge state") { git_repository_state_cleanup(handle) }
  }
}
