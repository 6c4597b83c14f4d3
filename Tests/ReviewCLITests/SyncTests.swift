import Foundation
import ReviewCore
import TestSupport
import Testing

@Suite struct SyncTests {
  /// A hub (bare) made from a review repository with llama2, and a workspace for clones.
  private func withHub(_ body: (Workspace, String) throws -> Void) throws {
    try withLlamaRepository { workspace in
      let hub = workspace.home + "/served/hub.git"
      try FileManager.default.createDirectory(
        atPath: workspace.home + "/served", withIntermediateDirectories: true)
      try gitProgram(
        ["clone", "-q", "--bare", workspace.root, hub], in: workspace.home,
        environment: workspace.environment
      ).requireSuccess()
      try body(workspace, hub)
    }
  }

  /// Runs `review sync` in every clone at the same time; nil where the process could not start.
  private func syncAtOnce(_ paths: [String], _ workspace: Workspace) -> [ProcessResult?] {
    let results = Locked<[ProcessResult?]>(Array(repeating: nil, count: paths.count))
    let group = DispatchGroup()
    for (index, path) in paths.enumerated() {
      group.enter()
      DispatchQueue.global().async {
        let result = try? run(reviewBinary, ["sync"], in: path, environment: workspace.environment)
        results.withLock { $0[index] = result }
        group.leave()
      }
    }
    group.wait()
    return results.withLock { $0 }
  }

  private func clone(_ url: String, _ name: String, _ workspace: Workspace) throws -> String {
    let path = workspace.home + "/" + name
    try gitProgram(
      ["clone", "-q", url, path], in: workspace.home, environment: workspace.environment
    ).requireSuccess()
    try workspace.review(["init"], in: path).requireSuccess()
    return path
  }

  private func score(
    _ workspace: Workspace, _ path: String, _ reviewer: String, _ judgements: [String]
  ) throws {
    try run(
      reviewBinary, ["score", "llama2"] + judgements + ["--reviewer", reviewer], in: path,
      environment: workspace.environment
    ).requireSuccess()
  }

  @Test func twoClonesOfAGitDaemonRepositoryConverge() throws {
    try withHub { workspace, hub in
      let daemon = try GitDaemon(
        serving: workspace.home + "/served", environment: workspace.environment)
      defer { daemon.stop() }
      let a = try clone(daemon.url("hub.git"), "a", workspace)
      let b = try clone(daemon.url("hub.git"), "b", workspace)
      for (index, reviewer) in ["alice", "bob", "carol"].enumerated() {
        try score(
          workspace, a, reviewer,
          [
            "datasets=closed", "model-card=open",
            "training-code=\(["open", "closed", "restricted"][index])",
          ])
        try score(workspace, b, "dave", ["datasets=\(["open", "closed", "restricted"][index])"])
        try score(workspace, b, "erin-\(index)", ["model-card=restricted"])
      }
      // Both sync at the same time, then again until neither has anything new.
      let concurrent = syncAtOnce([a, b], workspace)
      for _ in 0..<3 {
        for path in [a, b] {
          try run(reviewBinary, ["sync"], in: path, environment: workspace.environment)
            .requireSuccess()
        }
      }
      let trees = try [a, b, hub].map { path in
        try gitProgram(["rev-parse", "main^{tree}"], in: path, environment: workspace.environment)
          .stdout
      }
      #expect(trees[0] == trees[1] && trees[1] == trees[2])
      let status = try run(
        reviewBinary, ["status", "--format", "json"], in: a, environment: workspace.environment
      ).requireSuccess().json()
      let reviewers =
        ((status["subjects"] as? [[String: Any]])?.first?["reviewers"] as? [[String: Any]])?
        .compactMap { $0["reviewer"] as? String }
      #expect(reviewers == ["alice", "bob", "carol", "dave", "erin-0", "erin-1", "erin-2"])
      let dave = try String(contentsOfFile: a + "/reviews/llama2/dave.yaml", encoding: .utf8)
      #expect(dave.contains("level: restricted"))
      // No force push: the hub's history contains every commit either clone made.
      for path in [a, b] {
        let tip = try gitProgram(
          ["rev-parse", "main"], in: path, environment: workspace.environment
        ).stdout.trimmingCharacters(in: .newlines)
        #expect(
          try gitProgram(
            ["merge-base", "--is-ancestor", tip, "main"], in: hub,
            environment: workspace.environment
          ).status == 0)
      }
      #expect(concurrent.allSatisfy { $0 != nil })
    }
  }

  /// A push the remote refuses while nobody pushed (a hook's policy) is not retried as a race:
  /// one line with the remote's reason, exit 1, and the local commit is kept.
  @Test func aPushTheRemoteRefusesIsReportedWithItsReason() throws {
    try withHub { workspace, hub in
      let hook = hub + "/hooks/pre-receive"
      try "#!/bin/sh\necho 'main is frozen for the vote' >&2\nexit 1\n".write(
        toFile: hook, atomically: true, encoding: .utf8)
      try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: hook)
      let daemon = try GitDaemon(
        serving: workspace.home + "/served", environment: workspace.environment)
      defer { daemon.stop() }
      let a = try clone(daemon.url("hub.git"), "a", workspace)
      try score(workspace, a, "alice", ["datasets=closed"])
      let head = try gitProgram(["rev-parse", "HEAD"], in: a, environment: workspace.environment)
        .stdout
      let refused = try run(reviewBinary, ["sync"], in: a, environment: workspace.environment)
      #expect(refused.status == 1)
      #expect(
        refused.stderr
          == "error: origin refused the push of main to main: refs/heads/main: pre-receive hook declined\n",
        "\(refused.stderr)")
      #expect(
        try gitProgram(["rev-parse", "HEAD"], in: a, environment: workspace.environment).stdout
          == head)
    }
  }

  @Test func syncThroughABarePathAndItsErrors() throws {
    try withHub { workspace, hub in
      let a = try clone(hub, "a", workspace)
      let b = try clone(hub, "b", workspace)
      try score(workspace, a, "alice", ["datasets=closed"])
      #expect(
        try run(reviewBinary, ["sync"], in: a, environment: workspace.environment).requireSuccess()
          .stdout.hasPrefix("origin/main is at "))
      // b is behind: a conflicting edit stops sync with the merge in progress.
      try score(workspace, b, "alice", ["datasets=open"])
      let stopped = try run(reviewBinary, ["sync"], in: b, environment: workspace.environment)
      #expect(stopped.status == 1)
      #expect(
        stopped.stderr.contains(
          "CONFLICT (review): reviews/llama2/alice.yaml datasets level: base (none), ours 'open', theirs 'closed'"
        ))
      try run(
        reviewBinary, ["resolve", "llama2", "alice", "datasets", "--theirs"], in: b,
        environment: workspace.environment
      ).requireSuccess()
      try run(reviewBinary, ["merge", "--continue"], in: b, environment: workspace.environment)
        .requireSuccess()
      try run(reviewBinary, ["sync"], in: b, environment: workspace.environment).requireSuccess()
      #expect(
        try gitProgram(["rev-parse", "main"], in: hub, environment: workspace.environment).stdout
          == (try gitProgram(["rev-parse", "HEAD"], in: b, environment: workspace.environment)
            .stdout))
      let none = try run(
        reviewBinary, ["sync", "nowhere"], in: b, environment: workspace.environment)
      #expect(
        none.status == 1
          && none.stderr == "error: look up remote nowhere: no such remote 'nowhere'\n")
      let lonely = try run(
        reviewBinary, ["sync"], in: workspace.root, environment: workspace.environment)
      #expect(
        lonely.stderr == "error: no remote to sync with; add one with 'git remote add origin URL'\n"
      )
    }
  }

  /// Through a bare repository's path, a push rejected because another clone pushed first is
  /// retried, as through a server: clones syncing at the same time all succeed.
  @Test func concurrentSyncsThroughAPathAllLand() throws {
    try withHub { workspace, hub in
      let clones = try (0..<4).map { try clone(hub, "c\($0)", workspace) }
      for round in 0..<3 {
        for (index, path) in clones.enumerated() {
          try score(workspace, path, "r\(index)", ["datasets=\(["open", "closed"][round % 2])"])
        }
        let level = ["open", "closed"][round % 2]
        for (index, result) in syncAtOnce(clones, workspace).enumerated() {
          #expect(result?.status == 0, "round \(round), clone \(index): \(result?.stderr ?? "")")
          // No push erased another's: every judgement synced is on the hub.
          let file = try gitProgram(
            ["show", "main:reviews/llama2/r\(index).yaml"], in: hub,
            environment: workspace.environment
          ).stdout
          #expect(file.contains("level: \(level)"), "round \(round), r\(index) on the hub")
        }
      }
      // One more pass brings every clone to the same tree as the hub.
      for path in clones {
        try run(reviewBinary, ["sync"], in: path, environment: workspace.environment)
          .requireSuccess()
      }
      let trees = try (clones + [hub]).map { path in
        try gitProgram(["rev-parse", "main^{tree}"], in: path, environment: workspace.environment)
          .stdout
      }
      #expect(Set(trees).count == 1)
      #expect(
        try gitProgram(["fsck", "--strict"], in: hub, environment: workspace.environment).status
          == 0)
    }
  }

  /// A remote that says nothing, or sends a reference list without end, is stopped at the
  /// limits set in git config, with the limit named; nothing is merged or pushed.
  @Test func aSilentOrEndlessRemoteIsStoppedAtItsLimits() throws {
    try withHub { workspace, hub in
      let a = try clone(hub, "a", workspace)
      try score(workspace, a, "alice", ["datasets=closed"])
      let head = try gitProgram(["rev-parse", "HEAD"], in: a, environment: workspace.environment)
        .stdout
      for (behaviour, settings, expected) in [
        (
          HostileServer.Behaviour.silent, [("review.networkTimeout", "1")],
          "error: fetch origin: stopped: the remote sent nothing for 1 s; to wait longer or take more, set git config review.networkTimeout (seconds) or review.networkMaxBytes\n"
        ),
        (
          .endlessReferences, [("review.networkTimeout", "60"), ("review.networkMaxBytes", "64m")],
          "error: fetch origin: stopped: the remote sent more than 67108864 bytes; to wait longer or take more, set git config review.networkTimeout (seconds) or review.networkMaxBytes\n"
        ),
      ] {
        let server = try HostileServer(behaviour)
        defer { server.stop() }
        try gitProgram(
          ["remote", "set-url", "origin", server.url("hub.git")], in: a,
          environment: workspace.environment
        ).requireSuccess()
        for (key, value) in settings {
          try gitProgram(["config", key, value], in: a, environment: workspace.environment)
            .requireSuccess()
        }
        let started = Date()
        let result = try run(reviewBinary, ["sync"], in: a, environment: workspace.environment)
        #expect(result.status == 1)
        #expect(result.stderr == expected)
        #expect(Date().timeIntervalSince(started) < 30)
        #expect(
          try gitProgram(["rev-parse", "HEAD"], in: a, environment: workspace.environment).stdout
            == head)
      }
      try gitProgram(
        ["config", "review.networkMaxBytes", "lots"], in: a, environment: workspace.environment
      ).requireSuccess()
      #expect(
        try run(reviewBinary, ["sync"], in: a, environment: workspace.environment).stderr
          == "error: git config review.networkMaxBytes: 'lots' is not a number of bytes above 0 (with k, m or g)\n"
      )
    }
  }
}
