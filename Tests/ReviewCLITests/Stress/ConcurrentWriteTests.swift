import Foundation
import TestSupport
import Testing

/// Writes are transactions: several `review score` processes at once, by the same reviewer and
/// by others, all land, and nothing is left stale in the index.
@Suite struct ConcurrentWriteTests {
  /// Starts every command at once and waits for all of them.
  private func runTogether(_ commands: [[String]], in workspace: Workspace) throws
    -> [(status: Int32, stderr: String)]
  {
    let processes = try commands.map { arguments -> (Process, Pipe) in
      let process = Process()
      process.executableURL = URL(fileURLWithPath: reviewBinary)
      process.arguments = arguments
      process.currentDirectoryURL = URL(fileURLWithPath: workspace.root)
      process.environment = workspace.environment
      let errors = Pipe()
      process.standardError = errors
      process.standardOutput = Pipe()
      try process.run()
      return (process, errors)
    }
    return processes.map { process, errors in
      let text = String(
        decoding: errors.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
      process.waitUntilExit()
      return (process.terminationStatus, text)
    }
  }

  @Test func everyConcurrentWriteLands() throws {
    let criteria = [
      "datasets", "model-card", "training-code", "research-paper", "model-architecture",
      "data-card",
    ]
    let levels = ["open", "closed", "restricted"]
    let rounds = Stress.count(3, full: 56)
    var writes = 0
    var failed: [String] = []
    var lost: [String] = []
    var stale: [String] = []
    try withLlamaRepository { workspace in
      for round in 0..<rounds {
        let level = levels[round % levels.count]
        // Six writes by one reviewer on different criteria, three by others on one criterion.
        let commands =
          criteria.map { ["score", "llama2", "\($0)=\(level)", "--reviewer", "alice"] }
          + ["bob", "carol", "dave"].map {
            ["score", "llama2", "datasets=\(level)", "--reviewer", $0]
          }
        writes += commands.count
        for (index, result) in try runTogether(commands, in: workspace).enumerated()
        where result.status != 0 {
          failed.append("round \(round), \(commands[index]): \(result.stderr)")
        }
        let alice = try workspace.review(["show", "llama2", "alice", "--format", "json"])
          .requireSuccess().json()
        let judged =
          (alice["evaluations"] as? [[String: Any]])?.first?["judgements"]
          as? [String: [String: Any]] ?? [:]
        for criterion in criteria where judged[criterion]?["level"] as? String != level {
          lost.append("round \(round): alice \(criterion)")
        }
        for reviewer in ["bob", "carol", "dave"]
        where !(try workspace.read("reviews/llama2/\(reviewer).yaml").contains("level: \(level)")) {
          lost.append("round \(round): \(reviewer) datasets")
        }
        // Index and working tree agree with HEAD: no stale entry, nothing half written.
        let status = try workspace.git(["status", "--porcelain", "--", "reviews"]).stdout
        if !status.isEmpty { stale.append("round \(round): \(status)") }
      }
      #expect(try workspace.git(["fsck", "--strict"]).status == 0)
      let commits = try workspace.git(["rev-list", "--count", "HEAD"]).stdout
      #expect(Int(commits.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0 >= writes)
    }
    Stress.report(
      "concurrent writes",
      [
        ("writes", writes), ("failed", failed.count), ("lost judgements", lost.count),
        ("stale index entries", stale.count),
      ])
    #expect(failed.isEmpty, "\(failed.prefix(5))")
    #expect(lost.isEmpty, "\(lost.prefix(5))")
    #expect(stale.isEmpty, "\(stale.prefix(5))")
  }
}
