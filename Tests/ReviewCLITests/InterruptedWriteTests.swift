import Foundation
import TestSupport
import Testing

/// A write killed at any instant leaves the old state, the new one, or one that the next write
/// recognises and finishes; a lock it leaves says what to do.
@Suite struct InterruptedWriteTests {
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
}
