import Foundation
import TestSupport
import Testing

/// A sealed Delphi round as a panel runs it: a chair and three reviewers, each on their own
/// clone, syncing through a `git daemon`.
@Suite struct SealedRoundTests {
  static let agePresent = FileManager.default.isExecutableFile(atPath: "/usr/bin/age")

  /// The panel's registry: three panelists and a chair, each with an ssh-ed25519 key.
  static let settings = """
    schema: 1
    default-framework: mof-1.0
    reviewers:
      alice: {name: Alice, emails: [alice@example.org], keys: ["\(TestKeys.alice.publicKey)"]}
      bob: {name: Bob, emails: [bob@example.org], keys: ["\(TestKeys.bob.publicKey)"]}
      carol: {name: Carol, emails: [carol@example.org], keys: ["\(TestKeys.carol.publicKey)"]}
      eve: {name: Eve, emails: [eve@example.org], keys: ["\(TestKeys.eve.publicKey)"], role: chair}
    policy:
      require-signatures: false
    rounds:
      stop:
        no-contested: true
        max-rounds: 3

    """

  /// What each panelist scores, the same sealed and in the open.
  static let scores: [String: [String]] = [
    "alice": [
      "datasets=open", "model-card=open", "--note", "datasets=sources listed in the data card",
    ],
    "bob": ["datasets=closed", "model-card=open"],
    "carol": [
      "datasets=restricted", "model-card=restricted", "--note",
      "model-card=the card omits the evaluation data",
    ],
  ]

  struct Panel {
    let chair: Workspace
    let clones: [String: String]
    let keys: [String: String]

    /// Runs review in a reviewer's clone as that reviewer.
    @discardableResult
    func review(_ who: String, _ arguments: [String]) throws -> ProcessResult {
      try run(
        reviewBinary, arguments, in: clones[who]!,
        environment: chair.environment.merging([
          "GIT_AUTHOR_NAME": who.capitalized, "GIT_AUTHOR_EMAIL": "\(who)@example.org",
          "GIT_COMMITTER_NAME": who.capitalized, "GIT_COMMITTER_EMAIL": "\(who)@example.org",
        ]) { $1 })
    }

    func git(_ who: String, _ arguments: [String]) throws -> ProcessResult {
      try gitProgram(arguments, in: clones[who]!, environment: chair.environment)
    }
  }

  func withPanel(_ body: (Panel) throws -> Void) throws {
    try withTemporaryFolder { folder in
      let chair = try Workspace(folder, identity: ("Eve", "eve@example.org"))
      try chair.review(["init"]).requireSuccess()
      try chair.review(["new", "llama2", "--title", "Llama 2 7B"]).requireSuccess()
      try chair.write("review.yaml", Self.settings)
      try chair.git(["commit", "-qam", "the panel's registry"]).requireSuccess()
      var keys: [String: String] = [:]
      let keyFolder = chair.home + "/keys"
      try FileManager.default.createDirectory(atPath: keyFolder, withIntermediateDirectories: true)
      for (name, pair) in [
        ("alice", TestKeys.alice), ("bob", TestKeys.bob), ("carol", TestKeys.carol),
        ("eve", TestKeys.eve),
      ] {
        keys[name] = try pair.write(to: keyFolder, name: name)
      }
      try chair.git(["config", "review.identity", keys["eve"]!]).requireSuccess()
      let served = chair.home + "/served"
      try FileManager.default.createDirectory(atPath: served, withIntermediateDirectories: true)
      try gitProgram(
        ["clone", "-q", "--bare", chair.root, served + "/hub.git"], in: chair.home,
        environment: chair.environment
      ).requireSuccess()
      let daemon = try GitDaemon(serving: served, environment: chair.environment)
      defer { daemon.stop() }
      try chair.git(["remote", "add", "origin", daemon.url("hub.git")]).requireSuccess()
      try chair.git(["fetch", "-q", "origin"]).requireSuccess()
      try chair.git(["branch", "-q", "--set-upstream-to=origin/main"]).requireSuccess()
      var clones: [String: String] = [:]
      for name in ["alice", "bob", "carol"] {
        let path = chair.home + "/" + name
        try gitProgram(
          ["clone", "-q", daemon.url("hub.git"), path], in: chair.home,
          environment: chair.environment
        ).requireSuccess()
        try gitProgram(
          ["config", "review.identity", keys[name]!], in: path, environment: chair.environment
        )
        .requireSuccess()
        clones[name] = path
      }
      try body(Panel(chair: chair, clones: clones, keys: keys))
    }
  }

  @Test(.enabled(if: agePresent)) func aSealedRoundFromOpenToReveal() throws {
    try withPanel { panel in
      let chair = panel.chair
      let opened = try chair.review([
        "round", "open", "llama2", "delphi-1", "--sealed", "--until", "2024-11-30",
      ])
      .requireSuccess()
      #expect(opened.stdout.contains("0 of 3 submitted"), "\(opened.stdout)")
      try chair.review(["sync"]).requireSuccess()

      for name in ["alice", "bob", "carol"] {
        try panel.review(name, ["sync"]).requireSuccess()
        let scored = try panel.review(name, ["score", "llama2"] + Self.scores[name]!)
          .requireSuccess()
        #expect(
          scored.stdout.contains("reviews/llama2/sealed/\(name).age: sealed"), "\(scored.stdout)")
        try panel.review(name, ["sync"]).requireSuccess()
      }
      // Bob revises his sealed evaluation: he reads his own seal back, nobody else's.
      try panel.review("bob", ["score", "llama2", "model-card=restricted"]).requireSuccess()
      try panel.review("bob", ["sync"]).requireSuccess()
      try panel.review("carol", ["sync"]).requireSuccess()

      // Before the close nothing shows another reviewer's levels.
      let consensus = try panel.review("carol", ["consensus", "llama2"]).requireSuccess().stdout
      #expect(consensus.contains("3 of 3 submitted"), "\(consensus)")
      for arguments in [
        ["consensus", "llama2"], ["show", "llama2", "alice"], ["report", "llama2"],
        ["log", "llama2"], ["status"], ["consensus", "--all"], ["diff", "llama2"],
        ["blame", "llama2", "alice"], ["feedback", "llama2"],
      ] {
        let result = try panel.review("carol", arguments)
        for secret in ["datasets", "model-card", "restricted", "data card"] {
          #expect(!result.stdout.contains(secret), "\(arguments): \(result.stdout)")
        }
      }
      let json = try panel.review("carol", ["consensus", "llama2", "--format", "json"]).json()
      #expect((json["sealed"] as? [String: Any])?["submitted_count"] as? Int == 3)
      let shown = try panel.git("carol", ["show", "HEAD:reviews/llama2/sealed/alice.age"]).stdout
      #expect(shown.hasPrefix("-----BEGIN AGE ENCRYPTED FILE-----"))
      #expect(!shown.contains("datasets"))
      let log = try panel.git("carol", ["log", "-p", "--format=%s", "--", "reviews"]).stdout
      #expect(!log.contains("datasets=") && !log.contains("level:"), "\(log)")
      // Every seal has the same size.
      let sizes = try ["alice", "bob", "carol"].map { name in
        try FileManager.default.attributesOfItem(
          atPath: panel.clones["carol"]! + "/reviews/llama2/sealed/\(name).age")[.size] as? Int
      }
      #expect(Set(sizes).count == 1, "\(sizes)")

      // age opens a seal with its reviewer's key, and gives back their evaluation.
      let opened2 = try run(
        "/usr/bin/age",
        ["-d", "-i", panel.keys["alice"]!, "reviews/llama2/sealed/alice.age"],
        in: panel.clones["carol"]!, environment: chair.environment
      ).requireSuccess().stdout
      #expect(opened2.contains("reviewer: alice") && opened2.contains("level: open"), "\(opened2)")
      #expect(
        try run(
          "/usr/bin/age", ["-d", "-i", panel.keys["carol"]!, "reviews/llama2/sealed/alice.age"],
          in: panel.clones["carol"]!, environment: chair.environment
        ).status != 0)

      // A reveal before the close is refused; the chair closes, reveals and tags.
      let early = try panel.review("alice", ["reveal", "llama2"])
      #expect(early.status == 1 && early.stderr.contains("still open"), "\(early.stderr)")
      try chair.review(["sync"]).requireSuccess()
      let closed = try chair.review(["round", "close", "llama2", "delphi-1"]).requireSuccess()
      #expect(closed.stdout.contains("revealed alice, bob, carol"), "\(closed.stdout)")
      #expect(closed.stdout.contains("tagged review/llama2/delphi-1"), "\(closed.stdout)")
      try chair.review(["sync"]).requireSuccess()
      let verified = try chair.review(["verify"])
      #expect(verified.status == 0, "\(verified.stdout)\(verified.stderr)")

      // The consensus equals what open scoring of the same judgements gives.
      let revealed = try chair.review(["consensus", "llama2", "--format", "json"]).json()
      let open = try openScoringConsensus()
      for key in ["criteria", "agreement", "outcomes"] {
        #expect(
          try jsonText(revealed[key]) == (try jsonText(open[key])), "\(key)")
      }

      // Feedback: Bob's position against the group, the others' notes without names.
      let feedback = try chair.review(["feedback", "llama2", "--reviewer", "bob"]).requireSuccess()
        .stdout
      #expect(feedback.contains("| closed | 1 ← yours |"), "\(feedback)")
      #expect(feedback.contains("- sources listed in the data card"))
      #expect(!feedback.contains("alice") && !feedback.contains("carol"))
      let rounds = try chair.review(["rounds", "llama2"]).requireSuccess().stdout
      #expect(rounds.contains("stopping rule: go on to another round"), "\(rounds)")
      #expect(rounds.contains("no criterion contested: no (1 contested)"), "\(rounds)")

      // A reveal that differs from its seal is flagged.
      let close = try chair.git(["log", "--format=%H", "--grep=close sealed round", "-1"])
        .stdout.trimmingCharacters(in: .whitespacesAndNewlines)
      try chair.git(["checkout", "-q", "-b", "forged", close]).requireSuccess()
      let honest = try chair.git(["show", "main:reviews/llama2/alice.yaml"]).stdout
      try chair.write(
        "reviews/llama2/alice.yaml",
        honest.replacingOccurrences(of: "level: open", with: "level: closed"))
      try chair.write(
        "reviews/llama2/sealed/alice.nonce",
        try chair.git(["show", "main:reviews/llama2/sealed/alice.nonce"]).stdout)
      try chair.git(["add", "-A"]).requireSuccess()
      try chair.git([
        "commit", "-qm", "reveal llama2 (alice)", "--author", "Alice <alice@example.org>",
      ])
      .requireSuccess()
      let forged = try chair.review(["verify"])
      #expect(forged.status == 1)
      #expect(
        forged.stdout.contains(
          "reviews/llama2/alice.yaml: the revealed evaluation differs from its seal"),
        "\(forged.stdout)")
    }
  }

  /// The consensus of the same judgements scored in the open.
  private func openScoringConsensus() throws -> [String: Any] {
    try withTemporaryFolder { folder in
      let workspace = try Workspace(folder, identity: ("Eve", "eve@example.org"))
      try workspace.review(["init"]).requireSuccess()
      try workspace.review(["new", "llama2", "--title", "Llama 2 7B"]).requireSuccess()
      try workspace.write("review.yaml", Self.settings)
      try workspace.git(["commit", "-qam", "the panel's registry"]).requireSuccess()
      for name in ["alice", "bob", "carol"] {
        try workspace.reviewAs(name, ["score", "llama2"] + Self.scores[name]!).requireSuccess()
      }
      try workspace.reviewAs("bob", ["score", "llama2", "model-card=restricted"]).requireSuccess()
      return try workspace.review(["consensus", "llama2", "--format", "json"]).json()
    }
  }

  private func jsonText(_ value: Any?) throws -> String {
    String(
      decoding: try JSONSerialization.data(
        withJSONObject: value ?? NSNull(), options: [.sortedKeys, .fragmentsAllowed]), as: UTF8.self
    )
  }
}
