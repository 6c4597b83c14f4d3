import Foundation
import TestSupport
import Testing

/// No number in a committed file crashes the tool: each is refused with its position, or used
/// exactly, and every read command still runs.
@Suite struct NumericTrapTests {
  /// Commits `review.yaml` with `settings` (through git, as a colleague's push would) and scores
  /// two reviewers, so that consensus has something to count.
  private func withSettings(_ settings: String, _ body: (Workspace) throws -> Void) throws {
    try withLlamaRepository { workspace in
      try workspace.reviewAs("alice", ["score", "llama2", "datasets=closed"]).requireSuccess()
      try workspace.reviewAs("bob", ["score", "llama2", "datasets=open"]).requireSuccess()
      try workspace.write("review.yaml", settings)
      try workspace.git(["commit", "-q", "-am", "settings"]).requireSuccess()
      try body(workspace)
    }
  }

  @Test(arguments: [
    ("9223372036854775807.5", 4, 14), ("-9223372036854775808/1", 4, 14),
    ("1/0", 4, 14), ("99999999999999999999999/2", 4, 14), ("0.0000000000000000000001", 4, 14),
  ])
  func aThresholdItCannotHoldIsRefusedWithItsPosition(text: String, line: Int, column: Int)
    throws
  {
    try withSettings("schema: 1\ndefault-framework: mof-1.0\nconsensus:\n  threshold: \(text)\n") {
      workspace in
      for command in [
        ["consensus", "llama2"], ["consensus", "--all"], ["report", "llama2"], ["validate"],
      ] {
        let result = try workspace.review(command)
        #expect(result.status == 1, "\(command)")
        #expect(
          result.stderr.contains(
            "review.yaml:\(line):\(column): error: threshold '\(text)' must be a fraction or decimal from 0 to 1"
          ), "\(command): \(result.stderr)")
      }
    }
  }

  @Test func aThresholdNearOneOfHugeTermsIsComparedExactly() throws {
    let threshold = "9223372036854775806/9223372036854775807"
    try withSettings("schema: 1\nconsensus:\n  threshold: \(threshold)\n") { workspace in
      let result = try workspace.review(["consensus", "llama2", "--format", "json"])
      try #require(result.status == 0, "\(result.stderr)")
      let criteria = try result.json()["criteria"] as? [[String: Any]] ?? []
      let datasets = try #require(criteria.first { $0["id"] as? String == "datasets" })
      // 1 of 2 reviewers is short of a threshold just below 1.
      #expect(datasets["status"] as? String == "contested")
      #expect((try result.json()["rule"] as? [String: Any])?["threshold"] as? String == threshold)
    }
  }

  @Test func aVoteBandOfHugeTermsIsComparedExactly() throws {
    try withLlamaRepository { workspace in
      let template = try projectFile("templates/osi-codesign-2024.yaml")
        .replacingOccurrences(of: "at-least: 2\n", with: "at-least: 9223372036854775807/3\n")
      #expect(template.contains("9223372036854775807/3"))
      try workspace.write("templates/osi-codesign-2024.yaml", template)
      try workspace.git(["add", "templates"]).requireSuccess()
      try workspace.git(["commit", "-q", "-m", "bands"]).requireSuccess()
      try workspace.reviewAs(
        "chair", ["new", "ballot", "--framework", "osi-codesign-2024"]
      ).requireSuccess()
      try workspace.reviewAs("alice", ["score", "ballot", "model-architecture.use=yes"])
        .requireSuccess()
      try workspace.reviewAs("bob", ["score", "ballot", "model-architecture.use=yes"])
        .requireSuccess()
      let result = try workspace.review(["consensus", "ballot"])
      #expect(result.status == 0, "\(result.stderr)")
    }
  }

  @Test func aLevelValueOutOfRangeIsRefusedWithItsPosition() throws {
    try withLlamaRepository { workspace in
      let template = try projectFile("templates/mof-1.0.yaml")
      let broken = template.replacingOccurrences(
        of: "Released under an open license\n      value: 1\n",
        with: "Released under an open license\n      value: 1e300\n")
      try #require(broken != template)
      try workspace.write("templates/mof-1.0.yaml", broken)
      try workspace.git(["add", "templates"]).requireSuccess()
      try workspace.git(["commit", "-q", "-m", "values"]).requireSuccess()
      let result = try workspace.review(["validate"])
      #expect(result.status == 1)
      #expect(
        result.stderr.contains("error: level value '1e300' is out of range (-1e15 to 1e15)"))
    }
  }
}
