import Foundation
import TestSupport
import Testing

/// A plain `git merge` that stops on review files, taken up by `review conflicts`, `review
/// resolve` and `review merge --continue`.
@Suite struct GitMergeTakeUpTests {
  private let conflicting = (
    main: ["datasets=open", "model-card=closed"],
    other: ["datasets=restricted", "model-card=restricted", "--note", "model-card=theirs"]
  )

  @Test func conflictsListsThemResolveSettlesThemAndContinueCommits() throws {
    try withDivergedBranches(main: conflicting.main, other: conflicting.other) { workspace in
      let merge = try workspace.git(["merge", "other", "-m", "merge other"])
      #expect(merge.status == 1)
      let listed = try workspace.review(["conflicts", "--format", "json"]).requireSuccess()
      let conflicts = try #require(
        try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]])
      #expect(
        conflicts.map { "\($0["criterion"] as? String ?? "").\($0["field"] as? String ?? "")" } == [
          "datasets.level", "model-card.level",
        ])
      let text = try workspace.review(["conflicts"]).requireSuccess().stdout
      #expect(text.contains("llama2   alice     datasets    level  closed  open    restricted\n"))
      let status = try workspace.review(["status"]).requireSuccess().stdout
      #expect(
        status.contains(
          "a git merge is in progress with 2 review conflicts: see 'review conflicts', settle them with 'review resolve'"
        ))
      let json = try workspace.review(["status", "--format", "json"]).requireSuccess().json()
      #expect(
        (json["merge"] as? [String: Any]).map { "\($0["kind"]!) \($0["conflicts"]!)" } == "git 2")
      #expect(
        try workspace.review(["resolve", "llama2", "alice", "model-card", "--theirs"])
          .requireSuccess().stdout == "1 conflict left\n")
      // Not settled yet, so git still holds the file in conflict.
      #expect(
        try workspace.git(["status", "--porcelain"]).stdout == "UU reviews/llama2/alice.yaml\n")
      #expect(
        try workspace.review(["merge", "--continue"]).stderr
          == "error: 1 conflict left; see 'review conflicts'\n")
      try workspace.review([
        "resolve", "llama2", "alice", "datasets", "--level", "restricted", "--note", "agreed",
      ]).requireSuccess()
      // Settled: written and staged, so git's index has no conflict left.
      #expect(
        try workspace.git(["status", "--porcelain"]).stdout == "M  reviews/llama2/alice.yaml\n")
      let file = try workspace.read("reviews/llama2/alice.yaml")
      #expect(file.contains("  model-card:\n    level: restricted\n    note: theirs\n"))
      #expect(file.contains("  datasets:\n    level: restricted\n    note: agreed\n"))
      let done = try workspace.review(["merge", "--continue"]).requireSuccess()
      #expect(done.stdout.hasSuffix("] merge committed\n"))
      #expect(
        try workspace.git(["log", "-1", "--format=%s%n%P"]).stdout.hasPrefix("merge other\n"))
      #expect(
        try workspace.git(["log", "-1", "--format=%P"]).stdout.split(separator: " ").count == 2)
      #expect(try workspace.git(["status", "--porcelain"]).stdout.isEmpty)
      #expect(try workspace.git(["fsck", "--no-dangling"]).requireSuccess().stderr.isEmpty)
      #expect(!FileManager.default.fileExists(atPath: workspace.root + "/.git/MERGE_HEAD"))
      #expect(!FileManager.default.fileExists(atPath: workspace.root + "/.git/review/MERGE.json"))
      #expect(!(try workspace.review(["status"]).stdout.contains("merge is in progress")))
    }
  }

  @Test func gitCommitFinishesItAndAGitAbortLeavesNoStaleState() throws {
    try withDivergedBranches(main: conflicting.main, other: conflicting.other) { workspace in
      #expect(try workspace.git(["merge", "other"]).status == 1)
      // One settled: review keeps the other in its state.
      try workspace.review(["resolve", "llama2", "alice", "datasets", "--ours"]).requireSuccess()
      #expect(FileManager.default.fileExists(atPath: workspace.root + "/.git/review/MERGE.json"))
      // git ends its merge; review's state of it goes with it.
      try workspace.git(["merge", "--abort"]).requireSuccess()
      #expect(
        try workspace.review(["conflicts"]).stderr == "error: no review merge in progress\n")
      #expect(!(try workspace.review(["status"]).stdout.contains("merge is in progress")))
      // Both settled through review, then committed by git.
      #expect(try workspace.git(["merge", "other"]).status == 1)
      try workspace.review(["resolve", "llama2", "alice", "datasets", "--ours"]).requireSuccess()
      #expect(
        try workspace.review(["resolve", "llama2", "alice", "model-card", "--theirs"])
          .requireSuccess().stdout == "all conflicts resolved; run 'review merge --continue'\n")
      try workspace.git(["commit", "--no-edit"]).requireSuccess()
      #expect(try workspace.git(["log", "-1", "--format=%s"]).stdout == "Merge branch 'other'\n")
      #expect(try workspace.read("reviews/llama2/alice.yaml").contains("note: theirs"))
      #expect(!(try workspace.review(["status"]).stdout.contains("merge is in progress")))
      #expect(
        try workspace.review(["merge", "other"]).requireSuccess().stdout.contains("up to date"))
    }
  }

  @Test func aFileSettledWithGitAddIsNoLongerListed() throws {
    try withDivergedBranches(main: conflicting.main, other: conflicting.other) { workspace in
      #expect(try workspace.git(["merge", "other"]).status == 1)
      try workspace.review(["resolve", "llama2", "alice", "datasets", "--theirs"]).requireSuccess()
      try workspace.git(["add", "reviews/llama2/alice.yaml"]).requireSuccess()
      #expect(
        try workspace.review(["conflicts"]).requireSuccess().stdout
          == "no conflicts left; run 'review merge --continue'\n")
      try workspace.review(["merge", "--continue"]).requireSuccess()
      #expect(try workspace.git(["status", "--porcelain"]).stdout.isEmpty)
    }
  }

  /// `review merge` hands files outside reviews/ to git's merge state; its review conflicts are
  /// then settled the same way, and its message is the merge commit's.
  @Test func aReviewMergeWithOtherConflictsIsFinishedTheSameWay() throws {
    try withLlamaRepository { workspace in
      try workspace.write("notes.txt", "base\n")
      try workspace.git(["add", "notes.txt"]).requireSuccess()
      try workspace.git(["commit", "-qm", "notes"]).requireSuccess()
      try workspace.reviewAs("alice", ["score", "llama2", "model-card=open"]).requireSuccess()
      try workspace.git(["checkout", "-q", "-b", "other"]).requireSuccess()
      try workspace.write("notes.txt", "theirs\n")
      try workspace.git(["commit", "-qam", "theirs"]).requireSuccess()
      try workspace.reviewAs("alice", ["score", "llama2", "model-card=restricted"]).requireSuccess()
      try workspace.git(["checkout", "-q", "main"]).requireSuccess()
      try workspace.write("notes.txt", "ours\n")
      try workspace.git(["commit", "-qam", "ours"]).requireSuccess()
      try workspace.reviewAs("alice", ["score", "llama2", "model-card=closed"]).requireSuccess()
      let merge = try workspace.review(["merge", "other"])
      #expect(merge.status == 1)
      #expect(
        merge.stderr.contains(
          "CONFLICT (review): reviews/llama2/alice.yaml model-card level: base 'open', ours 'closed', theirs 'restricted'"
        ))
      // The review file holds our side, without markers, until it is settled.
      let held = try workspace.read("reviews/llama2/alice.yaml")
      #expect(!held.contains("<<<<<<<") && held.contains("level: closed"))
      #expect(try workspace.review(["conflicts"]).requireSuccess().stdout.contains("model-card"))
      try workspace.review(["resolve", "llama2", "alice", "model-card", "--theirs"])
        .requireSuccess()
      #expect(
        try workspace.review(["merge", "--continue"]).stderr
          == "error: 1 file outside the review files still in conflict (notes.txt); fix them and 'git add' them first\n"
      )
      try workspace.write("notes.txt", "both\n")
      try workspace.git(["add", "notes.txt"]).requireSuccess()
      try workspace.review(["merge", "--continue"]).requireSuccess()
      #expect(try workspace.git(["log", "-1", "--format=%s"]).stdout == "Merge branch 'other'\n")
      #expect(try workspace.read("reviews/llama2/alice.yaml").contains("level: restricted"))
      #expect(try workspace.git(["status", "--porcelain"]).stdout.isEmpty)
    }
  }
}
