import Foundation
import TestSupport
import Testing

/// A write killed at any instant leaves the old state, the new one, or one that the next write
/// recognises and finishes; a lock it leaves says what to do.
@Suite struct InterruptedWriteTests {
  @Test func aWriteKilledAfterTheBranchMovedIsFinishedByTheNext() throws {
    try withLlamaRepository { workspace in
      try workspace.reviewAs("alice", ["score", "llama2", "datasets=closed"]).requireSuccess()
      try workspace.reviewAs("alice", ["score", "llama2", "model-card=open"]).requireSuccess()
      // What a kill between moving the branch and writing the file leaves: the commit is made,
      // the working file and the index still hold the version before it.
      try workspace.git(["checkout", "HEAD~1", "--", "reviews/llama2/alice.yaml"])
        .requireSuccess()
      try workspace.reviewAs("alice", ["score", "llama2", "training-code=open"]).requireSuccess()
      let file = try workspace.read("reviews/llama2/alice.yaml")
      for judged in [
        "datasets:\n    level: closed", "model-card:\n    level: open", "training-code",
      ] {
        #expect(file.contains(judged), "\(judged)")
      }
      #expect(try workspace.git(["status", "--porcelain", "--", "reviews"]).stdout.isEmpty)
    }
  }

  @Test func anEditOfTheUserIsStillRefused() throws {
    try withLlamaRepository { workspace in
      try workspace.reviewAs("alice", ["score", "llama2", "datasets=closed"]).requireSuccess()
      try workspace.write("reviews/llama2/alice.yaml", "my own edit\n")
      let result = try workspace.reviewAs("alice", ["score", "llama2", "model-card=open"])
      #expect(result.status == 1)
      #expect(try workspace.read("reviews/llama2/alice.yaml") == "my own edit\n")
    }
  }

  @Test func aLeftoverRefLockIsNamedWithWhatToDo() throws {
    try withLlamaRepository { workspace in
      let lock = workspace.root + "/.git/refs/heads/main.lock"
      try "".write(toFile: lock, atomically: false, encoding: .utf8)
      let result = try workspace.reviewAs("alice", ["score", "llama2", "datasets=closed"])
      #expect(result.status == 1)
      #expect(
        result.stderr.contains(
          "refs/heads/main is locked by \(lock): another git process is updating it, or one was killed; if none is running, remove \(lock)"
        ), "\(result.stderr)")
      try FileManager.default.removeItem(atPath: lock)
      try workspace.reviewAs("alice", ["score", "llama2", "datasets=closed"]).requireSuccess()
    }
  }

  /// Writes killed at random instants: every next write lands (after removing a lock the
  /// message names), git's objects stay sound, and no temporary file is left in `reviews/`.
  @Test func writesKilledAtRandomLoseNothing() throws {
    var random = SeededGenerator(seed: 0xC0FF_EE00)
    let criteria = ["datasets", "model-card", "training-code", "research-paper"]
    try withLlamaRepository { workspace in
      for round in 0..<24 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: reviewBinary)
        process.arguments = [
          "score", "llama2", "\(criteria[round % 4])=open", "--reviewer", "alice", "--note",
          "\(criteria[round % 4])=round \(round)",
        ]
        process.currentDirectoryURL = URL(fileURLWithPath: workspace.root)
        process.environment = workspace.environment
        process.standardOutput = Pipe()
        process.standardError = Pipe()
        try process.run()
        usleep(UInt32.random(in: 0...40_000, using: &random))
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        var next = try workspace.reviewAs(
          "alice", ["score", "llama2", "data-card=open", "--note", "data-card=after \(round)"])
        if next.status != 0, next.stderr.contains("is locked by") {
          try? FileManager.default.removeItem(atPath: workspace.root + "/.git/refs/heads/main.lock")
          next = try workspace.reviewAs(
            "alice", ["score", "llama2", "data-card=open", "--note", "data-card=after \(round)"])
        }
        #expect(next.status == 0, "round \(round): \(next.stderr)")
        #expect(try workspace.read("reviews/llama2/alice.yaml").contains("after \(round)"))
      }
      #expect(try workspace.git(["fsck", "--strict"]).status == 0)
      #expect(try workspace.git(["status", "--porcelain", "--", "reviews"]).stdout.isEmpty)
      let hidden = try FileManager.default.contentsOfDirectory(
        atPath: workspace.root + "/reviews/llama2"
      ).filter { $0.hasPrefix(".") }
      #expect(hidden.isEmpty, "\(hidden)")
    }
  }
}
