import Foundation
import TestSupport
import Testing

/// What a sealed round refuses, and how it reads back: a chair's to open and close, one round
/// at a time, no seal after the deadline or the close, a tampered seal named, a reviewer's own
/// seal edited and revealed by them.
@Suite struct SealedRoundRulesTests {
  /// A repository with the panel's registry and the test keys written under home/keys.
  func withRegistry(_ body: (Workspace, [String: String]) throws -> Void) throws {
    try withTemporaryFolder { folder in
      let workspace = try Workspace(folder, identity: ("Eve", "eve@example.org"))
      try workspace.review(["init"]).requireSuccess()
      try workspace.review(["new", "llama2", "--title", "Llama 2 7B"]).requireSuccess()
      try workspace.write("review.yaml", SealedRoundTests.settings)
      try workspace.git(["commit", "-qam", "the panel's registry"]).requireSuccess()
      let keyFolder = workspace.home + "/keys"
      try FileManager.default.createDirectory(atPath: keyFolder, withIntermediateDirectories: true)
      var keys: [String: String] = [:]
      for (name, pair) in [
        ("alice", TestKeys.alice), ("bob", TestKeys.bob), ("eve", TestKeys.eve),
      ] {
        keys[name] = try pair.write(to: keyFolder, name: name)
      }
      try body(workspace, keys)
    }
  }

  /// Runs review as `who`, with their key as review.identity (nil: none).
  @discardableResult
  func act(
    _ workspace: Workspace, _ who: String, _ arguments: [String], key: String?,
    extra: [String: String] = [:]
  ) throws -> ProcessResult {
    if let key {
      try workspace.git(["config", "review.identity", key]).requireSuccess()
    } else {
      _ = try workspace.git(["config", "--unset", "review.identity"])
    }
    return try workspace.review(
      arguments,
      extra: [
        "GIT_AUTHOR_NAME": who.capitalized, "GIT_AUTHOR_EMAIL": "\(who)@example.org",
        "GIT_COMMITTER_NAME": who.capitalized, "GIT_COMMITTER_EMAIL": "\(who)@example.org",
      ].merging(extra) { $1 })
  }

  @Test(.enabled(if: SealedRoundTests.agePresent)) func aRoundFromTheChairToTheReviewersReveal()
    throws
  {
    try withRegistry { workspace, keys in
      let notChair = try act(
        workspace, "alice", ["round", "open", "llama2", "delphi-1", "--sealed"], key: nil)
      #expect(notChair.status == 1)
      #expect(
        notChair.stderr.contains("only a chair may open a sealed round"), "\(notChair.stderr)")
      let unsealed = try act(workspace, "eve", ["round", "open", "llama2", "delphi-1"], key: nil)
      #expect(unsealed.status == 64 && unsealed.stderr.contains("give --sealed"))
      try act(workspace, "eve", ["round", "open", "llama2", "delphi-1", "--sealed"], key: nil)
        .requireSuccess()
      let twice = try act(
        workspace, "eve", ["round", "open", "llama2", "delphi-2", "--sealed"], key: nil)
      #expect(twice.stderr.contains("is still open"), "\(twice.stderr)")

      // The chair is not counted: what she writes hides nothing, and goes in the clear.
      let chairs = try act(workspace, "eve", ["score", "llama2", "datasets=open"], key: nil)
        .requireSuccess().stdout
      #expect(chairs.contains("reviews/llama2/eve.yaml"), "\(chairs)")
      // Alice seals, then edits her own seal: the draft is what she sealed.
      try act(workspace, "alice", ["score", "llama2", "datasets=open"], key: keys["alice"])
        .requireSuccess()
      let script = workspace.home + "/edit.sh"
      try """
      #!/bin/sh
      grep -q 'level: open' "$1" || exit 3
      sed -i 's/^  datasets:$/  model-card:\\n    level: restricted\\n  datasets:/' "$1"

      """.write(toFile: script, atomically: true, encoding: .utf8)
      try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script)
      let edited = try act(
        workspace, "alice", ["edit", "llama2"], key: keys["alice"], extra: ["EDITOR": script])
      #expect(edited.status == 0, "\(edited.stdout)\(edited.stderr)")
      let plain = try run(
        "/usr/bin/age", ["-d", "-i", keys["alice"]!, "reviews/llama2/sealed/alice.age"],
        in: workspace.root, environment: workspace.environment
      ).requireSuccess().stdout
      #expect(plain.contains("model-card:\n    level: restricted"), "\(plain)")
      #expect(
        !FileManager.default.fileExists(atPath: workspace.root + "/reviews/llama2/alice.yaml"))
      // Without her key she cannot revise her seal, and says why.
      let keyless = try act(workspace, "alice", ["score", "llama2", "datasets=closed"], key: nil)
      #expect(
        keyless.status == 1 && keyless.stderr.contains("review.identity"), "\(keyless.stderr)")

      // A seal changed with plain git is named where it is read.
      let sealPath = workspace.root + "/reviews/llama2/sealed/alice.age"
      let good = try Data(contentsOf: URL(fileURLWithPath: sealPath))
      try Data(
        "-----BEGIN AGE ENCRYPTED FILE-----\nbm9wZQ\n-----END AGE ENCRYPTED FILE-----\n".utf8
      )
      .write(to: URL(fileURLWithPath: sealPath))
      try workspace.git(["commit", "-qam", "a broken seal"]).requireSuccess()
      let broken = try workspace.review(["consensus", "llama2"])
      #expect(broken.status == 1)
      #expect(broken.stderr.contains("reviews/llama2/sealed/alice.age"), "\(broken.stderr)")
      let invalid = try workspace.review(["validate"])
      #expect(invalid.status == 1, "\(invalid.stdout)")
      #expect(
        invalid.stderr.contains("reviews/llama2/sealed/alice.age:1:1: error: not an age file"),
        "\(invalid.stderr)")
      try workspace.git(["reset", "-q", "--hard", "HEAD~1"]).requireSuccess()
      #expect(try Data(contentsOf: URL(fileURLWithPath: sealPath)) == good)

      // Closed without the chair's key: nothing is revealed, and nothing more is sealed.
      let closed = try act(workspace, "eve", ["round", "close", "llama2", "delphi-1"], key: nil)
        .requireSuccess().stdout
      #expect(closed.contains("1 of 3 submitted, 0 revealed"), "\(closed)")
      let late = try act(
        workspace, "bob", ["score", "llama2", "datasets=closed"], key: keys["bob"])
      #expect(late.status == 1 && late.stderr.contains("closed but not yet revealed"))
      #expect(
        try act(workspace, "bob", ["reveal", "llama2"], key: keys["bob"]).stderr.contains(
          "no sealed evaluation of llama2 that this identity opens"))
      // Alice reveals her own, exactly as sealed.
      let revealed = try act(workspace, "alice", ["reveal", "llama2"], key: keys["alice"])
        .requireSuccess().stdout
      #expect(revealed.contains("revealed reviews/llama2/alice.yaml"), "\(revealed)")
      #expect(plain.hasPrefix(try workspace.read("reviews/llama2/alice.yaml")))
      let consensus = try workspace.review(["consensus", "llama2", "--format", "json"]).json()
      let criteria = try #require(consensus["criteria"] as? [[String: Any]])
      #expect(
        criteria.first { $0["id"] as? String == "model-card" }?["consensus"] as? String
          == "restricted")
      let verified = try workspace.review(["verify"])
      #expect(verified.status == 0, "\(verified.stdout)")

      // A second round counts only its own seals; Alice revises from her revealed answer.
      try act(workspace, "eve", ["round", "open", "llama2", "delphi-2", "--sealed"], key: nil)
        .requireSuccess()
      #expect(try workspace.review(["consensus", "llama2"]).stdout.contains("0 of 3 submitted"))
      try act(workspace, "alice", ["score", "llama2", "datasets=closed"], key: keys["alice"])
        .requireSuccess()
      let second = try run(
        "/usr/bin/age", ["-d", "-i", keys["alice"]!, "reviews/llama2/sealed/alice.age"],
        in: workspace.root, environment: workspace.environment
      ).requireSuccess().stdout
      #expect(second.contains("model-card:\n    level: restricted"), "\(second)")
      #expect(second.contains("datasets:\n    level: closed"), "\(second)")
      let status = try workspace.review(["status", "llama2"]).requireSuccess().stdout
      #expect(status.contains("sealed round 'delphi-2' open, 1 of 3 submitted"), "\(status)")
      #expect(!status.contains("revealed"), "\(status)")
      #expect(try workspace.review(["verify"]).status == 0)
    }
  }

  @Test func noSealAfterTheDeadline() throws {
    try withRegistry { workspace, keys in
      try act(
        workspace, "eve",
        ["round", "open", "llama2", "delphi-1", "--sealed", "--until", "2024-10-01"], key: nil
      ).requireSuccess()
      let late = try act(
        workspace, "alice", ["score", "llama2", "datasets=open"], key: keys["alice"])
      #expect(late.status == 1)
      #expect(
        late.stderr.contains("took seals until 2024-10-01T00:00:00Z; it is past its deadline"),
        "\(late.stderr)")
      let bad = try act(
        workspace, "eve", ["round", "open", "llama2", "x", "--sealed", "--until", "someday"],
        key: nil)
      #expect(bad.status == 1 && bad.stderr.contains("someday"), "\(bad.stderr)")
      // Nobody sealed: the chair's close still closes and tags, with nothing to reveal.
      let closed = try act(
        workspace, "eve", ["round", "close", "llama2", "delphi-1"], key: keys["eve"])
      #expect(closed.status == 0, "\(closed.stderr)")
      #expect(closed.stdout.contains("tagged review/llama2/delphi-1"), "\(closed.stdout)")
      // A registry with no panelist has nobody to seal.
      try workspace.write(
        "review.yaml",
        "schema: 1\nreviewers:\n  eve: {emails: [eve@example.org], keys: [\"\(TestKeys.eve.publicKey)\"], role: chair}\n"
      )
      try workspace.git(["commit", "-qam", "no panel"]).requireSuccess()
      try workspace.git(["rm", "-rq", "reviews/llama2/sealed"]).requireSuccess()
      try workspace.git(["commit", "-qm", "no round"]).requireSuccess()
      let empty = try act(
        workspace, "eve", ["round", "open", "llama2", "delphi-2", "--sealed"], key: nil)
      #expect(empty.status == 1 && empty.stderr.contains("needs a panel"), "\(empty.stderr)")
    }
  }

  /// The same reviewer seals on two clones; sync settles the two seals by the newest.
  @Test(.enabled(if: SealedRoundTests.agePresent)) func twoSealsOfOneReviewerMergeToTheNewest()
    throws
  {
    try withRegistry { workspace, keys in
      try act(workspace, "eve", ["round", "open", "llama2", "delphi-1", "--sealed"], key: nil)
        .requireSuccess()
      let hub = workspace.home + "/hub.git"
      try workspace.git(["clone", "-q", "--bare", workspace.root, hub]).requireSuccess()
      var clones: [Workspace] = []
      for name in ["laptop", "desktop"] {
        let clone = workspace.at(workspace.home + "/" + name)
        try workspace.git(["clone", "-q", hub, clone.root]).requireSuccess()
        clones.append(clone)
      }
      try act(
        clones[0], "alice", ["score", "llama2", "datasets=open"], key: keys["alice"],
        extra: ["GIT_AUTHOR_DATE": "2024-10-29T12:00:00+00:00"]
      ).requireSuccess()
      try clones[0].review(["sync"]).requireSuccess()
      try act(
        clones[1], "alice", ["score", "llama2", "datasets=closed"], key: keys["alice"],
        extra: ["GIT_AUTHOR_DATE": "2024-10-30T12:00:00+00:00"]
      ).requireSuccess()
      let synced = try clones[1].review(["sync"])
      #expect(synced.status == 0, "\(synced.stdout)\(synced.stderr)")
      try clones[0].review(["sync"]).requireSuccess()
      for clone in clones {
        let plain = try run(
          "/usr/bin/age", ["-d", "-i", keys["alice"]!, "reviews/llama2/sealed/alice.age"],
          in: clone.root, environment: workspace.environment
        ).requireSuccess().stdout
        #expect(plain.contains("datasets:\n    level: closed"), "\(plain)")
      }
      let status = try clones[0].review(["status", "llama2"]).requireSuccess().stdout
      #expect(status.contains("sealed 2024-10-30T12:00:00Z"), "\(status)")
      #expect(try clones[0].review(["verify"]).status == 0)
    }
  }

  @Test func feedbackComparesWithThePreviousRound() throws {
    try withRegistry { workspace, _ in
      for (who, level) in [("alice", "open"), ("bob", "closed")] {
        try act(workspace, who, ["score", "llama2", "datasets=\(level)"], key: nil)
          .requireSuccess()
      }
      try act(workspace, "eve", ["round", "llama2", "r1"], key: nil).requireSuccess()
      try act(workspace, "bob", ["score", "llama2", "datasets=open"], key: nil).requireSuccess()
      let feedback = try workspace.review(
        ["feedback", "llama2", "--reviewer", "bob", "--format", "json"]
      ).json()
      #expect(feedback["previousRound"] as? String == "r1")
      let items = try #require(feedback["items"] as? [[String: Any]])
      let datasets = try #require(items.first { $0["criterion"] as? String == "datasets" })
      #expect(datasets["own"] as? String == "open")
      #expect(datasets["median"] as? String == "open")
      #expect(datasets["status"] as? String == "agreed")
      let previous = try #require(datasets["previous"] as? [String: Any])
      #expect(previous["status"] as? String == "contested")
      let html = try workspace.review(["feedback", "llama2", "--format", "html"]).requireSuccess()
      #expect(html.stdout.contains("<th scope=\"col\">level</th>"))
      let unknown = try workspace.review(["feedback", "llama2", "--reviewer", "nobody"])
      #expect(unknown.status == 1, "\(unknown.stdout)")
    }
  }

  /// Plain `git merge` through the merge driver settles two seals the same way.
  @Test func gitMergeTakesTheNewestSealThroughTheDriver() throws {
    try withRegistry { base, keys in
      var workspace = base
      workspace.environment["PATH"] =
        URL(fileURLWithPath: reviewBinary).deletingLastPathComponent().path + ":"
        + (workspace.environment["PATH"] ?? "/usr/bin:/bin")
      try act(workspace, "eve", ["round", "open", "llama2", "delphi-1", "--sealed"], key: nil)
        .requireSuccess()
      try workspace.git(["branch", "other"]).requireSuccess()
      try act(
        workspace, "alice", ["score", "llama2", "datasets=closed"], key: keys["alice"],
        extra: ["GIT_AUTHOR_DATE": "2024-10-30T12:00:00+00:00"]
      ).requireSuccess()
      let newest = try workspace.read("reviews/llama2/sealed/alice.age")
      try workspace.git(["checkout", "-q", "other"]).requireSuccess()
      try act(
        workspace, "alice", ["score", "llama2", "datasets=open"], key: keys["alice"],
        extra: ["GIT_AUTHOR_DATE": "2024-10-29T12:00:00+00:00"]
      ).requireSuccess()
      try workspace.git(["checkout", "-q", "main"]).requireSuccess()
      let merged = try workspace.git(["merge", "-q", "--no-edit", "other"])
      #expect(merged.status == 0, "\(merged.stdout)\(merged.stderr)")
      #expect(try workspace.read("reviews/llama2/sealed/alice.age") == newest)
      #expect(try workspace.git(["diff", "HEAD~1", "HEAD", "--", "reviews"]).stdout.isEmpty)
    }
  }

  /// A chair with an age X25519 recipient in the registry opens every seal with an age
  /// identity file (age-keygen's), and `age -d` opens the same seal with it.
  @Test(.enabled(if: SealedRoundTests.agePresent)) func anAgeIdentityOpensTheSeals() throws {
    try withRegistry { workspace, keys in
      let identity = workspace.home + "/keys/chair.age"
      try run(
        "/usr/bin/age-keygen", ["-o", identity], in: workspace.home,
        environment: workspace.environment
      ).requireSuccess()
      let recipient = try run(
        "/usr/bin/age-keygen", ["-y", identity], in: workspace.home,
        environment: workspace.environment
      ).requireSuccess().stdout.trimmingCharacters(in: .whitespacesAndNewlines)
      let settings = SealedRoundTests.settings.replacingOccurrences(
        of: "keys: [\"\(TestKeys.eve.publicKey)\"], role: chair",
        with: "recipients: [\(recipient)], role: chair")
      #expect(settings != SealedRoundTests.settings)
      try workspace.write("review.yaml", settings)
      try workspace.git(["commit", "-qam", "the chair's age key"]).requireSuccess()
      try act(workspace, "eve", ["round", "open", "llama2", "delphi-1", "--sealed"], key: nil)
        .requireSuccess()
      try act(workspace, "bob", ["score", "llama2", "datasets=closed"], key: keys["bob"])
        .requireSuccess()
      let opened = try run(
        "/usr/bin/age", ["-d", "-i", identity, "reviews/llama2/sealed/bob.age"],
        in: workspace.root, environment: workspace.environment
      ).requireSuccess().stdout
      #expect(opened.contains("reviewer: bob"))
      let closed = try act(
        workspace, "eve", ["round", "close", "llama2", "delphi-1"], key: identity
      ).requireSuccess().stdout
      #expect(closed.contains("revealed bob") && closed.contains("tagged"), "\(closed)")
      #expect(try workspace.read("reviews/llama2/bob.yaml").contains("level: closed"))
      // A recipient that does not read is named with its place in review.yaml.
      try workspace.write(
        "review.yaml", settings.replacingOccurrences(of: recipient, with: "age1nope"))
      let bad = try workspace.review(["validate"])
      #expect(bad.status == 1 && bad.stderr.contains("review.yaml:"), "\(bad.stderr)")
      #expect(bad.stderr.contains("bad age recipient"), "\(bad.stderr)")
    }
  }
}
