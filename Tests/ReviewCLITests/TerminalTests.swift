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

/// The folder of the built `review`, to put on PATH.
let binaryFolder = (reviewBinary as NSString).deletingLastPathComponent
