import Foundation
import TestSupport
import Testing

@Suite struct MergeCommandTests {
  @Test func aCleanMergeCommitsBothParentsAndEqualsPlainGitMerge() throws {
    try withDivergedBranches(
      main: ["model-card=restricted"],
      other: ["datasets=restricted", "--evidence", "datasets=https://x.example"]
    ) { workspace in
      let head = try workspace.git(["rev-parse", "HEAD"]).stdout.trimmingCharacters(in: .newlines)
      // Plain git merge with the driver, on a throwaway branch from the same point.
      try workspace.git(["checkout", "-q", "-b", "plain"]).requireSuccess()
      try workspace.git(["merge", "-q", "other", "-m", "plain merge"]).requireSuccess()
      let plainTree = try workspace.git(["rev-parse", "HEAD^{tree}"]).stdout
      try workspace.git(["checkout", "-q", "main"]).requireSuccess()
      let merged = try workspace.review(["merge", "other"]).requireSuccess()
      #expect(merged.stdout.hasSuffix("merged other\n"))
      let parents = try workspace.git(["log", "-1", "--format=%P %s"]).stdout
      #expect(parents.hasPrefix(head + " ") && parents.hasSuffix("Merge branch 'other'\n"))
      #expect(try workspace.git(["rev-parse", "HEAD^{tree}"]).stdout == plainTree)
      #expect(
        try workspace.read("reviews/llama2/alice.yaml").contains(
          "  datasets:\n    level: restricted\n    evidence:\n      - https://x.example\n"))
      #expect(try workspace.git(["status", "--porcelain"]).stdout.isEmpty)
      #expect(try workspace.git(["fsck", "--strict"]).status == 0)
      #expect(
        try workspace.review(["merge", "other"]).requireSuccess().stdout == "Already up to date.\n")
    }
  }

  /// A subject file's conflict belongs to no reviewer: `conflicts` shows `subject` (and JSON no
  /// reviewer), and `resolve SUBJECT subject` settles it.
  @Test func aSubjectFileConflictIsResolvedAsSubject() throws {
    try withDivergedBranches(main: ["datasets=open"], other: ["datasets=open"]) { workspace in
      func retitle(_ title: String) throws {
        let path = "reviews/llama2/subject.yaml"
        let text = try workspace.read(path)
        try workspace.write(
          path, text.replacingOccurrences(of: "title: Llama 2 7B", with: "title: \(title)"))
        try workspace.git(["commit", "-q", "-am", "retitle"]).requireSuccess()
      }
      try retitle("Llama 2 (main)")
      try workspace.git(["checkout", "-q", "other"]).requireSuccess()
      try retitle("Llama 2 (other)")
      try workspace.git(["checkout", "-q", "main"]).requireSuccess()
      #expect(try workspace.review(["merge", "other"]).status == 1)
      let status = try workspace.review(["status"]).requireSuccess().stdout
      #expect(status.contains("a review merge is in progress with 1 conflict"), "\(status)")
      let statusJSON = try workspace.review(["status", "--format", "json"]).json()
      #expect((statusJSON["merge"] as? [String: Any])?["conflicts"] as? Int == 1)
      let table = try workspace.review(["conflicts"]).requireSuccess().stdout
      #expect(table.contains("llama2   subject   -          title"), "\(table)")
      let json = try workspace.review(["conflicts", "--format", "json"]).requireSuccess().stdout
      #expect(json.contains("\"field\" : \"title\"") && !json.contains("\"reviewer\""), "\(json)")
      try workspace.review(["resolve", "llama2", "subject", "--theirs"]).requireSuccess()
      try workspace.review(["merge", "--continue"]).requireSuccess()
      #expect(try workspace.read("reviews/llama2/subject.yaml").contains("title: Llama 2 (other)"))
    }
  }

  /// A branch whose template does not validate would stop every command once merged: it is
  /// refused, naming the file and position, with nothing merged.
  @Test func aBranchWithABrokenTemplateIsNotMerged() throws {
    try withDivergedBranches(main: ["datasets=open"], other: ["model-card=restricted"]) {
      workspace in
      try workspace.git(["checkout", "-q", "other"]).requireSuccess()
      let path = "templates/mof-1.0.yaml"
      try workspace.write(
        path,
        try workspace.read(path).replacingOccurrences(of: "kind: ordinal", with: "kind: fuzzy"))
      try workspace.git(["commit", "-q", "-am", "a broken template"]).requireSuccess()
      try workspace.git(["checkout", "-q", "main"]).requireSuccess()
      let head = try workspace.git(["rev-parse", "HEAD"]).stdout
      let result = try workspace.review(["merge", "other"])
      #expect(result.status == 1)
      #expect(
        result.stderr.hasPrefix(
          "error: other brings settings or templates that do not validate; nothing merged:\n"
            + "templates/mof-1.0.yaml:"), "\(result.stderr)")
      #expect(result.stderr.contains("scale kind 'fuzzy' is not one of nominal, ordinal, interval"))
      #expect(try workspace.git(["rev-parse", "HEAD"]).stdout == head)
      #expect(try workspace.git(["status", "--porcelain"]).stdout.isEmpty)
    }
  }

  @Test func aReviewerCannotBeNamedSubject() throws {
    try withLlamaRepository { workspace in
      let result = try workspace.review([
        "score", "llama2", "datasets=open", "--reviewer", "subject",
      ])
      #expect(result.status == 1)
      #expect(
        result.stderr
          == "error: invalid reviewer id 'subject': subject.yaml is a subject's own file\n")
      #expect(try workspace.read("reviews/llama2/subject.yaml").contains("id: llama2"))
    }
  }

  @Test func conflictsWaitForResolveAndContinue() throws {
    try withDivergedBranches(
      main: ["datasets=open", "model-card=closed"],
      other: ["datasets=restricted", "model-card=restricted", "--note", "model-card=theirs"]
    ) { workspace in
      let head = try workspace.git(["rev-parse", "HEAD"]).stdout
      let merge = try workspace.review(["merge", "other"])
      #expect(merge.status == 1)
      #expect(
        merge.stderr.contains(
          "CONFLICT (review): reviews/llama2/alice.yaml datasets level: base 'closed', ours 'open', theirs 'restricted'"
        ))
      // Nothing was committed or written.
      #expect(try workspace.git(["rev-parse", "HEAD"]).stdout == head)
      #expect(try workspace.git(["status", "--porcelain"]).stdout.isEmpty)
      let listed = try workspace.review(["conflicts", "--format", "json"]).requireSuccess().stdout
      let conflicts = try #require(
        try JSONSerialization.jsonObject(with: Data(listed.utf8)) as? [[String: Any]])
      #expect(
        conflicts.map { "\($0["criterion"] as? String ?? "").\($0["field"] as? String ?? "")" } == [
          "datasets.level", "model-card.level",
        ])
      #expect(
        try workspace.review(["merge", "--continue"]).stderr
          == "error: 2 conflicts left; see 'review conflicts'\n")
      #expect(
        try workspace.review(["merge", "main"]).stderr.hasPrefix("error: a merge is in progress"))
      try workspace.review([
        "resolve", "llama2", "alice", "datasets", "--level", "restricted", "--note",
        "settled on the call",
      ]).requireSuccess()
      try workspace.review(["resolve", "llama2", "alice", "model-card", "--theirs"])
        .requireSuccess()
      #expect(
        try workspace.review(["resolve", "llama2", "alice", "model-card", "--ours"]).stderr
          == "error: no conflict in reviews/llama2/alice.yaml for 'model-card'\n")
      try workspace.review(["merge", "--continue"]).requireSuccess()
      let text = try workspace.read("reviews/llama2/alice.yaml")
      #expect(text.contains("  model-card:\n    level: restricted\n    note: theirs\n"))
      #expect(text.contains("  datasets:\n    level: restricted\n    note: settled on the call\n"))
      #expect(
        try workspace.git(["log", "-1", "--format=%P"]).stdout.split(separator: " ").count == 2)
    }
  }

  /// Both sides change a field of the evaluation itself (one the tool does not know) and a
  /// judgement: without a criterion, resolve settles the evaluation's own fields.
  @Test func conflictsOfTheEvaluationsOwnFieldsResolve() throws {
    try withDivergedBranches(main: ["datasets=open"], other: ["datasets=restricted"]) { workspace in
      func setRound(_ round: String, on branch: String) throws {
        try workspace.git(["checkout", "-q", branch]).requireSuccess()
        let text = try workspace.read("reviews/llama2/alice.yaml")
        try workspace.write("reviews/llama2/alice.yaml", text + "round: \(round)\n")
        try workspace.git(["commit", "-q", "-am", "round \(round)"]).requireSuccess()
      }
      try setRound("2", on: "other")
      try setRound("3", on: "main")
      #expect(try workspace.review(["merge", "other"]).status == 1)
      let conflicts = try workspace.review(["conflicts"]).requireSuccess().stdout
      #expect(
        conflicts.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }.contains(
          ["llama2", "alice", "-", "round", "(none)", "3", "2"]))
      #expect(
        try workspace.review(["resolve", "llama2", "alice", "--level", "open"]).stderr
          == "error: values settle a criterion's fields; give the criterion, or use --ours or --theirs\n"
      )
      try workspace.review(["resolve", "llama2", "alice", "--theirs"]).requireSuccess()
      try workspace.review(["resolve", "llama2", "alice", "datasets", "--ours"]).requireSuccess()
      try workspace.review(["merge", "--continue"]).requireSuccess()
      let text = try workspace.read("reviews/llama2/alice.yaml")
      #expect(text.contains("round: 2\n") && text.contains("  datasets:\n    level: open\n"))
    }
  }

  @Test func abortLeavesEverythingAsItWas() throws {
    try withDivergedBranches(main: ["datasets=open"], other: ["datasets=restricted"]) { workspace in
      let head = try workspace.git(["rev-parse", "HEAD"]).stdout
      #expect(try workspace.review(["merge", "other"]).status == 1)
      try workspace.review(["merge", "--abort"]).requireSuccess()
      #expect(try workspace.git(["rev-parse", "HEAD"]).stdout == head)
      #expect(try workspace.review(["conflicts"]).stderr == "error: no review merge in progress\n")
      #expect(try workspace.review(["merge", "--abort"]).stderr == "error: no merge in progress\n")
    }
  }

  @Test func otherFilesConflictAsInGit() throws {
    try withLlamaRepository { workspace in
      try workspace.write("notes.txt", "base\n")
      try workspace.git(["add", "notes.txt"]).requireSuccess()
      try workspace.git(["commit", "-qm", "notes"]).requireSuccess()
      try workspace.git(["checkout", "-q", "-b", "other"]).requireSuccess()
      try workspace.write("notes.txt", "theirs\n")
      try workspace.git(["commit", "-qam", "theirs"]).requireSuccess()
      try workspace.git(["checkout", "-q", "main"]).requireSuccess()
      try workspace.write("notes.txt", "ours\n")
      try workspace.git(["commit", "-qam", "ours"]).requireSuccess()
      let merge = try workspace.review(["merge", "other"])
      #expect(merge.status == 1 && merge.stderr.hasPrefix("CONFLICT (content): notes.txt\n"))
      #expect(try workspace.git(["status", "--porcelain"]).stdout == "UU notes.txt\n")
      #expect(try workspace.read("notes.txt").contains("<<<<<<<"))
      try workspace.review(["merge", "--abort"]).requireSuccess()
      #expect(try workspace.git(["status", "--porcelain"]).stdout.isEmpty)
      #expect(try workspace.read("notes.txt") == "ours\n")
    }
  }

  @Test func fastForwardAndADirtyTree() throws {
    try withLlamaRepository { workspace in
      try workspace.git(["checkout", "-q", "-b", "ahead"]).requireSuccess()
      try workspace.reviewAs("bob", ["score", "llama2", "datasets=open"]).requireSuccess()
      let ahead = try workspace.git(["rev-parse", "HEAD"]).stdout
      try workspace.git(["checkout", "-q", "main"]).requireSuccess()
      try workspace.write("review.yaml", "schema: 1\n# edited\n")
      #expect(
        try workspace.review(["merge", "ahead"]).stderr
          == "error: review.yaml has uncommitted changes; commit or stash them before merging\n")
      try workspace.git(["checkout", "review.yaml"]).requireSuccess()
      #expect(
        try workspace.review(["merge", "ahead"]).requireSuccess().stdout.hasPrefix(
          "Fast-forward to "))
      #expect(try workspace.git(["rev-parse", "HEAD"]).stdout == ahead)
      #expect(try workspace.read("reviews/llama2/bob.yaml").contains("level: open"))
    }
  }
}

@Suite struct MergeStateTests {
  @Test func aCorruptedMergeStateIsRefusedNotTrusted() throws {
    try withLlamaRepository { workspace in
      try workspace.write(
        ".git/review/MERGE.json", #"{"ours": "nope", "theirs": "x", "message": "m", "files": []}"#)
      let result = try workspace.review(["merge", "--continue"])
      #expect(result.status == 1)
      #expect(
        result.stderr.hasSuffix("MERGE.json: unreadable merge state; run 'review merge --abort'\n"))
      try workspace.write(".git/review/MERGE.json", "not json")
      #expect(
        try workspace.review(["conflicts"]).stderr.hasSuffix(
          "unreadable merge state; run 'review merge --abort'\n"))
      try workspace.review(["merge", "--abort"]).requireSuccess()
      #expect(!FileManager.default.fileExists(atPath: workspace.root + "/.git/review/MERGE.json"))
    }
  }
}
