import Foundation
import TestSupport
import Testing

/// What review writes reads back: characters YAML cannot carry raw are escaped, and a file that
/// would not read back is refused before anything is committed.
@Suite struct ReadBackTests {
  @Test func noncharactersAreWrittenSoThatTheyReadBack() throws {
    try withLlamaRepository { workspace in
      try workspace.review(["new", "odd", "--title", "x\u{FFFF}y\u{FFFE}"]).requireSuccess()
      try workspace.reviewAs(
        "alice", ["score", "odd", "datasets=open", "--note", "datasets=a\u{FFFE}b"]
      )
      .requireSuccess()
      let shown = try workspace.review(["show", "odd", "alice", "--format", "json"])
        .requireSuccess()
      #expect(shown.stdout.contains("x\u{FFFF}y\u{FFFE}"))
      #expect(shown.stdout.contains("a\u{FFFE}b"))
      try workspace.review(["validate"]).requireSuccess()
      #expect(try workspace.read("reviews/odd/subject.yaml").contains("\\uFFFF"))
    }
  }

  @Test func aFileThatWouldNotReadBackIsRefused() throws {
    try withLlamaRepository { workspace in
      let header = "schema: 1\nsubject: llama2\nreviewer: alice\nframework: mof-1.0\n"
      let deep = String(repeating: "[", count: 1_000) + String(repeating: "]", count: 1_000)
      // A list of 200,000 short items (400 KB) grows past 1 MiB when written one item a line.
      let long = "[" + Array(repeating: "a", count: 200_000).joined(separator: ",") + "]"
      for (name, extra) in [("deep", deep), ("long", long)] {
        try workspace.write(
          "\(name).yaml", header + "criteria: {datasets: {level: open}}\nx: \(extra)\n")
        let head = try workspace.git(["rev-parse", "HEAD"]).stdout
        let result = try workspace.reviewAs(
          "alice", ["score", "llama2", "--file", "\(name).yaml"])
        #expect(result.status == 1, "\(name)")
        #expect(result.stderr.contains("reviews/llama2/alice.yaml"), "\(name): \(result.stderr)")
        #expect(try workspace.git(["rev-parse", "HEAD"]).stdout == head, "\(name) committed")
      }
    }
  }

  @Test func bytesThatAreNotUTF8AreRefusedNotReplaced() throws {
    try withLlamaRepository { workspace in
      try workspace.reviewAs(
        "alice", ["score", "llama2", "datasets=open", "--note", "datasets=ok"]
      )
      .requireSuccess()
      var bytes = Array(try workspace.read("reviews/llama2/alice.yaml").utf8)
      let at = bytes.firstIndex(of: UInt8(ascii: "k"))!
      bytes[at] = 0xFF
      try Data(bytes).write(to: URL(fileURLWithPath: workspace.root + "/reviews/llama2/alice.yaml"))
      try workspace.git(["commit", "-q", "-am", "a stray byte"]).requireSuccess()
      let shown = try workspace.review(["show", "llama2", "alice"])
      #expect(shown.status == 1)
      #expect(
        shown.stderr.contains("reviews/llama2/alice.yaml:1:1: error: file is not valid UTF-8"))
      let scored = try workspace.reviewAs("alice", ["score", "llama2", "model-card=open"])
      #expect(scored.status == 1)
      let kept = try Data(
        contentsOf: URL(fileURLWithPath: workspace.root + "/reviews/llama2/alice.yaml"))
      #expect(kept == Data(bytes), "the file was rewritten")
    }
  }
}
