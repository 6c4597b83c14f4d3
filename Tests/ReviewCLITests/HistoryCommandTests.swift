import Foundation
import TestSupport
import Testing

@Suite struct HistoryCommandTests {
  /// alice scores, bob scores, alice revises one level and adds evidence, someone commits an
  /// unrelated file.
  private func withHistory(_ body: (Workspace) throws -> Void) throws {
    try withLlamaRepository { workspace in
      try workspace.reviewAs(
        "alice", ["score", "llama2", "datasets=closed", "model-card=open"],
        date: "2024-11-01T10:00:00Z"
      ).requireSuccess()
      try workspace.reviewAs(
        "bob", ["score", "llama2", "datasets=restricted", "model-card=open"],
        date: "2024-11-02T10:00:00Z"
      ).requireSuccess()
      try workspace.reviewAs(
        "alice",
        [
          "score", "llama2", "datasets=restricted", "--evidence",
          "datasets=https://example.org/data", "-m", "alice revises datasets",
        ], date: "2024-11-03T10:00:00Z"
      ).requireSuccess()
      try workspace.write("NOTES.md", "minutes\n")
      try workspace.git(["add", "NOTES.md"]).requireSuccess()
      try workspace.git(["commit", "-q", "-m", "minutes"]).requireSuccess()
      try body(workspace)
    }
  }

  @Test func logListsJudgementChangesPerCommit() throws {
    try withHistory { workspace in
      let data = try workspace.review(["log", "--format", "json"]).requireSuccess().stdout
      let entries = try #require(
        try JSONSerialization.jsonObject(with: Data(data.utf8)) as? [[String: Any]])
      // The unrelated commit and the subject's creation change no judgement.
      #expect(
        entries.map { $0["message"] as? String } == [
          "alice revises datasets", "score llama2 (bob): model-card=open, datasets=restricted",
          "score llama2 (alice): model-card=open, datasets=closed",
        ])
      let revision = try #require(entries.first?["changes"] as? [[String: Any]])
      #expect(revision.count == 2)
      #expect(
        revision[0]["criterion"] as? String == "datasets"
          && revision[0]["field"] as? String == "level")
      #expect(
        revision[0]["old"] as? String == "closed" && revision[0]["new"] as? String == "restricted")
      #expect(
        revision[1]["field"] as? String == "evidence"
          && revision[1]["new"] as? String == "https://example.org/data")
      #expect(
        entries.first?["author"] as? String == "Alice"
          && entries.first?["date"] as? String == "2024-11-03T10:00:00+00:00")
      let bobOnly = try workspace.review(["log", "llama2", "--reviewer", "bob"]).requireSuccess()
        .stdout
      #expect(
        bobOnly.contains("llama2/bob datasets level: + restricted")
          && !bobOnly.contains("llama2/alice"))
      let since = try workspace.review(["log", "--since", "HEAD~2", "--format", "json"])
        .requireSuccess().stdout
      #expect((try JSONSerialization.jsonObject(with: Data(since.utf8)) as? [Any])?.count == 1)
      #expect(
        try workspace.review(["log", "--since", "nope"]).stderr
          == "error: 'nope' is neither a date nor a revision\n")
      // Dates as git log takes them, against the committer date.
      func count(_ arguments: [String]) throws -> Int? {
        let out = try workspace.review(["log", "--format", "json"] + arguments).requireSuccess()
        return (try JSONSerialization.jsonObject(with: Data(out.stdout.utf8)) as? [Any])?.count
      }
      let all = try count([])
      #expect(try count(["--since", "2024-11-03T10:00:00+00:00"]) == 1)
      #expect(try count(["--until", "2024-11-03 09:59"]) == (all ?? 0) - 1)
      #expect(try count(["--since", "2000-01-01", "--until", "now"]) == all)
      #expect(try count(["--until", "2000-01-01"]) == 0)
      #expect(try count(["-n", "1"]) == 1)
      #expect(try count(["--max-count", "0"]) == 0)
      let oneline = try workspace.review(["log", "--oneline", "-n", "2"]).requireSuccess().stdout
      #expect(oneline.split(separator: "\n").count == 2, "\(oneline)")
      #expect(
        try workspace.review(["log", "--reviewer", "zed"]).stderr
          == "error: 'zed' has no evaluation in this history\n")
    }
  }

  /// A commit whose reviews/ folder is a tree object that does not parse: log names the object
  /// in one line and exits 1, writing nothing to standard output.
  @Test func logRefusesAMalformedTree() throws {
    try withHistory { workspace in
      try workspace.write("garbage", "100644 no-nul-and-no-id")
      let bad = try workspace.git(["hash-object", "-t", "tree", "--literally", "-w", "garbage"])
        .requireSuccess().stdout.trimmingCharacters(in: .newlines)
      let root = try run(
        "/usr/bin/git", ["mktree", "--missing"], in: workspace.root,
        environment: workspace.environment, input: "040000 tree \(bad)\treviews\n"
      ).requireSuccess().stdout.trimmingCharacters(in: .newlines)
      let commit = try workspace.git(["commit-tree", root, "-p", "HEAD", "-m", "broken"])
        .requireSuccess().stdout.trimmingCharacters(in: .newlines)
      try workspace.git(["update-ref", "refs/heads/main", commit]).requireSuccess()
      let result = try workspace.review(["log", "--format", "json"])
      #expect(result.status == 1)
      #expect(
        result.stderr
          == "error: object \(bad.prefix(7)) is not a well-formed tree; run 'git fsck'\n")
      #expect(result.stdout.isEmpty)
    }
  }

  @Test func diffBetweenReviewersRevisionsAndTheWorkingTree() throws {
    try withHistory { workspace in
      let reviewers = try workspace.review(["diff", "llama2", "alice", "bob", "--format", "json"])
        .requireSuccess().stdout
      let differences = try #require(
        try JSONSerialization.jsonObject(with: Data(reviewers.utf8)) as? [[String: Any]])
      #expect(differences.count == 1)
      #expect(
        differences[0]["field"] as? String == "evidence"
          && differences[0]["a"] as? String == "https://example.org/data")
      let revisions = try workspace.review(["diff", "llama2", "HEAD~3", "HEAD"]).requireSuccess()
        .stdout
      #expect(
        revisions == """
          llama2/alice datasets level: closed -> restricted
          llama2/alice datasets evidence: + https://example.org/data
          llama2/bob model-card level: + open
          llama2/bob datasets level: + restricted

          """)
      // Against the working tree: an uncommitted edit shows up.
      let text = try workspace.read("reviews/llama2/bob.yaml").replacingOccurrences(
        of: "level: restricted", with: "level: open")
      try workspace.write("reviews/llama2/bob.yaml", text)
      #expect(
        try workspace.review(["diff", "HEAD"]).requireSuccess().stdout
          == "llama2/bob datasets level: restricted -> open\n")
    }
  }

  @Test func blameNamesTheCommitThatSetEachJudgement() throws {
    try withHistory { workspace in
      let data = try workspace.review(["blame", "llama2", "alice", "--format", "json"])
        .requireSuccess().stdout
      let lines = try #require(
        try JSONSerialization.jsonObject(with: Data(data.utf8)) as? [[String: Any]])
      let revision = try workspace.git(["rev-parse", "HEAD~1"]).stdout.trimmingCharacters(
        in: .newlines)
      let first = try workspace.git(["rev-parse", "HEAD~3"]).stdout.trimmingCharacters(
        in: .newlines)
      #expect(lines.map { $0["criterion"] as? String } == ["model-card", "datasets"])
      #expect(lines[0]["commit"] as? String == first)
      // The author as log gives it: the name, and the e-mail apart.
      #expect(lines[0]["author"] as? String == "Alice")
      #expect(lines[0]["email"] as? String == "alice@example.org")
      #expect(
        lines[1]["commit"] as? String == revision && lines[1]["level"] as? String == "restricted")
      let missing = try workspace.review(["blame", "llama2", "zed"])
      #expect(
        missing.status == 1 && missing.stderr == "error: 'zed' has no evaluation of 'llama2'\n")
    }
  }
}

@Suite struct RoundTests {
  @Test func roundsTagTheStateAndTheReportShowsConvergence() throws {
    try withLlamaRepository { workspace in
      try workspace.reviewAs("alice", ["score", "llama2", "datasets=open", "model-card=open"])
        .requireSuccess()
      try workspace.reviewAs("bob", ["score", "llama2", "datasets=closed", "model-card=open"])
        .requireSuccess()
      let first = try workspace.review(["round", "llama2", "draft-1", "-m", "after the first call"])
        .requireSuccess()
      #expect(first.stdout.hasSuffix("round draft-1 of llama2: tag review/llama2/draft-1\n"))
      try workspace.reviewAs("alice", ["score", "llama2", "datasets=closed"]).requireSuccess()
      try workspace.review(["round", "llama2", "draft-2"]).requireSuccess()
      // git sees annotated tags by the committer.
      let tag = try workspace.git(["cat-file", "-p", "review/llama2/draft-1"]).stdout
      #expect(
        tag.contains(
          "type commit\ntag review/llama2/draft-1\ntagger Test Runner <runner@example.org>"))
      #expect(tag.hasSuffix("\nafter the first call\n"))
      // Rounds are never moved, names are ids, subjects must exist.
      #expect(
        try workspace.review(["round", "llama2", "draft-2"]).stderr
          == "error: round 'draft-2' of 'llama2' exists already (tag review/llama2/draft-2)\n")
      #expect(try workspace.review(["round", "llama2", "Draft 3"]).status == 1)
      #expect(
        try workspace.review(["round", "nosuch", "x"]).stderr.hasPrefix(
          "error: unknown subject 'nosuch'"))
      let data = try workspace.review(["rounds", "llama2", "--format", "json"]).requireSuccess()
        .stdout
      let listing = try #require(
        try JSONSerialization.jsonObject(with: Data(data.utf8)) as? [String: Any])
      let rounds = try #require(listing["rounds"] as? [[String: Any]])
      #expect(rounds.map { $0["name"] as? String } == ["draft-1", "draft-2"])
      #expect(rounds.map { $0["contested"] as? Int } == [1, 0])
      #expect(rounds[1]["alpha"] as? Double == 1)
      let changes = try #require(rounds[1]["changes"] as? [[String: Any]])
      #expect(
        changes.count == 1 && changes[0]["old"] as? String == "open"
          && changes[0]["new"] as? String == "closed")
      let markdown = try workspace.review(["report", "llama2"]).requireSuccess().stdout
      #expect(
        markdown.contains("## Rounds") && markdown.contains("- alice datasets level: open → closed")
      )
      let html = try workspace.review(["report", "llama2", "--format", "html"]).requireSuccess()
        .stdout
      #expect(html.contains("aria-label=\"alpha and contested criteria per round\""))
      // A report at the first round knows nothing of the second.
      let early = try workspace.review([
        "report", "llama2", "--at", "review/llama2/draft-1", "--format", "json",
      ]).requireSuccess().json()
      #expect((early["rounds"] as? [[String: Any]])?.map { $0["name"] as? String } == ["draft-1"])
    }
  }
}
