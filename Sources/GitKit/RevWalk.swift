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
      try check("walk revisions") { code }
      try body(ObjectID(oid))
    }
  }
}

extension Repository {
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
