import Foundation
import TestSupport
import Testing

/// Notes, evidence and licences are data: a report never lets them become HTML, a script or a
/// link a reader's browser would run.
@Suite struct InjectionTests {
  static let payloads = [
    "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "[click](javascript:alert(1))",
    "![x](javascript:alert(1))", "<a href=\"javascript:alert(1)\">x</a>", "a | b\n| c",
  ]
  static let links = [
    "javascript:alert(1)", "data:text/html,<script>alert(1)</script>",
    "https://example.org/a) [x](javascript:alert(1)", "JAVASCRIPT:alert(1)",
  ]

  @Test func reportsLetNoPayloadThrough() throws {
    try withLlamaRepository { workspace in
      for (index, payload) in Self.payloads.enumerated() {
        let reviewer = "r\(index)"
        // Split between two levels, so that the criterion is contested and shows every note.
        let level = index % 2 == 0 ? "open" : "closed"
        // Links like these are refused on the command line; a collaborator's file brings them.
        try scoreFromFile(
          workspace, reviewer: reviewer, level: level, note: payload, evidence: Self.links)
      }
      try workspace.reviewAs("zed", ["score", "llama2", "datasets=closed"]).requireSuccess()
      let markdown = try workspace.review(["report", "llama2", "--format", "md"])
        .requireSuccess().stdout
      let html = try workspace.review(["report", "llama2", "--format", "html"])
        .requireSuccess().stdout
      var reached: [String] = []
      for forbidden in ["<script", "<img", "<a href=\"javascript"]
      where markdown.lowercased().contains(forbidden) {
        reached.append("Markdown holds \(forbidden)")
      }
      // A link's end followed by a script or data URL, unless its bracket is escaped.
      let link = try Regex(#"(^|[^\\])\]\((?i:javascript|data):"#)
      if markdown.firstMatch(of: link) != nil { reached.append("Markdown links to a script") }
      for forbidden in ["<script", "<img", "href=\"javascript", "href=\"data:"]
      where html.lowercased().contains(forbidden) {
        reached.append("HTML holds \(forbidden)")
      }
      Stress.report(
        "injection into reports",
        [
          ("payloads", Self.payloads.count + Self.links.count), ("formats", 2),
          ("reaching a page or Markdown unescaped", reached.count),
        ])
      #expect(reached.isEmpty, "\(reached)")
      // The web link is still a link, its destination unable to end early.
      #expect(
        markdown.contains(
          "[https://example.org/a) \\[x\\](javascript:alert(1)](https://example.org/a%29%20[x]%28javascript:alert%281%29)"
        ))
      // A table row stays one row.
      #expect(markdown.contains("a \\| b \\| c"))
      // JSON stays exact.
      let json = try workspace.review(["show", "llama2", "r0", "--format", "json"]).requireSuccess()
      // (JSON is written with slashes unescaped.)
      #expect(json.stdout.contains("\"note\" : \"<script>alert(1)</script>\""))
    }
  }
}

/// Control characters in the data (an escape sequence that would retitle the window, clear the
/// screen or hide text) reach no terminal: every text command shows them as `\x1B`.
@Suite struct TerminalEscapeTests {
  @Test func noCommandPrintsTheDatasControlCharacters() throws {
    let escape = "\u{1B}]0;owned\u{07}\u{1B}[2J"
    try withLlamaRepository { workspace in
      try scoreFromFile(
        workspace, reviewer: "alice", level: "open", note: "x\(escape)y",
        evidence: ["https://e.example/\(escape)"], message: "note \(escape)")
      try workspace.reviewAs("bob", ["score", "llama2", "datasets=closed"]).requireSuccess()
      try workspace.review(["round", "llama2", "one", "-m", "round \(escape)"]).requireSuccess()
      let commands = [
        ["show", "llama2"], ["show", "llama2", "alice"], ["log"], ["status"],
        ["diff", "llama2", "alice", "bob"], ["diff", "HEAD~2", "HEAD"],
        ["blame", "llama2", "alice"],
        ["consensus", "llama2"], ["rounds", "llama2"], ["report", "llama2"],
        ["report", "llama2", "--format", "html"],
      ]
      var reached: [String] = []
      for command in commands {
        let result = try workspace.review(command).requireSuccess()
        if result.stdout.contains("\u{1B}") || result.stdout.contains("\u{07}") {
          reached.append(command.joined(separator: " "))
        }
      }
      Stress.report(
        "terminal escapes",
        [("commands", commands.count), ("printing a control character", reached.count)])
      #expect(reached.isEmpty, "\(reached)")
      #expect(
        try workspace.review(["show", "llama2", "alice"]).stdout.contains("x\\x1B]0;owned\\x07"))
      // JSON stays exact.
      let json = try workspace.review(["show", "llama2", "alice", "--format", "json"]).stdout
      #expect(json.contains("\\u001b]0;owned\\u0007"))
    }
  }
}

/// Commits `reviewer`'s evaluation of llama2 from a file with one judgement of datasets, its
/// strings written as JSON (which YAML reads) so that any payload survives.
func scoreFromFile(
  _ workspace: Workspace, reviewer: String, level: String, note: String, evidence: [String],
  message: String? = nil
) throws {
  let encoder = JSONEncoder()
  encoder.outputFormatting = .withoutEscapingSlashes
  func quoted(_ text: String) throws -> String {
    String(decoding: try encoder.encode(text), as: UTF8.self)
  }
  let text = """
    schema: 1
    subject: llama2
    reviewer: \(reviewer)
    framework: mof-1.0
    criteria:
      datasets:
        level: \(level)
        evidence: [\(try evidence.map(quoted).joined(separator: ", "))]
        note: \(try quoted(note))

    """
  let path = workspace.home + "/\(reviewer)-evaluation.yaml"
  try text.write(toFile: path, atomically: true, encoding: .utf8)
  try workspace.review(
    ["score", "llama2", "--file", path, "--reviewer", reviewer]
      + (message.map { ["-m", $0] } ?? [])
  ).requireSuccess()
}
