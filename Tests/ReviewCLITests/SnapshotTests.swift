import Foundation
import TestSupport
import Testing

/// What users read, compared byte for byte with files under `Tests/Snapshots/`. A change to
/// help or to a report shows in the diff of those files; run the tests with
/// `REVIEW_UPDATE_SNAPSHOTS=1` to write them anew after a change meant to be seen.
@Suite struct SnapshotTests {
  static let commands = [
    "init", "templates", "new", "subject", "score", "edit", "show", "status", "validate",
    "consensus",
    "report", "import", "export", "log", "diff", "blame", "round", "rounds", "merge", "conflicts",
    "resolve", "merge-driver", "sync", "verify", "reveal", "feedback",
  ]

  /// Checks `text` against the snapshot at `path` (under Tests/Snapshots), or writes it there.
  private func expectSnapshot(_ text: String, _ path: String) throws {
    let file = packageRoot + "/Tests/Snapshots/" + path
    if ProcessInfo.processInfo.environment["REVIEW_UPDATE_SNAPSHOTS"] == "1" {
      try text.write(toFile: file, atomically: true, encoding: .utf8)
      return
    }
    let snapshot = try String(contentsOfFile: file, encoding: .utf8)
    #expect(text == snapshot, "\(path) differs; REVIEW_UPDATE_SNAPSHOTS=1 writes it anew")
  }

  @Test(arguments: [""] + commands)
  func helpIsAsItWas(command: String) throws {
    try withTemporaryFolder { folder in
      let workspace = try Workspace(folder)
      let arguments = command.isEmpty ? ["--help"] : [command, "--help"]
      let result = try workspace.review(arguments)
      #expect(result.status == 0)
      #expect(result.stderr.isEmpty)
      try expectSnapshot(result.stdout, "help/\(command.isEmpty ? "review" : command).txt")
    }
  }

  /// The mistakes a newcomer makes, each with its status and what review says, in one file.
  static let mistakes: [[String]] = [
    [], ["scroe", "llama2"], ["help", "scroe"], ["blam"], ["score", "llama2", "dataset=open"],
    ["score", "llama2", "datasets=opne"], ["score", "llama2", "datasets=high"],
    ["templates", "mof-1"], ["templates", "nosuch"], ["log", "--reviewer", "nosuch"],
    ["log", "--since", "banana"], ["log", "--until", "HEAD"], ["log", "-n", "-1"],
    ["log", "--oneline", "--format", "json"],
    ["score", "llama2", "datasets=open", "--evidence", "datasets=see the paper"],
    ["score", "llama2", "datasets=open", "--evidence", "datasets=ftp://example.org/a"],
    ["score", "llama2", "datasets=open", "--evidence", "datasets=../outside.pdf"],
    ["export", "mot", "olmo"], ["subject", "llama2"], ["subject", "llama2", "--link", "a page"],
    ["subject", "llama2", "--drop-link", "https://example.org/none"],
    ["new", "pythia", "--link", "ftp://example.org/pythia"],
  ]

  @Test func mistakesAreAnsweredAsBefore() throws {
    try withLlamaRepository { workspace in
      try workspace.reviewAs("alice", ["score", "llama2", "datasets=open"]).requireSuccess()
      try workspace.review(["new", "olmo", "--framework", "osaid-1.0"]).requireSuccess()
      var text = ""
      for arguments in Self.mistakes {
        let result = try workspace.review(arguments)
        #expect(result.status != 0, "\(arguments)")
        text += "$ review \(arguments.joined(separator: " "))\n"
        text += "exit \(result.status)\n"
        // A bare review prints the help checked above; here only that it did.
        if arguments.isEmpty {
          #expect(result.stdout.hasPrefix("OVERVIEW: "))
        } else {
          text += result.stdout
        }
        text += result.stderr + "\n"
      }
      try expectSnapshot(text, "mistakes.txt")
    }
  }

  /// Every command of the root's help has a snapshot, and every snapshot a command.
  @Test func everyCommandHasAHelpSnapshot() throws {
    let files = try FileManager.default.contentsOfDirectory(
      atPath: packageRoot + "/Tests/Snapshots/help")
    #expect(Set(files) == Set((["review"] + Self.commands).map { $0 + ".txt" }))
    let help = try withTemporaryFolder { try Workspace($0).review(["--help"]).stdout }
    for command in Self.commands { #expect(help.contains("  \(command) "), "\(command)") }
  }

  /// A panel of three with fixed identities and dates, so that every commit id in the report
  /// is the same on every run.
  @Test func markdownReportIsAsItWas() throws {
    try withLlamaRepository { workspace in
      let scores: [(String, [String])] = [
        (
          "alice",
          [
            "datasets=closed", "model-parameters-final=restricted", "model-architecture=open",
            "--license", "model-parameters-final=LicenseRef-Llama-2-Community", "--evidence",
            "model-parameters-final=https://ai.meta.com/llama/license/", "--note",
            "model-parameters-final=Weights need acceptance of Meta's community license.",
          ]
        ),
        ("bob", ["datasets=closed", "model-parameters-final=open", "model-architecture=open"]),
        ("carol", ["datasets=restricted", "model-parameters-final=restricted"]),
      ]
      for (index, (reviewer, arguments)) in scores.enumerated() {
        try workspace.reviewAs(
          reviewer, ["score", "llama2"] + arguments, date: "2024-11-0\(index + 1)T10:00:00+00:00"
        ).requireSuccess()
      }
      try workspace.review(["round", "llama2", "first"]).requireSuccess()
      try workspace.reviewAs(
        "carol", ["score", "llama2", "datasets=closed"], date: "2024-11-05T10:00:00+00:00"
      ).requireSuccess()
      let report = try workspace.review(["report", "llama2", "--format", "md"]).requireSuccess()
      try expectSnapshot(report.stdout, "report-llama2.md")
    }
  }
}
