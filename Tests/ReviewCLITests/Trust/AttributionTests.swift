import Foundation
import TestSupport
import Testing

@Suite struct AttributionTests {
  /// A hub made from a repository with llama2, and clones of it for alice and bob.
  private func withClones(_ body: (Workspace, String, String) throws -> Void) throws {
    try withLlamaRepository { workspace in
      let hub = workspace.home + "/hub.git"
      try gitProgram(
        ["clone", "-q", "--bare", workspace.root, hub], in: workspace.home,
        environment: workspace.environment
      ).requireSuccess()
      var clones: [String] = []
      for name in ["alice", "bob"] {
        let path = workspace.home + "/" + name
        try gitProgram(
          ["clone", "-q", hub, path], in: workspace.home, environment: workspace.environment
        ).requireSuccess()
        try workspace.review(["init"], in: path).requireSuccess()
        clones.append(path)
      }
      try body(workspace, clones[0], clones[1])
    }
  }

  private func act(
    _ workspace: Workspace, _ who: String, _ arguments: [String], in path: String,
    date: String
  ) throws -> ProcessResult {
    try run(
      reviewBinary, arguments, in: path,
      environment: workspace.environment.merging([
        "GIT_AUTHOR_NAME": who.capitalized, "GIT_AUTHOR_EMAIL": "\(who)@example.org",
        "GIT_COMMITTER_NAME": who.capitalized, "GIT_COMMITTER_EMAIL": "\(who)@example.org",
        "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date,
      ]) { $1 })
  }

  @Test func aSyncedJudgementIsCreditedToItsAuthor() throws {
    try withClones { workspace, alice, bob in
      try act(
        workspace, "alice", ["score", "llama2", "datasets=closed", "model-card=open"], in: alice,
        date: "2024-11-01T10:00:00+00:00"
      ).requireSuccess()
      try act(workspace, "alice", ["sync"], in: alice, date: "2024-11-01T10:01:00+00:00")
        .requireSuccess()
      try act(
        workspace, "bob", ["score", "llama2", "datasets=open"], in: bob,
        date: "2024-11-01T11:00:00+00:00"
      ).requireSuccess()
      let synced = try act(workspace, "bob", ["sync"], in: bob, date: "2024-11-01T11:01:00+00:00")
      #expect(try synced.requireSuccess().stdout.contains("merged origin/main"), "\(synced.stdout)")
      let merge = try gitProgram(
        ["log", "-1", "--format=%H %P"], in: bob, environment: workspace.environment
      )
      .stdout
      #expect(merge.split(separator: " ").count == 3, "a merge commit")
      // blame credits Alice's own commit, not Bob's merge.
      let blame = try act(
        workspace, "bob", ["blame", "llama2", "alice", "--format", "json"], in: bob,
        date: "2024-11-01T12:00:00+00:00"
      ).requireSuccess().stdout
      let lines = try #require(
        try JSONSerialization.jsonObject(with: Data(blame.utf8)) as? [[String: Any]])
      #expect(lines.count == 2)
      #expect(
        lines.allSatisfy {
          $0["author"] as? String == "Alice"
            && ($0["email"] as? String)?.hasPrefix("alice@") == true
        })
      // log lists each change once: under Alice's commit, not again under the merge.
      let log = try act(
        workspace, "bob", ["log", "llama2", "--format", "json"], in: bob,
        date: "2024-11-01T12:00:00+00:00"
      ).requireSuccess().stdout
      let entries = try #require(
        try JSONSerialization.jsonObject(with: Data(log.utf8)) as? [[String: Any]])
      // The merge only brought Alice's commit in: it adds no entry of its own.
      #expect(!entries.contains { ($0["message"] as? String)?.hasPrefix("Merge") == true })
      let aliceChanges = entries.flatMap { entry in
        (entry["changes"] as? [[String: Any]] ?? []).filter { $0["reviewer"] as? String == "alice" }
      }
      #expect(aliceChanges.count == 2, "\(entries)")
      // The report's history says the same.
      let report = try act(
        workspace, "bob", ["report", "llama2", "--format", "json"], in: bob,
        date: "2024-11-01T12:00:00+00:00"
      ).requireSuccess().json()
      let history = try #require(report["history"] as? [[String: Any]])
      let aliceHistory = try #require(history.first { $0["reviewer"] as? String == "alice" })
      #expect(aliceHistory["author"] as? String == "Alice <alice@example.org>")
      #expect(aliceHistory["changes"] as? Int == 1)
      // A round's changes are credited the same way.
      try act(
        workspace, "bob", ["round", "llama2", "r1"], in: bob, date: "2024-11-01T12:00:00+00:00"
      )
      .requireSuccess()
      let rounds = try act(
        workspace, "bob", ["rounds", "llama2", "--format", "json"], in: bob,
        date: "2024-11-01T12:00:00+00:00"
      ).requireSuccess().stdout
      let round = try #require(
        ((try JSONSerialization.jsonObject(with: Data(rounds.utf8)) as? [String: Any])?["rounds"]
          as? [[String: Any]])?.first)
      let changes = try #require(round["changes"] as? [[String: Any]])
      let credits = try #require(round["credits"] as? [[String: Any]])
      #expect(changes.count == credits.count)
      for (change, credit) in zip(changes, credits) {
        let who = change["reviewer"] as? String == "alice" ? "Alice" : "Bob"
        #expect((credit["author"] as? String)?.hasPrefix(who + " <") == true, "\(change) \(credit)")
      }
    }
  }

  @Test func aResolvedConflictIsCreditedToWhoeverResolvedIt() throws {
    try withClones { workspace, first, second in
      // Alice on two machines changes the same judgement differently.
      try act(
        workspace, "alice", ["score", "llama2", "datasets=closed"], in: first,
        date: "2024-11-01T10:00:00+00:00"
      ).requireSuccess()
      try act(workspace, "alice", ["sync"], in: first, date: "2024-11-01T10:01:00+00:00")
        .requireSuccess()
      try act(
        workspace, "alice", ["score", "llama2", "datasets=open"], in: second,
        date: "2024-11-01T11:00:00+00:00"
      ).requireSuccess()
      #expect(
        try act(workspace, "alice", ["sync"], in: second, date: "2024-11-01T11:01:00+00:00")
          .status == 1)
      try act(
        workspace, "carol", ["resolve", "llama2", "alice", "datasets", "--level", "restricted"],
        in: second, date: "2024-11-01T11:02:00+00:00"
      ).requireSuccess()
      try act(
        workspace, "carol", ["merge", "--continue"], in: second, date: "2024-11-01T11:03:00+00:00"
      ).requireSuccess()
      let blame = try act(
        workspace, "carol", ["blame", "llama2", "alice"], in: second,
        date: "2024-11-01T12:00:00+00:00"
      ).requireSuccess().stdout
      #expect(blame.contains("datasets  restricted  Carol <carol@example.org>"), "\(blame)")
      let log = try act(
        workspace, "carol", ["log", "llama2", "--format", "json"], in: second,
        date: "2024-11-01T12:00:00+00:00"
      ).requireSuccess().stdout
      let entries = try #require(
        try JSONSerialization.jsonObject(with: Data(log.utf8)) as? [[String: Any]])
      let merge = try #require(entries.first)
      #expect(merge["author"] as? String == "Carol")
      let changes = try #require(merge["changes"] as? [[String: Any]])
      #expect(changes.count == 1)
      #expect(changes.first?["new"] as? String == "restricted")
    }
  }

  @Test func evidenceMergedFromBothSidesIsNotTheMergesOwn() throws {
    try withClones { workspace, first, second in
      try act(
        workspace, "alice",
        ["score", "llama2", "datasets=closed", "--evidence", "datasets=https://a.example/x"],
        in: first, date: "2024-11-01T10:00:00+00:00"
      ).requireSuccess()
      try act(workspace, "alice", ["sync"], in: first, date: "2024-11-01T10:01:00+00:00")
        .requireSuccess()
      try act(
        workspace, "alice",
        ["score", "llama2", "datasets=closed", "--evidence", "datasets=https://a.example/y"],
        in: second, date: "2024-11-01T11:00:00+00:00"
      ).requireSuccess()
      // The two evidence sets merge by meaning, without a conflict.
      try act(workspace, "alice", ["sync"], in: second, date: "2024-11-01T11:01:00+00:00")
        .requireSuccess()
      let log = try act(
        workspace, "alice", ["log", "llama2", "--format", "json"], in: second,
        date: "2024-11-01T12:00:00+00:00"
      ).requireSuccess().stdout
      let entries = try #require(
        try JSONSerialization.jsonObject(with: Data(log.utf8)) as? [[String: Any]])
      #expect(!entries.contains { ($0["message"] as? String)?.hasPrefix("Merge") == true })
      let added = entries.flatMap { $0["changes"] as? [[String: Any]] ?? [] }
        .filter { $0["field"] as? String == "evidence" }.compactMap { $0["new"] as? String }
      #expect(added.sorted() == ["https://a.example/x", "https://a.example/y"])
    }
  }
}
