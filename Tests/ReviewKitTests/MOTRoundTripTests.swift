import Foundation
import TestSupport
import Testing
import Yams

@testable import ReviewCodec
@testable import ReviewCore
@testable import ReviewStore

private let models = packageRoot + "/Tests/Fixtures/mot/models"

/// A YAML file as every reader sees it: each scalar with the type the core schema resolves it
/// to, mappings in their order, leaving out the fields named `skipping`. Two files that read
/// the same give the same text.
private func resolved(_ node: Node, skipping: Set<String> = []) -> String {
  switch node {
  case .scalar(let scalar):
    return "\(node.tag.description):\(scalar.string.debugDescription)"
  case .sequence(let items):
    return "[" + items.map { resolved($0, skipping: skipping) }.joined(separator: ", ") + "]"
  case .mapping(let fields):
    let kept = fields.filter { !skipping.contains($0.key.string ?? "") }
    return "{"
      + kept.map { "\(resolved($0.key)): \(resolved($0.value, skipping: skipping))" }.joined(
        separator: ", ") + "}"
  case .alias:
    return "*"
  }
}

private func resolved(_ data: Data, skipping: Set<String> = []) throws -> String {
  resolved(
    try Yams.compose(yaml: String(decoding: data, as: UTF8.self)) ?? Node(""), skipping: skipping)
}

private func mof() throws -> Framework {
  try ReviewSnapshot(source: EmptySource()).framework("mof-1.0")
}

/// Every record of the tool, as its file name and bytes.
private func records() throws -> [(name: String, data: Data)] {
  try FileManager.default.contentsOfDirectory(atPath: models).filter { $0.hasSuffix(".yml") }
    .sorted().map { ($0, try Data(contentsOf: URL(fileURLWithPath: models + "/" + $0))) }
}

/// The subject an import makes of a record, read back from the file the store writes.
private func importedSubject(_ data: Data, name: String) throws -> Subject {
  let record = try MOTRecord.read(data, path: name)
  let subject = Subject(
    id: "s", title: record.name, framework: "mof-1.0", links: record.releaseLinks,
    motRecord: record.document)
  let file = subject.canonicalYAML()
  let document = try YAMLDocument.parse(file, path: "reviews/s/subject.yaml").get()
  let (read, problems) = Subject.read(document, expectedID: "s")
  #expect(problems.isEmpty, "\(name): \(problems)")
  let subjectRead = try #require(read)
  #expect(subjectRead.canonicalYAML() == file, "\(name): the subject file does not read back")
  // The file keeps the record as every reader reads it.
  let kept = try #require(try Yams.compose(yaml: String(decoding: file, as: UTF8.self)))
  #expect(try kept["mot-record"].map { resolved($0) } == resolved(data), "\(name)")
  return subjectRead
}

@Suite struct MOTRoundTripTests {
  @Test func everyRecordComesBackExactlyWhenThePanelHasNotJudged() throws {
    let framework = try mof()
    let all = try records()
    #expect(all.count == 273)
    for (name, data) in all {
      let subject = try importedSubject(data, name: name)
      let report = ConsensusReport(
        revision: "0", subject: subject, framework: framework, evaluations: [],
        settings: Settings())
      let exported = try report.motRecord(date: "2026-12-02")
      #expect(try resolved(exported) == resolved(data), "\(name)")
    }
  }

  @Test func everyRecordComesBackExactlyWhenThePanelAgreesWithIt() throws {
    let framework = try mof()
    for (name, data) in try records() {
      let subject = try importedSubject(data, name: name)
      // Two panelists who each judged as the import did.
      let imported = try MOTRecord.read(data, path: name).evaluation(
        subject: "s", reviewer: "alice", framework: framework, path: name)
      var second = imported
      second.reviewer = "bob"
      let report = ConsensusReport(
        revision: "0", subject: subject, framework: framework, evaluations: [imported, second],
        settings: Settings())
      #expect(try resolved(report.motRecord(date: "2026-12-02")) == resolved(data), "\(name)")
    }
  }

  /// The law: exporting and importing again gives the panel's level wherever it has a
  /// consensus and the record's everywhere else, and every field outside the components is
  /// the record's.
  @Test func exportThenImportGivesThePanelWhereItJudgedAndTheRecordElsewhere() throws {
    let framework = try mof()
    let all = try records()
    var random = SeededGenerator(seed: 0x4D4F_5452)
    let levels: [LevelID] = ["closed", "restricted", "open"]
    for round in 0..<120 {
      let (name, data) = all[Int.random(in: 0..<all.count, using: &random)]
      let subject = try importedSubject(data, name: name)
      var judgements: [CriterionID: Judgement] = [:]
      for criterion in framework.criteria where Bool.random(using: &random) {
        let level = levels[Int.random(in: 0..<3, using: &random)]
        // An open judgement names an open license; a restricted one a custom license or none.
        let license: String? =
          level == "open"
          ? ["MIT", "Apache-2.0", "CC-BY-4.0"][Int.random(in: 0..<3, using: &random)]
          : level == "restricted" && Bool.random(using: &random)
            ? "LicenseRef-Custom" : nil
        judgements[criterion.id] = Judgement(
          level: level, license: license, evidence: ["https://example.org/\(round)"])
      }
      let panel = ["alice", "bob"].map {
        Evaluation(subject: "s", reviewer: $0, framework: "mof-1.0", judgements: judgements)
      }
      let report = ConsensusReport(
        revision: "0", subject: subject, framework: framework, evaluations: panel,
        settings: Settings())
      let exported = try report.motRecord(date: "2026-12-02")
      let before = try MOTRecord.read(data, path: name).evaluation(
        subject: "s", reviewer: "mot", framework: framework, path: name)
      let after = try MOTRecord.read(exported, path: "exported.yml").evaluation(
        subject: "s", reviewer: "mot", framework: framework, path: "exported.yml")
      for criterion in framework.criteria {
        let expected = judgements[criterion.id]?.level ?? before.judgements[criterion.id]?.level
        #expect(
          after.judgements[criterion.id]?.level == expected,
          "round \(round), \(name), \(criterion.id)")
      }
      // Outside the components, the record is untouched.
      #expect(
        try resolved(exported, skipping: ["components"])
          == resolved(data, skipping: ["components"]), "round \(round), \(name)")
    }
  }

  @Test func aComponentJudgedDifferentlyIsRewrittenAndTheRestKept() throws {
    let framework = try mof()
    let data = try Data(contentsOf: URL(fileURLWithPath: models + "/Amber.yml"))
    let subject = try importedSubject(data, name: "Amber.yml")
    let judgements: [CriterionID: Judgement] = [
      // Listed with MIT: the panel drops it.
      "datasets": Judgement(level: "closed"),
      // Inherits Apache-2.0: the panel says restricted, with no license named.
      "model-card": Judgement(level: "restricted"),
      // Open by inheritance; the panel names another license and a link.
      "data-card": Judgement(
        level: "open", license: "CC-BY-4.0", evidence: ["https://example.org/card"]),
      // Open as the record says: kept as listed.
      "training-code": Judgement(level: "open", evidence: ["https://example.org/code"]),
      // Not listed: the panel adds it.
      "model-metadata": Judgement(level: "restricted", license: "LicenseRef-Custom"),
    ]
    let panel = ["alice", "bob"].map {
      Evaluation(subject: "s", reviewer: $0, framework: "mof-1.0", judgements: judgements)
    }
    let report = ConsensusReport(
      revision: "0", subject: subject, framework: framework, evaluations: panel,
      settings: Settings())
    let text = String(decoding: try report.motRecord(date: "2026-12-02"), as: UTF8.self)
    let components = try #require(
      (try Yams.load(yaml: text) as? [String: Any]).flatMap {
        ($0["release"] as? [String: Any])?["components"] as? [[String: String]]
      })
    let byName = Dictionary(uniqueKeysWithValues: components.map { ($0["name"]!, $0) })
    #expect(byName["Datasets"] == nil)
    #expect(byName["Model card"]?["license"] == "unlicensed")
    #expect(byName["Data card"]?["license"] == "CC-BY-4.0")
    #expect(byName["Data card"]?["component_path"] == "https://example.org/card")
    #expect(
      byName["Training code"] == [
        "name": "Training code", "description": "Code used for training the model",
      ])
    #expect(components.last?["name"] == "Model metadata")
    #expect(components.last?["license"] == "LicenseRef-Custom")
    #expect(components.count == 16)
    #expect(text.contains("producer: LLM360\n") && text.contains("date: \"2025-05-22\"\n"))
  }

  @Test func aBrokenKeptRecordIsNamedWhereItIs() throws {
    let text = """
      schema: 1
      id: s
      framework: mof-1.0
      mot-record:
        release:
          name: S
          components: nothing

      """
    let document = try YAMLDocument.parse(Data(text.utf8), path: "reviews/s/subject.yaml").get()
    let (subject, problems) = Subject.read(document, expectedID: "s")
    #expect(subject == nil)
    #expect(
      problems.map(\.description) == [
        "reviews/s/subject.yaml:7:17: error: 'mot-record.release.components' must be a list"
      ])
  }
}
