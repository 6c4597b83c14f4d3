import Foundation
import TestSupport
import Testing

/// An evaluation committed broken with plain git: status fails naming it, a change cannot
/// apply to it and says how to repair it, and `score --file` and `edit` repair it.
@Suite struct RepairTests {
  private func withBrokenEvaluation(_ body: (Workspace) throws -> Void) throws {
    try withLlamaRepository { workspace in
      try workspace.reviewAs("alice", ["score", "llama2", "datasets=open"]).requireSuccess()
      let path = "reviews/llama2/alice.yaml"
      let text = try workspace.read(path)
      try workspace.write(path, text.replacingOccurrences(of: "level: open", with: "level: opne"))
      try workspace.git(["commit", "-q", "-am", "broken by hand"]).requireSuccess()
      try body(workspace)
    }
  }

  @Test func statusFailsAndNamesTheFile() throws {
    try withBrokenEvaluation { workspace in
      let status = try workspace.review(["status"])
      #expect(status.status == 1)
      #expect(status.stdout.contains("reviews/llama2/alice.yaml:"), "\(status.stdout)")
      #expect(try workspace.review(["status", "--format", "json"]).status == 1)
    }
  }

  @Test func aChangeSaysHowToRepair() throws {
    try withBrokenEvaluation { workspace in
      let head = try workspace.git(["rev-parse", "HEAD"]).stdout
      let result = try workspace.reviewAs("alice", ["score", "llama2", "--unset", "datasets"])
      #expect(result.status == 1)
      #expect(result.stderr.contains("reviews/llama2/alice.yaml:"), "\(result.stderr)")
      #expect(
        result.stderr.contains(
          "repair it with 'review edit llama2' or 'review score llama2 --file FILE'"),
        "\(result.stderr)")
      #expect(try workspace.git(["rev-parse", "HEAD"]).stdout == head)
    }
  }

  @Test func scoreFileRepairs() throws {
    try withBrokenEvaluation { workspace in
      try workspace.write(
        "fixed.yaml",
        "schema: 1\nsubject: llama2\nreviewer: alice\nframework: mof-1.0\ncriteria:\n  datasets:\n    level: closed\n"
      )
      try workspace.reviewAs("alice", ["score", "llama2", "--file", "fixed.yaml"]).requireSuccess()
      try workspace.review(["status"]).requireSuccess()
      #expect(try workspace.read("reviews/llama2/alice.yaml").contains("level: closed"))
    }
  }

  @Test func editRepairsFromTheCommittedBytes() throws {
    try withBrokenEvaluation { workspace in
      let fix = workspace.home + "/fix.sh"
      try "#!/bin/sh\ngrep -q 'does not read' \"$1\" || exit 3\nsed -i 's/opne/open/' \"$1\"\n"
        .write(toFile: fix, atomically: true, encoding: .utf8)
      chmod(fix, 0o755)
      let result = try workspace.review(
        ["edit", "llama2", "--reviewer", "alice"], extra: ["EDITOR": fix])
      #expect(result.status == 0, "\(result.stderr)")
      try workspace.review(["status"]).requireSuccess()
      #expect(try workspace.read("reviews/llama2/alice.yaml").contains("level: open"))
    }
  }

  /// A review merge whose state file does not read is still shown, with the way out.
  @Test func statusShowsAMergeStateThatDoesNotRead() throws {
    try withLlamaRepository { workspace in
      try FileManager.default.createDirectory(
        atPath: workspace.root + "/.git/review", withIntermediateDirectories: true)
      try workspace.write(".git/review/MERGE.json", "{ not json")
      let status = try workspace.review(["status"]).requireSuccess().stdout
      #expect(status.contains("its state does not read: run 'review merge --abort'"), "\(status)")
      let json = try workspace.review(["status", "--format", "json"]).json()
      #expect((json["merge"] as? [String: Any])?["kind"] as? String == "review")
    }
  }
}
