import Foundation
import TestSupport
import Testing

/// `review` at a real terminal (tmux): an editor that needs the terminal, and the pager.
@Suite(.serialized) struct TerminalTests {
  /// vi, and vi with arguments in the editor command, edit the draft on the terminal as with
  /// `git commit`; what is saved is committed.
  @Test(arguments: ["vi", "vim -u NONE -N"])
  func editOpensTheEditorOnTheTerminal(editor: String) throws {
    try withLlamaRepository { workspace in
      var environment = workspace.environment
      environment["EDITOR"] = editor
      let folder = workspace.home + "/.."
      let terminal = try TerminalSession(
        "review edit llama2 --reviewer alice", in: workspace.root,
        environment: environment.merging(["PATH": binaryFolder + ":" + (environment["PATH"] ?? "")])
        { $1 },
        folder: folder)
      defer { terminal.close() }
      try terminal.waitFor("# Criteria:")
      try terminal.send(":%s/^criteria: {}$/criteria:\\r  datasets:\\r    level: open/", "Enter")
      try terminal.send(":wq", "Enter")
      let screen = try terminal.waitFor("exit=")
      #expect(screen.contains("exit=0"), "\(screen)")
      #expect(screen.contains("1 judgement changed (datasets)"), "\(screen)")
      let shown = try workspace.review(["show", "llama2", "alice", "--format", "json"])
      #expect(shown.stdout.contains("\"level\" : \"open\""), "\(shown.stdout)")
    }
  }

  /// nano, a modeless editor, works the same way.
  @Test func editWithNano() throws {
    try withLlamaRepository { workspace in
      var environment = workspace.environment
      environment["EDITOR"] = "nano"
      environment["PATH"] = binaryFolder + ":" + (environment["PATH"] ?? "")
      let terminal = try TerminalSession(
        "review edit llama2 --reviewer alice", in: workspace.root, environment: environment,
        folder: workspace.home + "/..")
      defer { terminal.close() }
      try terminal.waitFor("Write Out")
      // To the end, replace `criteria: {}` (delete the line's last 3 characters), then type.
      try terminal.send("M-/")
      try terminal.send("Up", "End", "BSpace", "BSpace", "BSpace", "Enter")
      try terminal.send("  datasets:", "Enter", "    level: closed", "Enter")
      try terminal.send("C-o")
      try terminal.waitFor("File Name to Write")
      try terminal.send("Enter")
      try terminal.send("C-x")
      let screen = try terminal.waitFor("exit=")
      #expect(screen.contains("exit=0"), "\(screen)")
      #expect(screen.contains("1 judgement changed (datasets)"), "\(screen)")
    }
  }
}

/// `review log` at a terminal pages as `git log` does.
@Suite(.serialized) struct PagerTests {
  /// A repository whose log is longer than a 30-line terminal.
  private func withLongLog(_ body: (Workspace, [String: String]) throws -> Void) throws {
    try withLlamaRepository { workspace in
      for (index, level) in ["open", "closed", "restricted", "open", "closed", "open"].enumerated()
      {
        try workspace.reviewAs(
          "alice", ["score", "llama2", "datasets=\(level)", "-m", "round \(index)"]
        ).requireSuccess()
      }
      var environment = workspace.environment
      environment["PATH"] = binaryFolder + ":" + (environment["PATH"] ?? "")
      environment["PAGER"] = "less"
      try body(workspace, environment)
    }
  }

  @Test func logPagesThroughLessAndQuits() throws {
    try withLongLog { workspace, environment in
      let terminal = try TerminalSession(
        "review log", in: workspace.root, environment: environment,
        folder: workspace.home + "/..")
      defer { terminal.close() }
      // less waits at its prompt with the first page shown; q ends it, and review with it.
      try terminal.waitFor("commit ")
      usleep(500_000)
      let page = try terminal.screen()
      #expect(!page.contains("exit="), "\(page)")
      try terminal.send("q")
      let screen = try terminal.waitFor("exit=")
      #expect(screen.contains("exit=0"), "\(screen)")
    }
  }

  @Test(arguments: [["--no-pager"], ["-P"]])
  func noPagerWritesStraightToTheTerminal(flag: [String]) throws {
    try withLongLog { workspace, environment in
      let terminal = try TerminalSession(
        "review \(flag.joined(separator: " ")) log --oneline", in: workspace.root,
        environment: environment, folder: workspace.home + "/..")
      defer { terminal.close() }
      let screen = try terminal.waitFor("exit=")
      #expect(screen.contains("exit=0"), "\(screen)")
      #expect(screen.contains("round 5"), "\(screen)")
    }
  }

  @Test func corePagerComesFirst() throws {
    try withLongLog { workspace, environment in
      try workspace.git(["config", "core.pager", "tr a-z A-Z"]).requireSuccess()
      let terminal = try TerminalSession(
        "review log --oneline", in: workspace.root, environment: environment,
        folder: workspace.home + "/..")
      defer { terminal.close() }
      let screen = try terminal.waitFor("exit=")
      #expect(screen.contains("ROUND 5"), "\(screen)")
    }
  }

  /// Not at a terminal, nothing is paged, whatever PAGER says.
  @Test func aPipeIsNeverPaged() throws {
    try withLongLog { workspace, environment in
      let result = try workspace.review(["log", "--oneline"], extra: ["PAGER": "tr a-z A-Z"])
      #expect(result.status == 0)
      #expect(result.stdout.contains("round 5"))
    }
  }
}

/// The folder of the built `review`, to put on PATH.
let binaryFolder = (reviewBinary as NSString).deletingLastPathComponent
