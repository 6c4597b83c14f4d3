import Foundation
import TestSupport
import Testing

/// The README's walkthrough, run through the built binary as a new user would.
@Suite struct WalkthroughTests {
  @Test func twoReviewersScoreAndStatusShowsBoth() throws {
    try withTemporaryFolder { folder in
      let workspace = try Workspace(folder)
      let initialized = try workspace.review(["init"]).requireSuccess()
      #expect(initialized.stdout.hasPrefix("Initialized review repository in "))
      try workspace.review([
        "new", "llama2", "--title", "Llama 2 7B", "--link",
        "https://huggingface.co/meta-llama/Llama-2-7b-hf",
      ]).requireSuccess()
      // An unrelated file, staged and then modified again, must stay exactly so.
      try workspace.write("notes.txt", "draft\n")
      try workspace.git(["add", "notes.txt"]).requireSuccess()
      try workspace.write("notes.txt", "draft, edited\n")
      let before = try workspace.git(["status", "--porcelain"]).stdout

      try workspace.reviewAs(
        "alice",
        [
          "score", "llama2", "datasets=closed", "model-parameters-final=restricted",
          "--license", "model-parameters-final=LicenseRef-Llama-2-Community",
          "--evidence", "model-parameters-final=https://ai.meta.com/llama/license/",
          "--note", "model-parameters-final=Weights need acceptance of Meta's community license.",
          "--confidence", "model-parameters-final=high",
        ], date: "2024-10-28T10:00:00+01:00"
      ).requireSuccess()
      try workspace.reviewAs(
        "bob",
        [
          "score", "llama2", "datasets=closed", "model-parameters-final=open", "model-card=open",
        ], date: "2024-10-28T11:00:00+01:00"
      ).requireSuccess()

      let status = try workspace.review(["status", "--format", "json"]).requireSuccess().json()
      let subjects = try #require(status["subjects"] as? [[String: Any]])
      #expect(subjects.count == 1)
      let reviewers = try #require(subjects[0]["reviewers"] as? [[String: Any]])
      #expect(reviewers.map { $0["reviewer"] as? String } == ["alice", "bob"])
      #expect(reviewers.map { $0["judged"] as? Int } == [2, 3])
      #expect((subjects[0]["unjudged"] as? [String])?.count == 14)
      #expect(
        status["revision"] as? String
          == (try workspace.git(["rev-parse", "HEAD"]).stdout.trimmingCharacters(in: .newlines)))

      // One commit per write, authored by each reviewer, each touching one file.
      let log = try workspace.git(["log", "--format=@@%an <%ae>|%cn|%s", "--name-only"]).stdout
      let commits = log.components(separatedBy: "@@").dropFirst().map {
        $0.replacingOccurrences(of: "\n\n", with: "\n").trimmingCharacters(in: .newlines)
      }
      #expect(commits.count == 4)
      #expect(commits[0].hasPrefix("Bob <bob@example.org>|Test Runner|score llama2 (bob): "))
      #expect(commits[0].hasSuffix("\nreviews/llama2/bob.yaml"))
      #expect(commits[1].hasPrefix("Alice <alice@example.org>|Test Runner|score llama2 (alice): "))
      #expect(commits[1].hasSuffix("\nreviews/llama2/alice.yaml"))
      #expect(commits[2].hasSuffix("\nreviews/llama2/subject.yaml"))
      let dates = try workspace.git(["log", "-2", "--format=%ad", "--date=iso-strict"]).stdout
      #expect(dates == "2024-10-28T11:00:00+01:00\n2024-10-28T10:00:00+01:00\n")

      #expect(try workspace.git(["fsck", "--strict"]).status == 0)
      #expect(try workspace.git(["status", "--porcelain"]).stdout == before)
      #expect(try workspace.read("notes.txt") == "draft, edited\n")
      #expect(
        try workspace.read("reviews/llama2/alice.yaml") == """
          schema: 1
          subject: llama2
          reviewer: alice
          framework: mof-1.0
          criteria:
            model-parameters-final:
              level: restricted
              license: LicenseRef-Llama-2-Community
              evidence:
                - https://ai.meta.com/llama/license/
              note: Weights need acceptance of Meta's community license.
              confidence: high
            datasets:
              level: closed

          """)
    }
  }

  @Test func objectIDsAreStableForFixedDates() throws {
    var heads: [String] = []
    for _ in 0..<2 {
      try withLlamaRepository { workspace in
        try workspace.reviewAs(
          "alice", ["score", "llama2", "datasets=open"], date: "2024-01-01T00:00:00Z"
        ).requireSuccess()
        heads.append(try workspace.git(["rev-parse", "HEAD"]).stdout)
      }
    }
    #expect(heads[0] == heads[1])
  }

  @Test func showReadsAnyRevision() throws {
    try withLlamaRepository { workspace in
      try workspace.reviewAs("alice", ["score", "llama2", "datasets=open"]).requireSuccess()
      try workspace.reviewAs(
        "alice",
        ["score", "llama2", "datasets=closed", "--note", "datasets=Only described in the paper."]
      ).requireSuccess()
      let now = try workspace.review(["show", "llama2", "alice", "--format", "json"])
        .requireSuccess().json()
      let then = try workspace.review([
        "show", "llama2", "alice", "--at", "HEAD~1", "--format", "json",
      ]).requireSuccess().json()
      func level(_ report: [String: Any]) -> String? {
        let evaluations = report["evaluations"] as? [[String: Any]]
        let judgements = evaluations?.first?["judgements"] as? [String: [String: Any]]
        return judgements?["datasets"]?["level"] as? String
      }
      #expect(level(now) == "closed")
      #expect(level(then) == "open")
      let text = try workspace.review(["show", "llama2"]).requireSuccess().stdout
      #expect(text.contains("datasets                        closed"))
      let one = try workspace.review(["show", "llama2", "alice"]).requireSuccess().stdout
      #expect(one.contains("Only described in the paper."))
      #expect(!one.split(separator: "\n").contains { $0.hasSuffix(" ") })
    }
  }

  @Test func scoreKeepsFieldsNotNamedAndClearsEmptyOnes() throws {
    try withLlamaRepository { workspace in
      try workspace.reviewAs(
        "alice",
        [
          "score", "llama2", "datasets=closed", "--note", "datasets=first", "--evidence",
          "datasets=https://a.example", "--evidence", "datasets=https://b.example",
        ]
      ).requireSuccess()
      try workspace.reviewAs(
        "alice",
        [
          "score", "llama2", "--drop-evidence", "datasets=https://a.example", "--confidence",
          "datasets=low",
        ]
      ).requireSuccess()
      var text = try workspace.read("reviews/llama2/alice.yaml")
      #expect(
        text.contains(
          "    level: closed\n    evidence:\n      - https://b.example\n    note: first\n    confidence: low\n"
        ))
      try workspace.reviewAs("alice", ["score", "llama2", "--note", "datasets="]).requireSuccess()
      text = try workspace.read("reviews/llama2/alice.yaml")
      #expect(!text.contains("note:"))
      let same = try workspace.reviewAs("alice", ["score", "llama2", "datasets=closed"])
        .requireSuccess()
      #expect(same.stdout.hasPrefix("nothing to commit"))
      try workspace.reviewAs("alice", ["score", "llama2", "--unset", "datasets"]).requireSuccess()
      #expect(try workspace.read("reviews/llama2/alice.yaml").contains("criteria: {}"))
      #expect(try workspace.git(["rev-list", "--count", "HEAD"]).stdout == "6\n")
    }
  }

  @Test func scoreFromAFileAndFromTheWorkingFileItself() throws {
    try withLlamaRepository { workspace in
      try workspace.write(
        "draft.yaml",
        """
        schema: 1
        subject: llama2
        reviewer: carol
        framework: mof-1.0
        criteria:
          research-paper: {level: open, evidence: https://arxiv.org/abs/2307.09288, x-extra: kept}
          datasets: {level: closed}
        """)
      try workspace.review(["score", "llama2", "--file", "draft.yaml", "--reviewer", "carol"])
        .requireSuccess()
      let committed = try workspace.git(["show", "HEAD:reviews/llama2/carol.yaml"]).stdout
      #expect(committed.contains("  datasets:\n    level: closed\n  research-paper:\n") == false)
      #expect(committed.contains("x-extra: kept"))
      // Hand edits to the evaluation's own file are committed through --file.
      try workspace.write(
        "reviews/llama2/carol.yaml",
        committed.replacingOccurrences(of: "level: closed", with: "level: restricted"))
      try workspace.review([
        "score", "llama2", "--file", "reviews/llama2/carol.yaml", "--reviewer", "carol",
      ]).requireSuccess()
      #expect(try workspace.git(["status", "--porcelain"]).stdout == "?? draft.yaml\n")
      // A file for another reviewer is refused, naming the field.
      let wrong = try workspace.review([
        "score", "llama2", "--file", "draft.yaml", "--reviewer", "dave",
      ])
      #expect(wrong.status == 1)
      #expect(
        wrong.stderr
          == "draft.yaml:3:11: error: reviewer 'carol' does not match the file name 'dave.yaml'\n")
    }
  }

  @Test func editValidatesAndKeepsAFailedDraft() throws {
    try withLlamaRepository { workspace in
      let good = folderScript(
        workspace, "good.sh",
        "sed -i 's/^criteria: {}$/criteria:\\n  datasets:\\n    level: open/' \"$1\"")
      let bad = folderScript(workspace, "bad.sh", "sed -i 's/level: open/level: wide-open/' \"$1\"")
      try workspace.review(["edit", "llama2", "--reviewer", "alice"], extra: ["EDITOR": good])
        .requireSuccess()
      #expect(
        try workspace.read("reviews/llama2/alice.yaml").contains("datasets:\n    level: open\n"))
      let failed = try workspace.review(
        ["edit", "llama2", "--reviewer", "alice"], extra: ["EDITOR": bad])
      #expect(failed.status == 1)
      #expect(failed.stderr.contains("error: unknown level 'wide-open' for 'datasets'"))
      #expect(failed.stderr.contains("your edit is kept at"))
      let draft = workspace.root + "/.git/review/edit/llama2/alice.yaml"
      #expect(FileManager.default.fileExists(atPath: draft))
      // The next edit resumes the draft; fixing it commits and removes it.
      let fix = folderScript(workspace, "fix.sh", "sed -i 's/wide-open/restricted/' \"$1\"")
      let fixed = try workspace.review(
        ["edit", "llama2", "--reviewer", "alice"], extra: ["EDITOR": fix]
      ).requireSuccess()
      #expect(fixed.stderr.contains("resuming the draft"))
      #expect(!FileManager.default.fileExists(atPath: draft))
      #expect(try workspace.read("reviews/llama2/alice.yaml").contains("level: restricted"))
    }
  }

  private func folderScript(_ workspace: Workspace, _ name: String, _ body: String) -> String {
    let path = workspace.home + "/" + name
    try? "#!/bin/sh\n\(body)\n".write(toFile: path, atomically: true, encoding: .utf8)
    chmod(path, 0o755)
    return path
  }

  @Test func templatesListsTheBuiltInFrameworks() throws {
    try withLlamaRepository { workspace in
      let text = try workspace.review(["templates"]).requireSuccess().stdout
      let rows = text.split(separator: "\n")
      #expect(rows.count == 6)
      let cells = rows[2].components(separatedBy: "  ").map {
        $0.trimmingCharacters(in: .whitespaces)
      }
      .filter { !$0.isEmpty }
      #expect(
        cells == [
          "mof-1.0", "Model Openness Framework 1.0", "17", "repository",
          "https://arxiv.org/abs/2403.13784",
        ])
      let json = try workspace.review(["templates", "--format", "json"]).requireSuccess().json()
      let ids = (json["frameworks"] as? [[String: Any]])?.map { $0["id"] as? String }
      #expect(ids == ["fmti-2024", "mof-1.0", "osai-index-2026", "osaid-1.0", "osi-codesign-2024"])
    }
  }

  @Test func dashCRunsElsewhereAndInitIsIdempotent() throws {
    try withLlamaRepository { workspace in
      let status = try run(
        reviewBinary, ["-C", workspace.root, "status"], in: workspace.home,
        environment: workspace.environment
      ).requireSuccess()
      #expect(status.stdout.contains("llama2  Llama 2 7B  (mof-1.0, 17 criteria)"))
      let again = try workspace.review(["init"]).requireSuccess()
      #expect(again.stdout.hasSuffix("is already a review repository; nothing changed\n"))
      #expect(try workspace.git(["rev-list", "--count", "HEAD"]).stdout == "2\n")
      #expect(try workspace.review(["validate"]).requireSuccess().stdout == "no problems found\n")
    }
  }

  @Test func initAdoptsAnExistingGitRepository() throws {
    try withTemporaryFolder { folder in
      let workspace = try Workspace(folder)
      try workspace.git(["init", "-q", "-b", "main"]).requireSuccess()
      try workspace.write("README.md", "mine\n")
      try workspace.git(["add", "README.md"]).requireSuccess()
      try workspace.git(["commit", "-q", "-m", "start"]).requireSuccess()
      let adopted = try workspace.review(["init"]).requireSuccess()
      #expect(adopted.stdout.hasPrefix("Added review files to the git repository"))
      let files = try workspace.git(["ls-files"]).stdout
      #expect(
        files
          == ".gitattributes\nREADME.md\nreview.yaml\nreviews/README.md\ntemplates/fmti-2024.yaml\ntemplates/mof-1.0.yaml\ntemplates/osai-index-2026.yaml\ntemplates/osaid-1.0.yaml\ntemplates/osi-codesign-2024.yaml\n"
      )
    }
  }
}
