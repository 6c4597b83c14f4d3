import Foundation
import TestSupport
import Testing

/// `review score` killed with SIGKILL at random instants, each followed by another write: git's
/// objects stay sound, no committed judgement is lost, nothing is left staged, and a lock left
/// behind is named with what to do.
@Suite struct KillTests {
  @Test func writesKilledAtRandomLoseNothing() throws {
    var random = SeededGenerator(seed: 0xC0FF_EE00)
    let criteria = ["datasets", "model-card", "training-code", "research-paper"]
    let rounds = Stress.count(24, full: 1_000)
    var killedLanded = 0
    var lost: [String] = []
    var stagedReverts: [String] = []
    var leftStaged = 0
    var locksNamed = 0
    var unexplained: [String] = []
    var fsckFailures = 0
    try withLlamaRepository { workspace in
      // The note each criterion's last committed write gave it.
      var committed: [String: String] = [:]
      // Kills land anywhere in a write: from its start to a little past its usual end.
      let started = Date()
      try workspace.reviewAs(
        "alice", ["score", "llama2", "data-card=open", "--note", "data-card=first"]
      )
      .requireSuccess()
      let span = UInt32(Date().timeIntervalSince(started) * 1.2e6)
      for round in 0..<rounds {
        let criterion = criteria[round % 4]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: reviewBinary)
        process.arguments = [
          "score", "llama2", "\(criterion)=open", "--reviewer", "alice", "--note",
          "\(criterion)=round \(round)",
        ]
        process.currentDirectoryURL = URL(fileURLWithPath: workspace.root)
        process.environment = workspace.environment
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        usleep(UInt32.random(in: 0...span, using: &random))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        // Right after the kill, as a plain `git commit` or `git status` would find it: the index
        // may hold the killed write's change (staged, finished by the next write), never a
        // version older than the branch's (a staged revert, which `git commit` would commit).
        let path = "reviews/llama2/alice.yaml"
        let staged = try workspace.git(["show", ":\(path)"]).stdout
        let committedNow = try workspace.git(["show", "HEAD:\(path)"]).stdout
        let working = try workspace.read(path)
        if staged == committedNow, working != committedNow,
          working.contains("note: round \(round)\n")
        {
          leftStaged += 1
        } else if staged != committedNow {
          if committedNow.contains("note: round \(round)\n") {
            stagedReverts.append("round \(round): the branch moved, the index did not")
          } else if staged.contains("note: round \(round)\n") {
            leftStaged += 1
          } else {
            stagedReverts.append("round \(round): the index holds something else")
          }
        }
        let after = ["score", "llama2", "data-card=open", "--note", "data-card=after \(round)"]
        var next = try workspace.reviewAs("alice", after)
        if next.status != 0, next.stderr.contains("is locked by"),
          next.stderr.contains("if none is running, remove")
        {
          locksNamed += 1
          for lock in ["refs/heads/main.lock", "index.lock"]
          where next.stderr.contains("remove \(workspace.root)/.git/\(lock)") {
            try FileManager.default.removeItem(atPath: workspace.root + "/.git/" + lock)
          }
          next = try workspace.reviewAs("alice", after)
        }
        if next.status != 0 {
          unexplained.append("round \(round): \(next.stderr)")
          continue
        }
        // What HEAD holds now: the killed write landed when its note is in the commit before.
        let before = try workspace.git(["show", "HEAD~1:reviews/llama2/alice.yaml"]).stdout
        if before.contains("note: round \(round)\n") {
          killedLanded += 1
          committed[criterion] = "round \(round)"
        }
        committed["data-card"] = "after \(round)"
        let head = try workspace.git(["show", "HEAD:reviews/llama2/alice.yaml"]).stdout
        for (criterion, note) in committed where !head.contains("note: \(note)\n") {
          lost.append("round \(round): \(criterion) lost '\(note)'")
        }
        let cached = try workspace.git(["diff", "--cached", "--stat", "--", "reviews"]).stdout
        let unstaged = try workspace.git(["diff", "--stat", "--", "reviews"]).stdout
        if !cached.isEmpty || !unstaged.isEmpty {
          stagedReverts.append("round \(round), after the next write: \(cached)\(unstaged)")
        }
        if (round + 1) % 100 == 0 || round == rounds - 1 {
          if try workspace.git(["fsck", "--strict"]).status != 0 { fsckFailures += 1 }
        }
      }
      let hidden = try FileManager.default.contentsOfDirectory(
        atPath: workspace.root + "/reviews/llama2"
      ).filter { $0.hasPrefix(".") }
      #expect(hidden.isEmpty, "temporary files left: \(hidden)")
    }
    Stress.report(
      "kill -9",
      [
        ("writes killed", rounds), ("killed writes that landed", killedLanded),
        ("fsck failures", fsckFailures), ("lost committed judgements", lost.count),
        ("staged reverts", stagedReverts.count),
        ("left part-written and finished by the next write", leftStaged),
        ("locks named with what to do", locksNamed),
        ("writes failing otherwise", unexplained.count),
      ])
    #expect(fsckFailures == 0)
    #expect(lost.isEmpty, "\(lost.prefix(5))")
    #expect(stagedReverts.isEmpty, "\(stagedReverts.prefix(5))")
    #expect(unexplained.isEmpty, "\(unexplained.prefix(5))")
  }
}
