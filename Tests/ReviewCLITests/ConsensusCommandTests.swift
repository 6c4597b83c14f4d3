import Foundation
import TestSupport
import Testing

private let fixtures = packageRoot + "/Tests/Fixtures"

/// A workspace where three reviewers judged three criteria of llama2.
private func withPanel(_ body: (Workspace) throws -> Void) throws {
  try withLlamaRepository { workspace in
    try workspace.reviewAs(
      "alice",
      ["score", "llama2", "datasets=closed", "model-card=open", "model-architecture=restricted"]
    ).requireSuccess()
    try workspace.reviewAs(
      "bob",
      [
        "score", "llama2", "datasets=closed", "model-card=restricted", "model-architecture=open",
        "--note", "model-card=Code is Apache-2.0 in my reading.",
      ]
    ).requireSuccess()
    try workspace.reviewAs(
      "carol",
      ["score", "llama2", "datasets=closed", "model-card=closed", "model-architecture=restricted"]
    ).requireSuccess()
    try body(workspace)
  }
}

@Suite struct ConsensusCommandTests {
  @Test func consensusJSONHasTheDocumentedShape() throws {
    try withPanel { workspace in
      let json = try workspace.review(["consensus", "llama2", "--format", "json"]).requireSuccess()
        .json()
      #expect(json["subject"] as? String == "llama2")
      #expect(json["framework"] as? String == "mof-1.0")
      #expect(json["reviewers"] as? [String] == ["alice", "bob", "carol"])
      #expect((json["revision"] as? String)?.count == 40)
      let criteria = try #require(json["criteria"] as? [[String: Any]])
      let card = try #require(criteria.first { $0["id"] as? String == "model-card" })
      #expect(card["consensus"] as? String == "restricted")
      #expect(card["status"] as? String == "contested")
      #expect(card["n"] as? Int == 3)
      let architecture = try #require(
        criteria.first { $0["id"] as? String == "model-architecture" })
      #expect(architecture["status"] as? String == "agreed")
      #expect(abs((architecture["support"] as? Double ?? 0) - 2.0 / 3.0) < 1e-12)
      let unjudged = try #require(criteria.first { $0["id"] as? String == "training-code" })
      #expect(unjudged["consensus"] is NSNull && unjudged["status"] as? String == "insufficient")
      let agreement = try #require(json["agreement"] as? [String: Any])
      #expect(agreement["metric"] as? String == "ordinal")
      #expect(agreement["pairable_units"] as? Int == 3)
      #expect(agreement["alpha"] is Double)
      let outcome = try #require((json["outcomes"] as? [[String: Any]])?.first)
      #expect(
        outcome["id"] as? String == "mof-class" && outcome["value"] as? String == "unclassified")
      #expect(outcome["provisional"] as? Bool == true)
      #expect((outcome["progress"] as? [String: Double])?["class-3"] == 0)
      #expect((outcome["by_reviewer"] as? [String: String])?["alice"] == "unclassified")
    }
  }

  @Test func reviewYamlOverridesTheRule() throws {
    try withPanel { workspace in
      try workspace.write(
        "review.yaml", "schema: 1\ndefault-framework: mof-1.0\nconsensus:\n  threshold: 1\n")
      try workspace.git(["commit", "-qam", "unanimity"]).requireSuccess()
      let json = try workspace.review(["consensus", "llama2", "--format", "json"]).requireSuccess()
        .json()
      let criteria = try #require(json["criteria"] as? [[String: Any]])
      #expect(
        criteria.first { $0["id"] as? String == "model-architecture" }?["status"] as? String
          == "contested")
      #expect((json["rule"] as? [String: Any])?["threshold"] as? String == "1")
    }
  }

  @Test func allSubjectsAndAgreementPerFramework() throws {
    try withPanel { workspace in
      try workspace.review(["new", "pythia"]).requireSuccess()
      try workspace.reviewAs("alice", ["score", "pythia", "datasets=open", "model-card=open"])
        .requireSuccess()
      try workspace.reviewAs("bob", ["score", "pythia", "datasets=restricted", "model-card=open"])
        .requireSuccess()
      let json = try workspace.review(["consensus", "--all", "--format", "json"]).requireSuccess()
        .json()
      let subjects = try #require(json["subjects"] as? [[String: Any]])
      #expect(subjects.map { $0["subject"] as? String } == ["llama2", "pythia"])
      let frameworks = try #require(json["frameworks"] as? [[String: Any]])
      #expect(frameworks.count == 1)
      #expect(frameworks[0]["subjects"] as? Int == 2)
      #expect(((frameworks[0]["agreement"] as? [String: Any])?["pairable_units"] as? Int) == 5)
      let text = try workspace.review(["consensus", "--all"]).requireSuccess().stdout
      #expect(text.contains("mof-1.0: 2 subjects, 3 reviewers"))
      let usage = try workspace.review(["consensus"])
      #expect(usage.status == 64)
      // A subject whose files do not read is named; the others are still reported.
      try workspace.review(["new", "bloom"]).requireSuccess()
      try workspace.write("reviews/bloom/alice.yaml", "schema: 1\ncriteria: [\n")
      try workspace.git(["add", "-A"]).requireSuccess()
      try workspace.git(["commit", "-q", "-m", "broken"]).requireSuccess()
      for format in ["text", "json"] {
        let partial = try workspace.review(["consensus", "--all", "--format", format])
        #expect(partial.status == 1)
        #expect(partial.stdout.contains("pythia") && partial.stdout.contains("llama2"))
        #expect(
          partial.stderr.hasPrefix("error: bloom: reviews/bloom/alice.yaml:")
            && partial.stderr.split(separator: "\n").count == 1, "\(partial.stderr)")
      }
    }
  }

  @Test func reportsInEveryFormatDescribeTheirCommit() throws {
    try withPanel { workspace in
      let older = try workspace.git(["rev-parse", "HEAD~1"]).stdout.trimmingCharacters(
        in: .newlines)
      try workspace.review(["report", "llama2", "--format", "html", "-o", "llama2.html"])
        .requireSuccess()
      let html = try workspace.read("llama2.html")
      #expect(html.hasPrefix("<!DOCTYPE html>"))
      #expect(html.contains("<svg") && html.contains("<style>") && html.contains("@media print"))
      // Self-contained: nothing is loaded from anywhere.
      #expect(
        !html.contains("<script") && !html.contains("<link") && !html.contains("src=")
          && !html.contains("@import") && !html.contains("url("))
      #expect(
        html.contains("<h2>Every judgement</h2>")
          && html.contains("Code is Apache-2.0 in my reading."))
      let markdown = try workspace.review(["report", "llama2"]).requireSuccess().stdout
      #expect(markdown.hasPrefix("# Llama 2 7B\n"))
      #expect(
        markdown.contains(
          "| Model card | restricted | 33.3% | contested | open | restricted | closed |"))
      #expect(markdown.contains("## Who judged what, when"))
      let then = try workspace.review(["report", "llama2", "--at", older, "--format", "json"])
        .requireSuccess().json()
      #expect(then["revision"] as? String == older)
      #expect(then["reviewers"] as? [String] == ["alice", "bob"])
      let history = try #require(then["history"] as? [[String: Any]])
      #expect(history.map { $0["reviewer"] as? String } == ["alice", "bob"])
      #expect(history.first?["author"] as? String == "Alice <alice@example.org>")
    }
  }

  @Test func importAndExportModelOpennessToolRecords() throws {
    try withLlamaRepository { workspace in
      let fixture =
        fixtures
        + "/mot/fixtures/Class2RTestFile_C1_77%-C2_100%-C3_100%_11C_1G_11L_11V_0I_11T.yml"
      let imported = try workspace.review(["import", "mot", fixture]).requireSuccess()
      // The subject comes from release.name (which in this fixture says 73%, not the file's 77%).
      let subject = "class2rtestfile_c1_73-c2_100-c3_100-_11c_1g_11l_11v_0i_11t"
      #expect(imported.stdout.contains("new subject reviews/\(subject)/subject.yaml"))
      // The curator's record is a reference: shown beside the panel with its class, not counted.
      let shown = try workspace.review(["consensus", String(subject), "--format", "json"])
        .requireSuccess().json()
      #expect(shown["reviewers"] as? [String] == [])
      let reference = try #require(
        (shown["not_counted"] as? [String: Any])?["mot"] as? [String: Any])
      #expect(reference["reason"] as? String == "reference")
      #expect((reference["outcomes"] as? [String: String])?["mof-class"] == "class-2")
      let text = try workspace.review(["consensus", String(subject)]).requireSuccess().stdout
      #expect(text.contains("[mot]") && text.contains("not counted: mot (reference)"))
      // Registered as a panelist, the same record counts, with MOT's own progress figures.
      try workspace.write(
        "review.yaml",
        "schema: 1\ndefault-framework: mof-1.0\nreviewers:\n  mot:\n    role: panelist\n")
      try workspace.git(["commit", "-qm", "count mot", "review.yaml"]).requireSuccess()
      let json = try workspace.review(["consensus", String(subject), "--format", "json"])
        .requireSuccess().json()
      let outcome = try #require((json["outcomes"] as? [[String: Any]])?.first)
      #expect(outcome["value"] as? String == "class-2")
      let progress = try #require(outcome["progress"] as? [String: Double])
      #expect(
        progress["class-3"] == 100 && progress["class-2"] == 100
          && (progress["class-1"]! * 100).rounded() / 100 == 76.92)
      #expect((outcome["by_reviewer"] as? [String: String]) == ["mot": "class-2"])
      // Into an existing subject, as another reviewer's evaluation; the subject file keeps the
      // record, once.
      let llama = try workspace.review([
        "import", "mot", fixtures + "/mot/models/Llama-2-7B.yml", "--subject", "llama2",
      ]).requireSuccess()
      #expect(
        llama.stdout.contains("] kept the record's metadata in reviews/llama2/subject.yaml\n"))
      #expect(try workspace.read("reviews/llama2/mot.yaml").contains("level: restricted"))
      #expect(try workspace.read("reviews/llama2/subject.yaml").contains("\n    producer: Meta\n"))
      let again = try workspace.review([
        "import", "mot", fixtures + "/mot/models/Llama-2-7B.yml", "--subject", "llama2",
      ]).requireSuccess()
      #expect(!again.stdout.contains("kept the record"))
      // Export, then check the record against the tool's schema.
      try workspace.review(["export", "mot", String(subject), "-o", "exported.yml"])
        .requireSuccess()
      let check = try run(
        testPython,
        [
          "-c",
          "import sys, json, yaml, jsonschema; jsonschema.validate(yaml.safe_load(open(sys.argv[1])), json.load(open(sys.argv[2]))); print('valid')",
          "exported.yml", packageRoot + "/Tests/Fixtures/mot/mof_schema.json",
        ],
        in: workspace.root, environment: workspace.environment)
      #expect(check.stdout == "valid\n", "\(check.stderr)")
      // Nobody judged otherwise, so the record comes back as imported, field for field.
      let same = try run(
        testPython,
        [
          "-c",
          "import sys, yaml; print(yaml.safe_load(open(sys.argv[1])) == yaml.safe_load(open(sys.argv[2])))",
          "exported.yml", fixture,
        ],
        in: workspace.root, environment: workspace.environment)
      #expect(same.stdout == "True\n", "\(same.stderr)")
      // The exported record imports back to the same class.
      try workspace.review([
        "import", "mot", "exported.yml", "--subject", "roundtrip", "--reviewer", "again",
      ]).requireSuccess()
      let roundTrip = try workspace.review(["consensus", "roundtrip", "--format", "json"])
        .requireSuccess().json()
      #expect(
        ((roundTrip["outcomes"] as? [[String: Any]])?.first?["value"] as? String) == "class-2")
    }
  }

  @Test func importRefusesBadRecordsAndKeepsTheGoodOnes() throws {
    try withLlamaRepository { workspace in
      try workspace.write(
        "bad.yml", "release:\n  name: Broken\n  components:\n    - name: Weights\n")
      try workspace.write("notarecord.yml", "hello: world\n")
      let result = try workspace.review([
        "import", "mot", "bad.yml", fixtures + "/mot/models/OLMo-7B.yml", "notarecord.yml",
        "missing.yml",
      ])
      #expect(result.status == 1)
      #expect(
        result.stderr.split(separator: "\n").map(String.init) == [
          "bad.yml:1:1: error: release.components: unknown component 'Weights' (not one of the mof-1.0 components)",
          "notarecord.yml:1:1: error: missing 'release': not a Model Openness Tool record",
          "error: missing.yml: cannot read file",
        ])
      #expect(
        try workspace.review(["consensus", "olmo-7b", "--format", "json"]).requireSuccess().json()[
          "not_counted"
        ].flatMap { ($0 as? [String: [String: Any]])?["mot"]?["outcomes"] }
          .flatMap { $0 as? [String: String] } == ["mof-class": "class-1"])
      let osai = try workspace.review(["import", "osai", fixtures + "/osai-index/OLMo.yaml"])
        .requireSuccess()
      #expect(osai.stdout.contains("reviews/olmo/osai-index.yaml"))
      let json = try workspace.review(["consensus", "olmo", "--format", "json"]).requireSuccess()
        .json()
      let reference = (json["not_counted"] as? [String: [String: Any]])?["osai-index"]
      let score = (reference?["outcomes"] as? [String: Any])?["openness"] as? Double
      #expect(score.map { abs($0 - 95.83333333333334) < 1e-9 } == true, "\(json)")
    }
  }
}

@Suite struct CountWordingTests {
  @Test func oneOfAThingIsSingular() throws {
    try withLlamaRepository { workspace in
      try workspace.reviewAs("alice", ["score", "llama2", "datasets=closed"]).requireSuccess()
      let all = try workspace.review(["consensus", "--all"]).requireSuccess().stdout
      #expect(all.contains("mof-1.0: 1 subject, 1 reviewer: alpha"), "\(all)")
      let status = try workspace.review(["status"]).requireSuccess().stdout
      #expect(status.hasPrefix("at ") && status.contains(": 1 subject\n"), "\(status)")
    }
  }
}

@Suite struct NewcomerTests {
  @Test func aByteOrderMarkIsNoPartOfTheYAML() throws {
    try withLlamaRepository { workspace in
      try workspace.reviewAs("alice", ["score", "llama2", "datasets=closed"]).requireSuccess()
      let path = "reviews/llama2/alice.yaml"
      try workspace.write(path, "\u{FEFF}" + (try workspace.read(path)))
      let result = try workspace.review(["validate"])
      #expect(result.status == 0 && result.stdout == "no problems found\n", "\(result.stderr)")
    }
  }

  @Test func aPlainGitRepositoryIsToldToRunInit() throws {
    try withTemporaryFolder { folder in
      let workspace = try Workspace(folder)
      try workspace.git(["init", "-q"]).requireSuccess()
      let result = try workspace.review(["new", "llama2"])
      #expect(result.status == 1)
      #expect(
        result.stderr.hasSuffix("; run 'review init' to make this a review repository\n"),
        "\(result.stderr)")
    }
  }
}

/// An outcome nobody has given a judgement for is "not yet judged", never a verdict.
@Suite struct NotYetJudgedTests {
  @Test func anUnscoredSubjectHasNoVerdict() throws {
    try withLlamaRepository { workspace in
      try workspace.review(["new", "olmo", "--framework", "osaid-1.0"]).requireSuccess()
      let all = try workspace.review(["consensus", "--all"]).requireSuccess().stdout
      let row = all.split(separator: "\n").first { $0.hasPrefix("olmo ") } ?? ""
      #expect(row.hasSuffix("not yet judged"), "\(all)")
      #expect(!all.contains("Not Open Source AI"), "\(all)")
      #expect(!all.contains("[provisional]"), "\(all)")
      let json = try workspace.review(["consensus", "olmo", "--format", "json"]).json()
      let outcome = (json["outcomes"] as? [[String: Any]])?.first
      #expect(outcome?["judged"] as? Bool == false)
      #expect(outcome?["label"] as? String == "not yet judged")
      #expect(outcome?["provisional"] as? Bool == false)
      // One judgement of a criterion the verdict depends on makes it a provisional verdict.
      try workspace.reviewAs("alice", ["score", "olmo", "training-code=restricted"])
        .requireSuccess()
      let judged = try workspace.review(["consensus", "olmo"]).requireSuccess().stdout
      #expect(judged.contains("Not Open Source AI"), "\(judged)")
      #expect(judged.contains("[provisional]"), "\(judged)")
      let report = try workspace.review(["report", "llama2", "--format", "md"]).stdout
      #expect(report.contains("not yet judged"), "\(report)")
    }
  }
}

/// The report shows the panel's work whole: every judgement's level, licence, confidence,
/// note and evidence, per reviewer; foldable in HTML and printed open, links as their URLs.
@Suite struct ReportShowsEveryJudgementTests {
  @Test func everyNoteLicenceAndLinkIsInTheReport() throws {
    try withLlamaRepository { workspace in
      let reviewers = ["alice", "bob", "carol"]
      for (index, reviewer) in reviewers.enumerated() {
        var arguments = ["score", "llama2"]
        for criterion in ["datasets", "model-card", "training-code", "inference-code"] {
          let level = index == 2 && criterion == "datasets" ? "closed" : "open"
          arguments += [
            "\(criterion)=\(level)", "--license", "\(criterion)=MIT",
            "--note", "\(criterion)=note \(reviewer) \(criterion)",
            "--evidence", "\(criterion)=https://e.example/\(reviewer)/\(criterion)",
            "--confidence", "\(criterion)=high",
          ]
        }
        try workspace.reviewAs(reviewer, arguments).requireSuccess()
      }
      let markdown = try workspace.review(["report", "llama2"]).requireSuccess().stdout
      let html = try workspace.review(["report", "llama2", "--format", "html"]).requireSuccess()
        .stdout
      for reviewer in reviewers {
        for criterion in ["datasets", "model-card", "training-code", "inference-code"] {
          let note = "note \(reviewer) \(criterion)"
          let url = "https://e.example/\(reviewer)/\(criterion)"
          #expect(markdown.contains("  - Note: \(note)\n"), "\(note)")
          #expect(markdown.contains("[\(url)](\(url))"), "\(url)")
          #expect(html.contains(note), "\(note)")
          // The link's text is its address, so that a printed page shows where it points.
          #expect(html.contains("<a class=\"url\" href=\"\(url)\">\(url)</a>"), "\(url)")
        }
      }
      #expect(markdown.components(separatedBy: "license `MIT`").count - 1 == 12)
      #expect(markdown.components(separatedBy: "confidence high").count - 1 == 12)
      #expect(!markdown.contains("[evidence]"))
      #expect(html.components(separatedBy: "<details open>").count - 1 == 4)
      // Printed, any other link shows its address after it.
      #expect(html.contains("a[href]:not(.url)::after{content:\" <\" attr(href) \">\""))
    }
  }
}
