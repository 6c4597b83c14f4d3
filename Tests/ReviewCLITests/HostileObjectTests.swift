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

  /// A subject folder whose tree names alice's file twice: git accepts it (fsck flags it). Each
  /// command names the folder; other subjects read, and log goes on past the commit.
  @Test func aTreeThatNamesAFileTwiceIsNamedAndPassedOver() throws {
    try withLlamaRepository { workspace in
      try workspace.reviewAs("alice", ["score", "llama2", "datasets=open"]).requireSuccess()
      try workspace.review(["new", "pythia", "--framework", "mof-1.0", "--title", "Pythia"])
        .requireSuccess()
      try workspace.reviewAs("bob", ["score", "pythia", "datasets=closed"]).requireSuccess()
      let folder = try workspace.commitNamingTwice("alice.yaml", in: "llama2")
      let log = try workspace.review(["log"])
      #expect(log.status == 0, "\(log.stderr)")
      #expect(
        log.stderr.contains(
          "reviews/llama2 passed over: tree \(folder.prefix(7)) holds 'alice.yaml' twice"),
        "\(log.stderr)")
      #expect(!log.stdout.contains("twice"))
      #expect(log.stdout.contains("llama2/alice datasets level: + open"))
      let shown = try workspace.review(["show", "llama2", "--at", "HEAD"])
      #expect(shown.status == 1)
      #expect(
        shown.stderr.contains("tree reviews/llama2 holds 'alice.yaml' twice"), "\(shown.stderr)")
      let all = try workspace.review(["consensus", "--all", "--at", "HEAD"])
      #expect(all.stdout.contains("pythia") && all.stderr.contains("reviews/llama2"))
      let validated = try workspace.review(["validate", "--rev", "HEAD"])
      #expect(validated.status == 1)
      #expect(
        validated.stderr.contains("reviews/llama2:1:1: error: names 'alice.yaml' twice"),
        "\(validated.stderr)")
    }
  }

  /// A round tag on a blob breaks only that subject's rounds, and names the tag.
  @Test func aRoundTagOnABlobIsNamed() throws {
    try withLlamaRepository { workspace in
      try workspace.reviewAs("alice", ["score", "llama2", "datasets=open"]).requireSuccess()
      try workspace.review(["round", "llama2", "r1"]).requireSuccess()
      let blob = try workspace.plumbing(["hash-object", "-w", "--stdin"], input: "hello\n")
      try workspace.git(["tag", "-a", "-m", "x", "review/llama2/r2", blob]).requireSuccess()
      let rounds = try workspace.review(["rounds", "llama2"])
      #expect(
        rounds.status == 1
          && rounds.stderr == "error: tag review/llama2/r2 points at a blob, not a commit\n",
        "\(rounds.stderr)")
      try workspace.review(["new", "pythia", "--framework", "mof-1.0", "--title", "Pythia"])
        .requireSuccess()
      try workspace.review(["rounds", "pythia"]).requireSuccess()
    }
  }

  /// A commit message of 3 MiB is cut at its first MiB in log, with a warning naming the
  /// commit; the judgements it changed are shown.
  @Test func aHugeCommitMessageIsCutAndNamed() throws {
    try withLlamaRepository { workspace in
      try workspace.reviewAs("alice", ["score", "llama2", "datasets=open"]).requireSuccess()
      try workspace.reviewAs("bob", ["score", "llama2", "datasets=closed"]).requireSuccess()
      let line = String(repeating: "m", count: 1023) + "\n"
      // Bob's judgement, committed again with the huge message.
      try workspace.git(["reset", "-q", "--soft", "HEAD~1"]).requireSuccess()
      try workspace.commitTree(
        try workspace.plumbing(["write-tree"]),
        message: String(repeating: line, count: 3 << 10))
      let huge = try workspace.plumbing(["rev-parse", "--short=7", "HEAD"])
      let cut = try workspace.review(["log"])
      #expect(cut.status == 0)
      #expect(
        cut.stderr
          == "warning: commit \(huge): message of \(3 << 20) bytes shown up to its first MiB\n",
        "\(cut.stderr)")
      #expect(cut.stdout.contains("llama2/bob datasets level: + closed"))
      #expect(cut.stdout.utf8.count < (1 << 20) + 20_000)
    }
  }
}
