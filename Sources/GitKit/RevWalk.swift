import CLibgit2

/// The order of a revision walk.
public enum WalkOrder: Sendable {
  /// git's default order (`git log`, `git rev-list`): newest first by commit time among the
  /// commits the walk has reached, found as it goes, so the first come at once.
  case newestFirst
  /// Oldest first, parents before children (`git log --reverse --topo-order`).
  case oldestFirst
}

extension Repository {
  /// The commits reachable from `tips` and not from `hidden`, in `order`.
  public func walk(from tips: [ObjectID], hiding hidden: [ObjectID] = [], order: WalkOrder)
    throws -> [ObjectID]
  {
    var result: [ObjectID] = []
    try walk(from: tips, hiding: hidden, order: order) { result.append($0) }
    return result
  }

  /// The same commits handed to `body` one by one as the walk finds them: newest first, the
  /// first ones come before the rest of the history is read.
  public func walk(
    from tips: [ObjectID], hiding hidden: [ObjectID] = [], order: WalkOrder,
    _ body: (ObjectID) throws -> Void
  ) throws {
    var walker: OpaquePointer?
    try check("create revision walk") { git_revwalk_new(&walker, handle) }
    defer { git_revwalk_free(walker) }
    // Oldest first needs parents before children whatever the clocks said: topological too.
    // libgit2's unsorted walk is git's default algorithm (by date as commits are reached);
    // asking it to sort by time would read the whole graph first, and order skewed clocks
    // differently from git.
    let sorting =
      order == .oldestFirst
      ? GIT_SORT_TOPOLOGICAL.rawValue | GIT_SORT_TIME.rawValue | GIT_SORT_REVERSE.rawValue
      : GIT_SORT_NONE.rawValue
    try check("sort revision walk") { git_revwalk_sorting(walker, sorting) }
    for tip in tips {
      var oid = tip.raw
      try check("walk from \(tip.short)") { git_revwalk_push(walker, &oid) }
    }
    for hide in hidden {
      var oid = hide.raw
      try check("hide \(hide.short)") { git_revwalk_hide(walker, &oid) }
    }
    var oid = git_oid()
    while true {
      git_error_clear()
      let code = git_revwalk_next(&oid, walker)
      if code == GIT_ITEROVER.rawValue { break }
      try checked("walk revisions", code: code)
      try body(ObjectID(oid))
    }
  }
}

extension Repository {
  /// Walks newest first and hands out each commit whose object at `path` (a file or a folder)
  /// differs from its first parent's, with both ids (nil where there is none) and a merge's
  /// other parents. Each commit's tree is read once: its id at `path` is kept for when it turns
  /// up as the next one's parent. `time` is the commit's committer time.
  public func walkChanges(
    at path: String, from tips: [ObjectID], hiding hidden: [ObjectID] = [],
    _ body: (
      _ commit: ObjectID, _ time: Int64, _ old: ObjectID?, _ new: ObjectID?,
      _ otherParents: ArraySlice<ObjectID>
    ) throws -> Void
  ) throws {
    var remembered: [ObjectID: ObjectID?] = [:]
    func id(in commit: ObjectID, tree: ObjectID? = nil) throws -> ObjectID? {
      if let known = remembered.removeValue(forKey: commit) { return known }
      let root = try tree ?? treeAndFirstParent(of: commit).tree
      // A single name is looked up directly in the root's entries.
      let id =
        path.contains("/")
        ? try entry(at: path, in: root)?.id : try entryID(named: path, in: root)
      remembered[commit] = id
      return id
    }
    try walk(from: tips, hiding: hidden, order: .newestFirst) { commit in
      let (tree, parents, time) = try links(of: commit)
      let new = try id(in: commit, tree: tree)
      remembered[commit] = nil  // a commit is the next one's parent at most once more
      let old = try parents.first.flatMap { try id(in: $0) }
      if old != new { try body(commit, time, old, new, parents.dropFirst()) }
    }
  }

  /// Whether `ancestor` is `commit` or reachable from it.
  public func isAncestor(_ ancestor: ObjectID, of commit: ObjectID) throws -> Bool {
    if ancestor == commit { return true }
    var a = commit.raw
    var b = ancestor.raw
    return try check("compare \(commit.short) and \(ancestor.short)") {
      git_graph_descendant_of(handle, &a, &b)
    } == 1
  }
}
