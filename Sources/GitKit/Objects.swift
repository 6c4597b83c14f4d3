import CLibgit2
import Foundation

/// The kind of an entry in a tree, from its file mode.
public enum EntryKind: Sendable, Equatable {
  case file
  case executable
  case symlink
  case directory
  case submodule
}

/// One entry of a tree: a name, its object id and its kind.
public struct TreeEntry: Hashable, Sendable {
  /// The entry's name within its tree.
  public var name: String
  /// The object's id.
  public var id: ObjectID
  /// A blob, a tree, a link or a submodule.
  public var kind: EntryKind

  init(_ entry: OpaquePointer) {
    name = String(cString: git_tree_entry_name(entry))
    id = ObjectID(pointer: git_tree_entry_id(entry))
    switch git_tree_entry_filemode(entry) {
    case GIT_FILEMODE_TREE: kind = .directory
    case GIT_FILEMODE_LINK: kind = .symlink
    case GIT_FILEMODE_BLOB_EXECUTABLE: kind = .executable
    case GIT_FILEMODE_COMMIT: kind = .submodule
    default: kind = .file
    }
  }
}

/// A commit read from the object database.
public struct Commit: Hashable, Sendable {
  /// The object's id.
  public var id: ObjectID
  /// The id of the root tree.
  public var tree: ObjectID
  /// The parents, first parent first.
  public var parents: [ObjectID]
  /// Who wrote the change, and when.
  public var author: Signature
  /// Who made the commit, and when.
  public var committer: Signature
  /// The whole message.
  public var message: String

  /// The first line of the message.
  public var summary: String {
    String(message.split(separator: "\n", omittingEmptySubsequences: false).first ?? "")
  }
}

extension Repository {
  /// Reads a commit.
  public func commit(_ id: ObjectID) throws -> Commit {
    var commit: OpaquePointer?
    var oid = id.raw
    try check("read commit \(id.short)") { git_commit_lookup(&commit, handle, &oid) }
    defer { git_commit_free(commit) }
    let parents = (0..<git_commit_parentcount(commit)).map {
      ObjectID(pointer: git_commit_parent_id(commit, $0))
    }
    return Commit(
      id: id, tree: ObjectID(pointer: git_commit_tree_id(commit)), parents: parents,
      author: Signature(git_commit_author(commit)),
      committer: Signature(git_commit_committer(commit)),
      message: git_commit_message(commit).map { String(cString: $0) } ?? "")
  }

  /// A looked-up tree the caller frees with `git_tree_free`; nil for no id.
  func lookupTree(_ id: ObjectID?) throws -> OpaquePointer? {
    guard let id else { return nil }
    var tree: OpaquePointer?
    var oid = id.raw
    try check("read tree \(id.short)") { git_tree_lookup(&tree, handle, &oid) }
    return tree
  }

  /// Runs `body` with a looked-up tree.
  func withTree<T>(_ id: ObjectID, _ body: (OpaquePointer) throws -> T) throws -> T {
    var tree: OpaquePointer?
    var oid = id.raw
    try check("read tree \(id.short)") { git_tree_lookup(&tree, handle, &oid) }
    defer { git_tree_free(tree) }
    return try body(tree!)
  }

  /// The entry at a slash-separated path below a tree; nil when there is none.
  public func entry(at path: String, in tree: ObjectID) throws -> TreeEntry? {
    if path.isEmpty { return nil }
    return try withTree(tree) { tree in
      var entry: OpaquePointer?
      git_error_clear()
      let code = git_tree_entry_bypath(&entry, tree, path)
      if code == GIT_ENOTFOUND.rawValue { return nil }
      try checked("look up \(path)", code: code)
      defer { git_tree_entry_free(entry) }
      return TreeEntry(entry!)
    }
  }

  /// The entries of a tree, in git's order; a tree that names an entry twice is refused, naming
  /// it (and `path`, the tree's place, when given), since only one of the two could be read.
  public func entries(of tree: ObjectID, at path: String? = nil) throws -> [TreeEntry] {
    let entries = try withTree(tree) { tree in
      (0..<git_tree_entrycount(tree)).map { TreeEntry(git_tree_entry_byindex(tree, $0)) }
    }
    var names = Set<String>(minimumCapacity: entries.count)
    for entry in entries where !names.insert(entry.name).inserted {
      throw GitError.duplicateEntry(folder: path ?? tree.short, name: entry.name)
    }
    return entries
  }

  /// The entries of the directory at `path` below `tree` (the root for ""); nil when the path is
  /// missing or not a directory.
  public func entries(at path: String, in tree: ObjectID) throws -> [TreeEntry]? {
    if path.isEmpty { return try entries(of: tree) }
    guard let entry = try entry(at: path, in: tree), entry.kind == .directory else { return nil }
    return try entries(of: entry.id, at: path)
  }

  /// The bytes of a blob.
  public func blob(_ id: ObjectID) throws -> Data {
    var blob: OpaquePointer?
    var oid = id.raw
    try check("read blob \(id.short)") { git_blob_lookup(&blob, handle, &oid) }
    defer { git_blob_free(blob) }
    let size = Int(git_blob_rawsize(blob))
    guard size > 0, let content = git_blob_rawcontent(blob) else { return Data() }
    return Data(bytes: content, count: size)
  }

  /// The bytes of a blob no longer than `limit`, its size read from the object's header first;
  /// nil for a longer one, which is never inflated.
  public func blob(_ id: ObjectID, limit: Int) throws -> Data? {
    try blobSize(id) <= limit ? try blob(id) : nil
  }

  /// The size of a blob in bytes, read from the object header without loading it.
  public func blobSize(_ id: ObjectID) throws -> Int {
    var odb: OpaquePointer?
    try check("open object database") { git_repository_odb(&odb, handle) }
    defer { git_odb_free(odb) }
    var size = 0
    var type = GIT_OBJECT_ANY
    var oid = id.raw
    try check("read header of \(id.short)") { git_odb_read_header(&size, &type, odb, &oid) }
    return size
  }

  /// The bytes of the file at `path` in a commit's tree; nil when there is no such file.
  public func file(at path: String, inCommit commit: ObjectID) throws -> Data? {
    let tree = try self.commit(commit).tree
    guard let entry = try entry(at: path, in: tree),
      entry.kind == .file || entry.kind == .executable
    else { return nil }
    return try blob(entry.id)
  }

  /// Writes bytes as a blob and returns its id.
  public func writeBlob(_ data: Data) throws -> ObjectID {
    var oid = git_oid()
    _ = try data.withUnsafeBytes { buffer in
      try check("write blob") {
        git_blob_create_from_buffer(&oid, handle, buffer.baseAddress, buffer.count)
      }
    }
    return ObjectID(oid)
  }

  /// A new tree: `base` (or the empty tree) with each path set to a blob, creating folders as
  /// needed. Paths are repository-relative with `/` separators.
  public func tree(byUpdating base: ObjectID?, setting files: [(path: String, blob: ObjectID)])
    throws -> ObjectID
  {
    for file in files { try Self.validateRelativePath(file.path) }
    func update(_ tree: OpaquePointer?) throws -> ObjectID {
      let paths = files.map { strdup($0.path)! }
      defer { paths.forEach { free($0) } }
      var updates = zip(files, paths).map { file, path in
        git_tree_update(
          action: GIT_TREE_UPDATE_UPSERT, id: file.blob.raw, filemode: GIT_FILEMODE_BLOB,
          path: UnsafePointer(path))
      }
      var oid = git_oid()
      try check("write tree") {
        git_tree_create_updated(&oid, handle, tree, updates.count, &updates)
      }
      return ObjectID(oid)
    }
    guard let base else { return try update(nil) }
    return try withTree(base) { try update($0) }
  }

  /// Writes a commit object without moving any reference, signed by `signer` when given.
  public func writeCommit(
    tree: ObjectID, parents: [ObjectID], author: Signature, committer: Signature, message: String,
    signer: ObjectSigner? = nil
  ) throws -> ObjectID {
    var parentCommits: [OpaquePointer?] = []
    defer { parentCommits.forEach { git_commit_free($0) } }
    for parent in parents {
      var commit: OpaquePointer?
      var oid = parent.raw
      try check("read commit \(parent.short)") { git_commit_lookup(&commit, handle, &oid) }
      parentCommits.append(commit)
    }
    return try withTree(tree) { tree in
      try author.withRaw { author in
        try committer.withRaw { committer in
          if let signer {
            return try writeSignedCommit(
              tree: tree, parents: parentCommits, author: author, committer: committer,
              message: message, signer: signer)
          }
          var oid = git_oid()
          _ = try parentCommits.withUnsafeMutableBufferPointer { parents in
            try check("write commit") {
              git_commit_create(
                &oid, handle, nil, author, committer, "UTF-8", message, tree, parents.count,
                parents.baseAddress)
            }
          }
          return ObjectID(oid)
        }
      }
    }
  }

  /// Moves a reference to `target` only if it still points at `expected` (nil: it must not exist
  /// yet), writing `message` to the reflog.
  public func moveReference(
    _ name: String, to target: ObjectID, expecting expected: ObjectID?, message: String
  ) throws {
    var reference: OpaquePointer?
    var oid = target.raw
    git_error_clear()
    let code: Int32
    if var current = expected?.raw {
      code = git_reference_create_matching(&reference, handle, name, &oid, 1, &current, message)
    } else {
      code = git_reference_create(&reference, handle, name, &oid, 0, message)
    }
    if code == GIT_EMODIFIED.rawValue || code == GIT_EEXISTS.rawValue {
      throw GitError.referenceMoved(reference: name)
    }
    if code == GIT_ELOCKED.rawValue {
      throw GitError.locked(lock: gitDirectory + "/" + name + ".lock", reference: name)
    }
    try checked("update \(name)", code: code)
    git_reference_free(reference)
  }
}

extension Repository {
  /// A commit's place in the graph, read in one lookup without its signatures and message:
  /// its tree, its parents (first parent first) and its committer time.
  public func links(of commit: ObjectID) throws -> (
    tree: ObjectID, parents: [ObjectID], time: Int64
  ) {
    var pointer: OpaquePointer?
    var oid = commit.raw
    try check("read commit \(commit.short)") { git_commit_lookup(&pointer, handle, &oid) }
    defer { git_commit_free(pointer) }
    let parents = (0..<git_commit_parentcount(pointer)).map {
      ObjectID(pointer: git_commit_parent_id(pointer, $0))
    }
    return (
      ObjectID(pointer: git_commit_tree_id(pointer)), parents, Int64(git_commit_time(pointer))
    )
  }

  /// The tree and first parent of a commit, read without the rest of it.
  public func treeAndFirstParent(of commit: ObjectID) throws -> (tree: ObjectID, parent: ObjectID?)
  {
    let links = try links(of: commit)
    return (links.tree, links.parents.first)
  }
}

extension Repository {
  /// The id of a tree's direct entry by name, without copying the entry.
  public func entryID(named name: String, in tree: ObjectID) throws -> ObjectID? {
    try withTree(tree) { tree in
      guard let entry = git_tree_entry_byname(tree, name) else { return nil }
      return ObjectID(pointer: git_tree_entry_id(entry))
    }
  }

  /// A commit's author and message, read without the rest of it. A message longer than
  /// `limit` bytes is cut at its last line break before the limit, and `size` says how long it
  /// was (nil when it is whole).
  public func authorAndMessage(of commit: ObjectID, limit: Int = 1 << 20) throws -> (
    author: Signature, message: String, size: Int?
  ) {
    var pointer: OpaquePointer?
    var oid = commit.raw
    try check("read commit \(commit.short)") { git_commit_lookup(&pointer, handle, &oid) }
    defer { git_commit_free(pointer) }
    let author = Signature(git_commit_author(pointer))
    guard let raw = git_commit_message(pointer) else { return (author, "", nil) }
    let length = strnlen(raw, limit + 1)
    if length <= limit { return (author, String(cString: raw), nil) }
    let bytes = UnsafeRawBufferPointer(start: raw, count: limit)
    let cut = bytes.lastIndex(of: 0x0A) ?? 0
    return (
      author, String(decoding: UnsafeRawBufferPointer(rebasing: bytes[..<cut]), as: UTF8.self),
      strlen(raw)
    )
  }
}
