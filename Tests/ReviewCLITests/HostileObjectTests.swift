import Foundation
import TestSupport
import Testing

/// Objects plain git accepts from a collaborator, which no history command may trip over.
@Suite struct HostileObjectTests {
  @Test func aSubmoduleAndAHugeFileInHistoryAreNotRead() throws {
    try withLlamaRepository { workspace in
      try workspace.reviewAs("alice", ["score", "llama2", "datasets=open"]).requireSuccess()
      try workspace.reviewAs("bob", ["score", "llama2", "datasets=closed"]).requireSuccess()
      // A gitlink where an evaluation would be: its commit is not in this repository.
      try workspace.git([
        "update-index", "--add", "--cacheinfo",
        "160000,1234567890123456789012345678901234567890,reviews/llama2/sub.yaml",
      ]).requireSuccess()
      try workspace.git(["commit", "-q", "-m", "a submodule"]).requireSuccess()
      // An evaluation of 2 MB, over the size limit.
      let huge =
        "schema: 1\nsubject: llama2\nreviewer: huge\nframework: mof-1.0\ncriteria: {}\npad: \""
        + String(repeating: "x", count: 2 << 20) + "\"\n"
      try workspace.write("reviews/llama2/huge.yaml", huge)
      try workspace.git(["add", "reviews/llama2/huge.yaml"]).requireSuccess()
      try workspace.git(["commit", "-q", "-m", "a huge file"]).requireSuccess()
      let log = try workspace.review(["log"])
      #expect(log.status == 0, "\(log.stderr)")
      #expect(log.stdout.contains("llama2/bob datasets level: + closed"))
      #expect(log.stdout.contains("llama2/alice datasets level: + open"))
      // The subject itself names what is wrong with it.
      let shown = try workspace.review(["show", "llama2"])
      #expect(shown.status == 1)
      #expect(
        shown.stderr.contains("reviews/llama2/huge.yaml:1:1: error: file is"), "\(shown.stderr)")
    }
  }
}
