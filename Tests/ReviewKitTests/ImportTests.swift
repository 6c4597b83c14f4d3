import Foundation
import TestSupport
import Testing
import Yams

@testable import ReviewCodec
@testable import ReviewCore
@testable import ReviewRendering
@testable import ReviewStore

private let fixtures = packageRoot + "/Tests/Fixtures"

private func framework(_ id: FrameworkID) throws -> Framework {
  try ReviewSnapshot(source: EmptySource()).framework(id)
}

/// The MOF class and the three progress figures `review` gives a record, through import.
private func mofOutcome(_ path: String) throws -> (tier: String, progress: [Double]) {
  let mof = try framework("mof-1.0")
  let record = try MOTRecord.read(try Data(contentsOf: URL(fileURLWithPath: path)), path: path)
  let evaluation = try record.evaluation(subject: "s", reviewer: "mot", framework: mof, path: path)
  guard case .tiers(let tiers) = mof.outcomes.first else {
    throw TestFailure("no tiers")
  }
  let result = tiers.evaluate(evaluation.judgements.mapValues(\.level), scale: mof.scale)
  return (result.tier.id, result.progress.map(\.percent))
}

/// An independent reading of the Model Openness Tool's rule, straight from its settings and
/// license list (Tests/Fixtures/mot), on the raw record: used to check the import and the tiers.
private struct IndependentMOT {
  let components: [[String: Any]]
  let open: Set<String>

  init() throws {
    let settings =
      try Yams.load(yaml: try projectFile("Tests/Fixtures/mot/mof.settings.yml")) as! [String: Any]
    components = settings["components"] as! [[String: Any]]
    let list =
      try JSONSerialization.jsonObject(
        with: Data(try projectFile("Tests/Fixtures/mot/licenses.json").utf8)) as! [String: Any]
    let extra: Set<String> = [
      "CC0-1.0", "CDLA-Permissive-1.0", "CDLA-Permissive-2.0", "CDLA-Sharing-1.0", "ODC-PDDL-1.0",
      "ODC-By-1.0",
      "ODbL-1.0", "GFDL-1.3", "OGL-Canada-2.0", "OGL-UK-2.0", "OGL-UK-3.0", "OpenMDW-1.0",
    ]
    var open = extra
    for license in list["licenses"] as! [[String: Any]] {
      let id = license["licenseId"] as! String
      let creativeCommons =
        id.range(
          of: #"^CC-BY(-SA)?-(1\.0|2\.0|2\.5|3\.0|4\.0)(-[A-Za-z0-9.-]+)?$"#,
          options: .regularExpression) != nil
      if license["isOsiApproved"] as? Bool == true || license["isFsfLibre"] as? Bool == true
        || creativeCommons
      {
        open.insert(id)
      }
    }
    self.open = open
  }

  /// Class (0 for unclassified) and progress of classes 3, 2, 1.
  func classify(_ path: String) throws -> (Int, [Double]) {
    let record =
      try Yams.load(yaml: String(contentsOfFile: path, encoding: .utf8)) as! [String: Any]
    let release = record["release"] as! [String: Any]
    let globals = release["license"] as? [String: Any] ?? [:]
    var listed: [Int: [String: Any]] = [:]
    for item in release["components"] as? [[String: Any]] ?? [] {
      let component = components.first { $0["name"] as? String == item["name"] as? String }!
      listed[component["id"] as! Int] = item
    }
    func isOpen(_ id: Int) -> Bool {
      guard let item = listed[id] else { return false }
      let type = components.first { $0["id"] as? Int == id }!["content_type"] as! String
      var license: String?
      if let own = item["license"], !(own is NSNull) {
        license = own as? String
      } else if let typed = (globals[type] as? [String: Any])?["name"] as? String, !typed.isEmpty {
        license = typed
      } else {
        license = (globals["distribution"] as? [String: Any])?["name"] as? String
      }
      return license.map { open.contains($0) } ?? false
    }
    func required(_ level: Int) -> [Int] {
      components.filter { $0["class"] as? Int == level && $0["required"] as? Bool == true }.map {
        $0["id"] as! Int
      }
    }
    // Technical report (11) may be replaced by the research paper (21).
    let substitute = !isOpen(11) && isOpen(21)
    var progress: [Double] = []
    var cumulative: [Int] = []
    var lowerMet = true
    for level in [3, 2, 1] {
      cumulative += required(level)
      var met = cumulative.filter(isOpen).count
      var total = cumulative.count
      if substitute { if cumulative.contains(21) { total -= 1 } else { met += 1 } }
      progress.append(lowerMet ? min(100, Double(met) * 100 / Double(total)) : 0)
      lowerMet = lowerMet && met >= total
    }
    let reached = [3, 2, 1].filter { progress[3 - $0] == 100 }.min() ?? 0
    return (reached, progress)
  }
}

@Suite struct MOTImportTests {
  /// Every fixture of the Model Openness Tool gets the class and percentages the current tool
  /// gives it: the file name's Class III figure; its Class II figure where Class III is 100%;
  /// its Class I figure where Class II is 100%; 0 otherwise (Tests/Fixtures/mot/SOURCE.md).
  @Test func fixturesGetTheToolsClassAndPercentages() throws {
    let folder = fixtures + "/mot/fixtures"
    let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter {
      $0.hasSuffix(".yml")
    }.sorted()
    #expect(files.count == 27)
    for file in files {
      let match = try #require(file.firstMatch(of: /C1_(\d+)%-C2_(\d+)%-C3_(\d+)%/))
      let (c1, c2, c3) = (Double(match.1)!, Double(match.2)!, Double(match.3)!)
      let expected = [c3, c3 == 100 ? c2 : 0, c3 == 100 && c2 == 100 ? c1 : 0]
      let outcome = try mofOutcome(folder + "/" + file)
      #expect(outcome.progress.map { $0.rounded() } == expected, "\(file)")
      let tier =
        expected[2] == 100
        ? "class-1"
        : expected[1] == 100 ? "class-2" : expected[0] == 100 ? "class-3" : "unclassified"
      #expect(outcome.tier == tier, "\(file)")
    }
  }

  /// Every model record imports and gets the class (and progress) of the tool's rule, computed
  /// independently from the raw record.
  @Test func everyModelRecordGetsTheToolsClass() throws {
    let folder = fixtures + "/mot/models"
    let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter {
      $0.hasSuffix(".yml")
    }.sorted()
    #expect(files.count == 273)
    let independent = try IndependentMOT()
    var classes: [String: Int] = [:]
    for file in files {
      let path = folder + "/" + file
      let outcome = try mofOutcome(path)
      let (level, progress) = try independent.classify(path)
      let tier = level == 0 ? "unclassified" : "class-\(level)"
      #expect(outcome.tier == tier, "\(file)")
      #expect(
        zip(outcome.progress, progress).allSatisfy { abs($0 - $1) < 1e-9 },
        "\(file): \(outcome.progress) vs \(progress)")
      classes[outcome.tier, default: 0] += 1
    }
    #expect(classes == ["unclassified": 242, "class-3": 16, "class-2": 1, "class-1": 14])
  }

  @Test func knownModels() throws {
    let folder = fixtures + "/mot/models/"
    #expect(try mofOutcome(folder + "Llama-2-7B.yml").tier == "unclassified")
    #expect(try mofOutcome(folder + "OLMo-7B.yml").tier == "class-1")
    let pythia = try mofOutcome(folder + "Pythia-6.9B.yml")
    #expect(pythia.tier == "class-1")
  }

  @Test func theEmbeddedLicenseTableMatchesTheToolsList() throws {
    let independent = try IndependentMOT()
    let embeddedOpen = Set(MOTLicenses.isOpen.filter(\.value).keys)
    #expect(embeddedOpen == independent.open, "run scripts/embed-mot-licenses")
    #expect(MOTLicenses.isOpen["Apache-2.0"] == true)
    #expect(MOTLicenses.isOpen["CC-BY-NC-4.0"] == false)
    #expect(MOTLicenses.isOpen["Llama 2 Community License"] == nil)
  }

  @Test func importedJudgementsSayWhatTheRecordSays() throws {
    let mof = try framework("mof-1.0")
    let path = fixtures + "/mot/models/Llama-2-7B.yml"
    let record = try MOTRecord.read(try Data(contentsOf: URL(fileURLWithPath: path)), path: path)
    let evaluation = try record.evaluation(
      subject: "llama-2-7b", reviewer: "mot", framework: mof, path: path)
    let weights = try #require(evaluation.judgements["model-parameters-final"])
    #expect(weights.level == "restricted")
    #expect(weights.license == nil)
    #expect(
      weights.note
        == "Listed with license 'Llama 2 Community License' (from the component), which the Model Openness Tool does not count as open."
    )
    #expect(evaluation.judgements["research-paper"]?.level == "restricted")
    #expect(evaluation.judgements["datasets"]?.level == "closed")
    #expect(evaluation.judgements.count == 17)
  }

  @Test func badRecordsNameTheField() throws {
    let path = "broken.yml"
    #expect(throws: ReviewError.self) {
      try MOTRecord.read(Data("framework: {}\n".utf8), path: path)
    }
    do {
      _ = try MOTRecord.read(Data("release:\n  components: 3\n".utf8), path: path)
      Issue.record("accepted")
    } catch let error as ReviewError {
      #expect("\(error)".contains("broken.yml:2:3: error: missing required field 'release.name'"))
      #expect("\(error)".contains("'release.components' must be a list"))
    }
    let record = try MOTRecord.read(
      Data("release:\n  name: X\n  components:\n    - name: Weights\n".utf8), path: path)
    #expect(throws: ReviewError.self) {
      try record.evaluation(
        subject: "x", reviewer: "mot", framework: try framework("mof-1.0"), path: path)
    }
  }
}

@Suite struct OSAIImportTests {
  /// Every index record imports, and its score is the index's: the mean over the dimensions
  /// judged, open 1, partial 0.5, closed 0, as % open.
  @Test func everyRecordImportsWithTheIndexScore() throws {
    let index = try framework("osai-index-2026")
    guard case .score(let score) = index.outcomes.first else {
      Issue.record("no score outcome")
      return
    }
    let folder = fixtures + "/osai-index"
    let files = try FileManager.default.contentsOfDirectory(atPath: folder).filter {
      $0.hasSuffix(".yaml") && !$0.hasPrefix("_")
    }
    #expect(files.count == 194)
    let weights = ["open": 1.0, "partial": 0.5, "closed": 0.0]
    for file in files {
      let path = folder + "/" + file
      let data = try Data(contentsOf: URL(fileURLWithPath: path))
      if file == "a_submission_template.yaml" {
        // The index's blank template for contributors: refused, naming the field.
        #expect(throws: ReviewError.self) {
          try OSAIRecord.read(data, path: file, framework: index)
        }
        do { _ = try OSAIRecord.read(data, path: file, framework: index) } catch {
          #expect(
            "\(error)" == "a_submission_template.yaml:13:10: error: 'system.name' must not be empty"
          )
        }
        continue
      }
      let record = try OSAIRecord.read(data, path: path, framework: index)
      let evaluation = record.evaluation(subject: "s", reviewer: "osai-index", framework: index)
      let raw = try Yams.load(yaml: String(decoding: data, as: UTF8.self)) as! [String: Any]
      let classes = index.criteria.compactMap { criterion -> Double? in
        let text = ((raw[criterion.id.rawValue] as? [String: Any])?["class"] as? String)?
          .trimmingCharacters(
            in: .whitespaces
          ).lowercased()
        return text.flatMap { weights[$0] }
      }
      let expected = classes.isEmpty ? nil : classes.reduce(0, +) / Double(classes.count) * 100
      let got = score.evaluate(evaluation.judgements.mapValues(\.level), framework: index)
      #expect(got == expected, "\(file)")
    }
  }
}
