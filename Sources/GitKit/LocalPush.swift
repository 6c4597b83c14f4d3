import CLibgit2
import Foundation

extension Repository {
  /// The folder a remote's URL names when it is a path or a `file://` URL, nil for a network URL.
  func localPath(ofRemoteURL url: String) -> String? {
    if url.hasPrefix("file://") {
      return String(url.dropFirst("file://".count)).removingPercentEncoding
    }
    if url.contains("://") { return nil }
    // `host:path` is ssh in git's reading, unless a slash comes before the colon.
    if let colon = url.firstIndex(of: ":"), !url[..<colon].contains("/") { return nil }
    var isFolder: ObjCBool = false
    return FileManager.default.fileExists(atPath: url, isDirectory: &isFolder) && isFolder.boolValue
      ? url : nil
  }

  /// Pushes `local` to `remoteBranch` of the bare repository at `path` as git's receive-pack
  /// does: the objects first, then the branch moved only if it still points where it pointed
  /// when the push began. libgit2's own local transport checks that at connect time and then
  /// forces the update, so two clones pushing at once could each see a fast-forward and the
  /// second would erase the first one's commits.
  ///
  /// Returns the reason when the remote branch is not an ancestor of `local` or moved during
  /// the push, nil when the branch was updated.
  func push(
    local: String, to remote: Repository, remoteBranch: String, trackingReference: String
  ) throws -> String? {
    let ours = try resolveCommit("refs/heads/\(local)")
    let destination = "refs/heads/\(remoteBranch)"
    let theirs = try remote.referenceTarget(destination)
    if let theirs {
      if theirs == ours { return nil }
      guard hasObject(theirs), try isAncestor(theirs, of: ours) else {
        return "non-fast-forward: \(destination) moved since the last fetch"
      }
    }
    try writePack(from: ours, hiding: theirs, into: remote.gitDirectory + "/objects/pack")
    // Another push holds the branch's lock for a moment; wait for it as git waits for a ref
    // lock (`core.filesRefLockTimeout`), then report a lock that stays.
    var waited = 0
    while true {
      do {
        try remote.moveReference(destination, to: ours, expecting: theirs, message: "push")
        break
      } catch GitError.referenceMoved {
        return "non-fast-forward: \(destination) moved during the push"
      } catch GitError.locked where waited < 2_000 {
        usleep(20_000)
        waited += 20
      } catch GitError.locked(let lock, _) {
        return "\(destination) is locked (\(lock)); if no push is running, remove the lock"
      }
    }
    try moveReference(trackingReference, to: ours, message: "update by push")
    return nil
  }

  /// The commit a direct reference points at; nil when there is no such reference.
  func referenceTarget(_ name: String) throws -> ObjectID? {
    var oid = git_oid()
    git_error_clear()
    let code = git_reference_name_to_id(&oid, handle, name)
    if code == GIT_ENOTFOUND.rawValue { return nil }
    try checked("read \(name)", code: code)
    return ObjectID(oid)
  }

  /// Whether the object database holds `id`.
  func hasObject(_ id: ObjectID) -> Bool {
    var odb: OpaquePointer?
    guard git_repository_odb(&odb, handle) == 0 else { return false }
    defer { git_odb_free(odb) }
    var oid = id.raw
    return git_odb_exists(odb, &oid) == 1
  }

  /// Moves a reference to `target` whatever it points at now.
  func moveReference(_ name: String, to target: ObjectID, message: String) throws {
    var reference: OpaquePointer?
    var oid = target.raw
    try check("update \(name)") { git_reference_create(&reference, handle, name, &oid, 1, message) }
    git_reference_free(reference)
  }

  /// Writes a pack of what `tip` reaches and `hidden` does not into another repository's pack
  /// folder (with its index, renamed into place when complete).
  private func writePack(from tip: ObjectID, hiding hidden: ObjectID?, into folder: String) throws {
    var builder: OpaquePointer?
    try check("start a pack") { git_packbuilder_new(&builder, handle) }
    defer { git_packbuilder_free(builder) }
    var walker: OpaquePointer?
    try check("start a walk") { git_revwalk_new(&walker, handle) }
    defer { git_revwalk_free(walker) }
    var tipID = tip.raw
    try check("walk from \(tip.short)") { git_revwalk_push(walker, &tipID) }
    if var hiddenID = hidden?.raw {
      try check("hide \(hidden!.short)") { git_revwalk_hide(walker, &hiddenID) }
    }
    try check("collect objects for a pack") { git_packbuilder_insert_walk(builder, walker) }
    guard git_packbuilder_object_count(builder) > 0 else { return }
    try check("write a pack to \(folder)") {
      git_packbuilder_write(builder, folder, 0, nil, nil)
    }
  }
}

extension Repository {
  /// The same into a bare repository on this machine: each new tag's objects in one pack,
  /// then its reference, created only if still absent.
  func pushTags(_ names: [String], to remote: Repository) throws -> [String: String] {
    var refused: [String: String] = [:]
    var new: [(name: String, object: ObjectID)] = []
    for name in names {
      guard let ours = try referenceTarget(name) else { continue }
      if let theirs = try remote.referenceTarget(name) {
        if theirs != ours { refused[name] = "already exists there with another object" }
        continue
      }
      new.append((name, ours))
    }
    guard !new.isEmpty else { return refused }
    var builder: OpaquePointer?
    try check("start a pack") { git_packbuilder_new(&builder, handle) }
    defer { git_packbuilder_free(builder) }
    for tag in new {
      var oid = tag.object.raw
      try check("collect \(tag.name) for a pack") {
        git_packbuilder_insert_recur(builder, &oid, tag.name)
      }
    }
    try check("write a pack to \(remote.gitDirectory)") {
      git_packbuilder_write(builder, remote.gitDirectory + "/objects/pack", 0, nil, nil)
    }
    for tag in new {
      var reference: OpaquePointer?
      var oid = tag.object.raw
      let code = git_reference_create(&reference, remote.handle, tag.name, &oid, 0, "push")
      git_reference_free(reference)
      if code == GIT_EEXISTS.rawValue {
        refused[tag.name] = "created there by another push meanwhile"
      } else {
        try checked("create \(tag.name)", code: code)
      }
    }
    return refused
  }
}
