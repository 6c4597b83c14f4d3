import Foundation
import TestSupport

/// A folder to run `review` in as a user would, with an isolated git configuration.
struct Workspace {
  let root: String
  let home: String
  var environment: [String: String]

  init(
    _ folder: String,
    identity: (name: String, email: String)? = ("Test Runner", "runner@example.org")
  ) throws {
    root = folder + "/work"
    home = folder + "/home"
    try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
    environment = try isolatedEnvironment(home: home, identity: identity)
  }

  /// The same home and environment with another repository as the root (a second clone).
  func at(_ root: String) -> Workspace {
    Workspace(root: root, home: home, environment: environment)
  }

  private init(root: String, home: String, environment: [String: String]) {
    self.root = root
    self.home = home
    self.environment = environment
  }

  /// Runs the built binary in `directory` (default: the workspace root).
  @discardableResult
  func review(_ arguments: [String], in directory: String? = nil, extra: [String: String] = [:])
    throws
    -> ProcessResult
  {
    try run(
      reviewBinary, arguments, in: directory ?? root,
      environment: environment.merging(extra) { $1 })
  }

  /// Runs `review` as a reviewer: their git identity as the author.
  @discardableResult
  func reviewAs(_ name: String, _ arguments: [String], date: String? = nil) throws -> ProcessResult
  {
    var extra = ["GIT_AUTHOR_NAME": name.capitalized, "GIT_AUTHOR_EMAIL": "\(name)@example.org"]
    if let date {
      extra["GIT_AUTHOR_DATE"] = date
      extra["GIT_COMMITTER_DATE"] = date
    }
    return try review(arguments, extra: extra)
  }

  @discardableResult
  func git(_ arguments: [String]) throws -> ProcessResult {
    try gitProgram(arguments, in: root, environment: environment)
  }

  func write(_ path: String, _ text: String) throws {
    let full = root + "/" + path
    try FileManager.default.createDirectory(
      atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
    try text.write(toFile: full, atomically: true, encoding: .utf8)
  }

  func read(_ path: String) throws -> String {
    try String(contentsOfFile: root + "/" + path, encoding: .utf8)
  }
}

/// Runs `body` with a workspace in which `review init` and `review new llama2` have run.
func withLlamaRepository(_ body: (Workspace) throws -> Void) throws {
  try withTemporaryFolder { folder in
    let workspace = try Workspace(folder)
    try workspace.review(["init"]).requireSuccess()
    try workspace.review(["new", "llama2", "--title", "Llama 2 7B"]).requireSuccess()
    try body(workspace)
  }
}

extension ProcessResult {
  /// The JSON object printed on stdout.
  func json() throws -> [String: Any] {
    guard let object = try JSONSerialization.jsonObject(with: Data(stdout.utf8)) as? [String: Any]
    else { throw CommandFailed(result: self) }
    return object
  }
}

/// main and other both change alice's evaluation of llama2 from a common base (datasets
/// closed, model-card open), with `review` on PATH for git's merge driver.
func withDivergedBranches(
  main: [String], other: [String], _ body: (Workspace) throws -> Void
) throws {
  try withLlamaRepository { base in
    var workspace = base
    workspace.environment["PATH"] =
      (reviewBinary as NSString).deletingLastPathComponent + ":"
      + (workspace.environment["PATH"] ?? "/usr/bin:/bin")
    try workspace.reviewAs("alice", ["score", "llama2", "datasets=closed", "model-card=open"])
      .requireSuccess()
    try workspace.git(["checkout", "-q", "-b", "other"]).requireSuccess()
    try workspace.reviewAs("alice", ["score", "llama2"] + other).requireSuccess()
    try workspace.git(["checkout", "-q", "main"]).requireSuccess()
    try workspace.reviewAs("alice", ["score", "llama2"] + main).requireSuccess()
    try body(workspace)
  }
}
