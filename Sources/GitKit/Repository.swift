import CLibgit2
import Foundation

/// A git repository opened through libgit2. The one class of this layer that owns a C handle.
public final class Repository {
  let handle: OpaquePointer

  private init(handle: OpaquePointer) {
    self.handle = handle
  }

  deinit {
    git_repository_free(handle)
  }

  /// Opens the repository that contains `path`, searching upward as git does.
  public static func discover(from path: String) throws -> Repository {
    ensureLibgit2()
    var pointer: OpaquePointer?
    git_error_clear()
    let code = git_repository_open_ext(&pointer, path, 0, nil)
    if code == GIT_ENOTFOUND.rawValue { throw GitError.notARepository(path: path) }
    try checked("open repository at \(path)", code: code)
    return Repository(handle: pointer!)
  }

  /// Opens the repository whose work tree or git directory is exactly `path`.
  public static func open(at path: String) throws -> Repository {
    ensureLibgit2()
    var pointer: OpaquePointer?
    git_error_clear()
    let code = git_repository_open_ext(
      &pointer, path, UInt32(GIT_REPOSITORY_OPEN_NO_SEARCH.rawValue), nil)
    if code == GIT_ENOTFOUND.rawValue { throw GitError.notARepository(path: path) }
    try checked("open repository at \(path)", code: code)
    return Repository(handle: pointer!)
  }

  /// Creates a repository at `path` (making the folder when missing) whose unborn HEAD points at
  /// `initialBranch`; on an existing repository it only reopens it.
  public static func create(at path: String, initialBranch: String = "main", bare: Bool = false)
    throws -> Repository
  {
    ensureLibgit2()
    var options = git_repository_init_options()
    try check("git_repository_init_options_init") {
      git_repository_init_options_init(&options, UInt32(GIT_REPOSITORY_INIT_OPTIONS_VERSION))
    }
    options.flags = UInt32(GIT_REPOSITORY_INIT_MKPATH.rawValue)
    if bare { options.flags |= UInt32(GIT_REPOSITORY_INIT_BARE.rawValue) }
    var pointer: OpaquePointer?
    try initialBranch.withCString { branch in
      options.initial_head = branch
      try check("initialise repository at \(path)") {
        git_repository_init_ext(&pointer, path, &options)
      }
    }
    return Repository(handle: pointer!)
  }

  /// Whether the repository has no working tree (a hub that is pushed to and cloned from).
  public var isBare: Bool { git_repository_is_bare(handle) == 1 }

  /// Points HEAD at `refs/heads/BRANCH`, which need not exist yet (a new hub's first push
  /// creates it); as `git symbolic-ref HEAD refs/heads/BRANCH`.
  public func pointHead(atBranch branch: String) throws {
    try check("point HEAD at \(branch)") { git_repository_set_head(handle, "refs/heads/" + branch) }
  }

  /// The working tree's root, with a trailing slash removed; nil for a bare repository.
  public var workdir: String? {
    guard let raw = git_repository_workdir(handle) else { return nil }
    var path = String(cString: raw)
    while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
    return path
  }

  /// The git directory (`.git`), without a trailing slash.
  public var gitDirectory: String {
    var path = String(cString: git_repository_path(handle))
    while path.count > 1 && path.hasSuffix("/") { path.removeLast() }
    return path
  }

  /// Whether HEAD's branch has no commit yet.
  public var isHeadUnborn: Bool {
    git_repository_head_unborn(handle) == 1
  }

  /// The commit HEAD points to; nil on an unborn branch.
  public func headCommit() throws -> ObjectID? {
    if isHeadUnborn { return nil }
    var oid = git_oid()
    try check("resolve HEAD") { git_reference_name_to_id(&oid, handle, "HEAD") }
    return ObjectID(oid)
  }

  /// The full name of the branch HEAD points to (`refs/heads/main`), born or not.
  public func headBranch() throws -> String {
    var reference: OpaquePointer?
    try check("read HEAD") { git_reference_lookup(&reference, handle, "HEAD") }
    defer { git_reference_free(reference) }
    guard git_reference_type(reference) == GIT_REFERENCE_SYMBOLIC,
      let target = git_reference_symbolic_target(reference)
    else { throw GitError.detachedHead }
    return String(cString: target)
  }

  /// Resolves a revision (`HEAD`, `main~2`, a tag, an abbreviated id) to the commit it names.
  public func resolveCommit(_ revision: String) throws -> ObjectID {
    if revision == "HEAD" && isHeadUnborn { throw GitError.unbornHead }
    var object: OpaquePointer?
    ensureLibgit2()
    guard git_revparse_single(&object, handle, revision) == 0 else {
      throw GitError.unknownRevision(revision)
    }
    defer { git_object_free(object) }
    var commit: OpaquePointer?
    guard git_object_peel(&commit, object, GIT_OBJECT_COMMIT) == 0 else {
      throw GitError.unknownRevision(revision)
    }
    defer { git_object_free(commit) }
    return ObjectID(pointer: git_object_id(commit))
  }

  /// A string value of the repository's configuration (repository, global and system files);
  /// nil when unset.
  public func configString(_ key: String) -> String? {
    var config: OpaquePointer?
    guard git_repository_config_snapshot(&config, handle) == 0 else { return nil }
    defer { git_config_free(config) }
    return Self.string(key, in: config)
  }

  /// A string value of the configuration outside any repository (global, XDG and system
  /// files), as a repository that does not exist yet would see it; nil when unset.
  public static func defaultConfigString(_ key: String) -> String? {
    ensureLibgit2()
    var config: OpaquePointer?
    guard git_config_open_default(&config) == 0 else { return nil }
    defer { git_config_free(config) }
    var snapshot: OpaquePointer?
    guard git_config_snapshot(&snapshot, config) == 0 else { return nil }
    defer { git_config_free(snapshot) }
    return string(key, in: snapshot)
  }

  /// A string value of a configuration snapshot; nil when unset.
  private static func string(_ key: String, in snapshot: OpaquePointer?) -> String? {
    var value: UnsafePointer<CChar>?
    guard git_config_get_string(&value, snapshot, key) == 0, let value else { return nil }
    return String(cString: value)
  }

  /// Sets a string value in the repository's own configuration file (`.git/config`).
  public func setConfigString(_ key: String, _ value: String) throws {
    var config: OpaquePointer?
    try check("open configuration") { git_repository_config(&config, handle) }
    defer { git_config_free(config) }
    try check("set \(key)") { git_config_set_string(config, key, value) }
  }

  /// The absolute path in the working tree of a repository-relative path.
  public func workdirPath(_ path: String) throws -> String {
    guard let workdir else { throw GitError.bareRepository }
    try Self.validateRelativePath(path)
    return workdir + "/" + path
  }

  /// Refuses paths that are empty, absolute, or step outside the tree (`..`, `.git`).
  static func validateRelativePath(_ path: String) throws {
    let components = path.split(separator: "/", omittingEmptySubsequences: false)
    guard !path.isEmpty, !path.hasPrefix("/"),
      components.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." && $0 != ".git" })
    else { throw GitError.invalidPath(path) }
  }
}
