import Foundation
import TestSupport
import Testing

@Suite struct MergeDriverTests {
  /// `git merge` runs `review merge-driver` found on PATH.
  private func withDriver(_ body: (Workspace) throws -> Void) throws {
    try withLlamaRepository { base in
      var workspace = base
      let folder = (reviewBinary as NSString).deletingLastPathComponent
      workspace.environment["PATH"] =
        folder + ":" + (workspace.environment["PATH"] ?? "/usr/bin:/bin")
      try body(workspace)
    }
  }

  @Test func initInstallsTheDriver() throws {
    try withDriver { workspace in
      #expect(
        try workspace.read(".gitattributes")
          == "reviews/**/*.yaml merge=review\nreviews/*/sealed/*.age merge=review -diff\n")
      #expect(
        try workspace.git(["config", "merge.review.driver"]).stdout
          == "review merge-driver %O %A %B %P\n")
      #expect(
        try workspace.git(["check-attr", "merge", "reviews/llama2/alice.yaml"]).stdout
          == "reviews/llama2/alice.yaml: merge: review\n")
      // A clone has no local config: review init there sets it and changes nothing else.
      let clone = workspace.home + "/clone"
      try gitProgram(
        ["clone", "-q", workspace.root, clone], in: workspace.home,
        environment: workspace.environment
      ).requireSuccess()
      #expect(
        try gitProgram(
          ["config", "merge.review.driver"], in: clone, environment: workspace.environment
        ).status == 1)
      try workspace.review(["init"], in: clone).requireSuccess()
      #expect(
        try gitProgram(
          ["config", "merge.review.driver"], in: clone, environment: workspace.environment
        ).status == 0)
      #expect(
        try gitProgram(["status", "--porcelain"], in: clone, environment: workspace.environment)
          .stdout.isEmpty)
    }
  }

  @Test func plainGitMergeMergesEvaluationsByMeaning() throws {
    try withDriver { workspace in
      try workspace.reviewAs(
        "alice",
        [
          "score", "llama2", "datasets=closed", "model-card=open", "--evidence",
          "datasets=https://a.example",
        ]
      ).requireSuccess()
      try workspace.git(["checkout", "-q", "-b", "other"]).requireSuccess()
      try workspace.reviewAs(
        "alice",
        [
          "score", "llama2", "datasets=restricted", "--evidence", "datasets=https://b.example",
          "--drop-evidence", "datasets=https://a.example",
        ]
      ).requireSuccess()
      try workspace.git(["checkout", "-q", "main"]).requireSuccess()
      try workspace.reviewAs(
        "alice",
        [
          "score", "llama2", "model-card=restricted", "--note", "model-card=looked again",
          "--evidence", "datasets=https://c.example",
        ]
      ).requireSuccess()
      try workspace.git(["merge", "-q", "other", "-m", "merge other"]).requireSuccess()
      #expect(
        try workspace.read("reviews/llama2/alice.yaml") == """
          schema: 1
          subject: llama2
          reviewer: alice
          framework: mof-1.0
          criteria:
            model-card:
              level: restricted
              note: looked again
            datasets:
              level: restricted
              evidence:
                - https://c.example
                - https://b.example

          """)
      #expect(try workspace.git(["status", "--porcelain"]).stdout.isEmpty)
    }
  }

  @Test func aConflictStopsGitWithoutMarkers() throws {
    try withDriver { workspace in
      try workspace.reviewAs("alice", ["score", "llama2", "model-card=restricted"]).requireSuccess()
      try workspace.git(["checkout", "-q", "-b", "other"]).requireSuccess()
      try workspace.reviewAs("alice", ["score", "llama2", "model-card=open"]).requireSuccess()
      try workspace.git(["checkout", "-q", "main"]).requireSuccess()
      try workspace.reviewAs("alice", ["score", "llama2", "model-card=closed"]).requireSuccess()
      let merge = try workspace.git(["merge", "other", "-m", "merge other"])
      #expect(merge.status == 1)
      #expect(
        merge.stderr.contains(
          "CONFLICT (review): reviews/llama2/alice.yaml model-card level: base 'restricted', ours 'closed', theirs 'open'"
        ))
      let text = try workspace.read("reviews/llama2/alice.yaml")
      #expect(!text.contains("<<<<<<<") && text.contains("level: closed"))
      #expect(
        try workspace.git(["status", "--porcelain"]).stdout == "UU reviews/llama2/alice.yaml\n")
    }
  }

  /// A side that does not fit the frameworks (one the repository lacks, or a level its
  /// template lacks) stops git with the file, side and problem named; OURS is left as it was.
  @Test func aSideThatDoesNotFitTheFrameworkStopsGit() throws {
    try withDriver { workspace in
      try workspace.reviewAs("alice", ["score", "llama2", "model-card=restricted"]).requireSuccess()
      try workspace.git(["checkout", "-q", "-b", "other"]).requireSuccess()
      let committed = try workspace.read("reviews/llama2/alice.yaml")
      try workspace.write(
        "reviews/llama2/alice.yaml",
        committed.replacingOccurrences(of: "framework: mof-1.0", with: "framework: nonesuch-1.0"))
      try workspace.git(["commit", "-q", "-am", "a framework the repository lacks"])
        .requireSuccess()
      try workspace.git(["checkout", "-q", "main"]).requireSuccess()
      try workspace.reviewAs("alice", ["score", "llama2", "datasets=closed"]).requireSuccess()
      let ours = try workspace.read("reviews/llama2/alice.yaml")
      let merge = try workspace.git(["merge", "other", "-m", "merge other"])
      #expect(merge.status == 1)
      #expect(
        merge.stderr.contains("reviews/llama2/alice.yaml (theirs):")
          && merge.stderr.contains("unknown framework 'nonesuch-1.0'"), "\(merge.stderr)")
      #expect(try workspace.read("reviews/llama2/alice.yaml") == ours)
    }
  }

  @Test func theDriverRefusesFilesThatAreNotReviewFiles() throws {
    try withDriver { workspace in
      try workspace.write("a", "x")
      let result = try workspace.review(["merge-driver", "a", "a", "a", "notes/x.yaml"])
      #expect(
        result.status == 1
          && result.stderr
            == "error: notes/x.yaml: not a review file (reviews/<subject>/<file>.yaml)\n"
      )
    }
  }
}
