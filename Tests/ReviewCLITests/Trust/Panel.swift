import Foundation
import TestSupport

/// A review repository with a registry and a policy that requires signatures: alice signs with
/// a key file, bob with a key held by ssh-agent, carol does not sign, and the chair signs with
/// an RSA key file. git is set up to verify their signatures (`gpg.ssh.allowedSignersFile`).
struct Panel {
  let workspace: Workspace
  let keys: String
  let agent: SSHAgentProcess
  let allowedSigners: String

  /// Who signs with what: a key file, a public key held by the agent, or nothing.
  static let signingKeys: [String: String] = [
    "alice": "alice", "bob": "bob.pub", "chair": "chair", "eve": "eve",
  ]

  static func with(policy: String = "  require-signatures: true\n", _ body: (Panel) throws -> Void)
    throws
  {
    try withTemporaryFolder { folder in
      let workspace = try Workspace(folder)
      let keys = folder + "/keys"
      try FileManager.default.createDirectory(atPath: keys, withIntermediateDirectories: true)
      let pairs: [(String, TestKeys.Pair)] = [
        ("alice", TestKeys.alice), ("bob", TestKeys.bob), ("chair", TestKeys.rsa),
        ("eve", TestKeys.eve),
      ]
      for (name, pair) in pairs { try pair.write(to: keys, name: name) }
      let agent = try SSHAgentProcess(folder: folder)
      try agent.add(keys + "/bob")
      let allowed = folder + "/allowed_signers"
      try pairs.filter { $0.0 != "eve" }.map { "\($0.0)@example.org \($0.1.publicKey)" }
        .joined(separator: "\n").appending("\n")
        .write(toFile: allowed, atomically: true, encoding: .utf8)
      let panel = Panel(workspace: workspace, keys: keys, agent: agent, allowedSigners: allowed)
      defer { agent.stop() }
      try workspace.review(["init"]).requireSuccess()
      try workspace.write(
        "review.yaml",
        """
        schema: 1
        default-framework: mof-1.0
        reviewers:
          alice:
            name: Alice Example
            emails: [alice@example.org]
            keys: ["\(TestKeys.alice.publicKey)"]
            affiliation: EleutherAI
          bob:
            name: Bob Example
            email: bob@example.org
            keys:
              - \(TestKeys.bob.publicKey)
          carol:
            name: Carol Example
            email: carol@example.org
            conflicts: [llama2]
          chair:
            name: Chair Person
            email: chair@example.org
            keys: ["\(TestKeys.rsa.publicKey)"]
            role: chair
        policy:
        \(policy)
        """)
      try workspace.git(["config", "gpg.format", "ssh"]).requireSuccess()
      try workspace.git(["config", "commit.gpgsign", "true"]).requireSuccess()
      try workspace.git(["config", "gpg.ssh.allowedSignersFile", allowed]).requireSuccess()
      // The registry arrives before any policy: that commit is unverifiable, not a violation.
      try panel.git("chair", ["commit", "-qm", "registry and policy", "review.yaml"])
      try panel.review("chair", ["new", "llama2", "--title", "Llama 2 7B"]).requireSuccess()
      try body(panel)
    }
  }

  /// Runs `review` as a reviewer: their e-mail as the author, their key as user.signingkey
  /// (none for carol, whose writes are unsigned).
  @discardableResult
  func review(_ who: String, _ arguments: [String], in directory: String? = nil) throws
    -> ProcessResult
  {
    try setSigningKey(who, in: directory)
    let unsigned = Self.signingKeys[who] == nil ? ["--no-sign"] : []
    return try workspace.review(
      arguments + unsigned, in: directory, extra: identity(who))
  }

  /// Runs `git` as a reviewer, signing with their key when they have one.
  @discardableResult
  func git(_ who: String, _ arguments: [String], in directory: String? = nil) throws
    -> ProcessResult
  {
    try setSigningKey(who, in: directory)
    var command = arguments
    if Self.signingKeys[who] == nil {
      command.insert(contentsOf: ["-c", "commit.gpgsign=false"], at: 0)
    }
    return try run(
      "/usr/bin/git", command, in: directory ?? workspace.root,
      environment: workspace.environment.merging(identity(who)) { $1 }
    ).requireSuccess()
  }

  func identity(_ who: String) -> [String: String] {
    [
      "GIT_AUTHOR_NAME": who.capitalized, "GIT_AUTHOR_EMAIL": "\(who)@example.org",
      "GIT_COMMITTER_NAME": who.capitalized, "GIT_COMMITTER_EMAIL": "\(who)@example.org",
      "SSH_AUTH_SOCK": agent.socket,
    ]
  }

  private func setSigningKey(_ who: String, in directory: String?) throws {
    let arguments =
      Self.signingKeys[who].map { ["config", "user.signingkey", keys + "/" + $0] }
      ?? ["config", "--unset-all", "user.signingkey"]
    _ = try run(
      "/usr/bin/git", arguments, in: directory ?? workspace.root,
      environment: workspace.environment)
  }

  /// The id of HEAD.
  func head(in directory: String? = nil) throws -> String {
    try run(
      "/usr/bin/git", ["rev-parse", "HEAD"], in: directory ?? workspace.root,
      environment: workspace.environment
    ).requireSuccess().stdout.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// `review verify RANGE`: its exit status and the violation lines (without the summary).
  func verify(_ range: String = "HEAD") throws -> (status: Int32, violations: [String]) {
    let result = try workspace.review(["verify", range])
    let lines = result.stdout.split(separator: "\n").map(String.init)
    return (result.status, Array(lines.dropLast()))
  }
}
