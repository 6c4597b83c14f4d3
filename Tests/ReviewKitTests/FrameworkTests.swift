import Foundation
import TestSupport
import Testing
import Yams

@testable import ReviewCodec
@testable import ReviewCore
@testable import ReviewRendering
@testable import ReviewStore

@Suite struct FrameworkTests {
  @Test func builtInTemplatesEqualTheFilesInTemplates() throws {
    let files = try FileManager.default.contentsOfDirectory(atPath: packageRoot + "/templates")
      .filter { $0.hasSuffix(".yaml") }.sorted()
    #expect(BuiltinTemplates.files.map { "\($0.id).yaml" } == files)
    for (id, text) in BuiltinTemplates.files {
      #expect(text == (try projectFile("templates/\(id).yaml")), "run scripts/embed-templates")
    }
  }

  @Test func everyBuiltInFrameworkLoads() throws {
    let snapshot = try ReviewSnapshot(source: EmptySource())
    #expect(snapshot.setupDiagnostics.isEmpty)
    #expect(Set(snapshot.frameworks.keys) == Set(BuiltinTemplates.files.map { FrameworkID($0.id) }))
  }

  /// The MOF framework has the Model Openness Tool's 17 components with their exact names,
  /// classes, required flags and content types.
  @Test func mofMatchesTheModelOpennessToolSettings() throws {
    let settings = try Yams.load(yaml: try projectFile("Tests/Fixtures/mot/mof.settings.yml"))
    let components = try #require((settings as? [String: Any])?["components"] as? [[String: Any]])
    let framework = try ReviewSnapshot(source: EmptySource()).framework("mof-1.0")
    #expect(framework.criteria.count == 17)
    #expect(components.count == 17)
    for component in components {
      let name = try #require(component["name"] as? String)
      let criterion = try #require(framework.criteria.first { $0.title == name }, "\(name)")
      #expect(criterion.group == "class-\(component["class"] as? Int ?? 0)", "\(name)")
      #expect(criterion.required == (component["required"] as? Bool), "\(name)")
      #expect(criterion.kind == component["content_type"] as? String, "\(name)")
      #expect(criterion.description == component["description"] as? String, "\(name)")
    }
    #expect(framework.scale.levels.map(\.id) == ["closed", "restricted", "open"])
    #expect(framework.scale.levels.map(\.value) == [0, 0.5, 1])
    #expect(framework.consensus.threshold == Fraction(2, 3))
  }

  @Test func osaidHasTheDefinitionsRequiredElements() throws {
    let framework = try ReviewSnapshot(source: EmptySource()).framework("osaid-1.0")
    let required = framework.criteria.filter(\.required).map(\.id)
    #expect(
      required == [
        "data-information", "data-preprocessing-code", "training-code", "inference-code",
        "supporting-libraries-and-tools", "model-architecture", "model-parameters",
      ])
    #expect(
      Set(framework.criteria.compactMap(\.group)).isSuperset(of: [
        "data-information", "code", "parameters",
      ]))
  }

  @Test func badFrameworksAreReportedWithPositions() throws {
    let text = """
      schema: 1
      id: other
      title: T
      scale:
        kind: fuzzy
        levels:
          - {id: low, value: 0}
          - {id: low, value: x}
      consensus:
        threshold: 3/2
      criteria:
        - id: a
          title: A
          required: maybe

      """
    let document = try YAMLDocument.parse(Data(text.utf8), path: "templates/mine.yaml").orThrow()
    let (framework, problems) = Framework.read(document, expectedID: "mine")
    #expect(framework == nil)
    #expect(
      problems.map(\.description).sorted() == [
        "templates/mine.yaml:10:14: error: threshold '3/2' must be a fraction or decimal from 0 to 1",
        "templates/mine.yaml:14:15: error: 'required' must be true or false",
        "templates/mine.yaml:2:5: error: id 'other' must equal the file name 'mine'",
        "templates/mine.yaml:5:9: error: scale kind 'fuzzy' is not one of nominal, ordinal, interval",
        "templates/mine.yaml:8:12: error: level 'low' is listed twice",
        "templates/mine.yaml:8:24: error: level value 'x' is not a number",
      ])
  }
}

@Suite struct OutcomeDefinitionTests {
  @Test func outcomesAreCheckedAgainstTheFramework() throws {
    let text = """
      schema: 1
      id: mine
      title: T
      scale:
        kind: ordinal
        levels:
          - {id: no, value: 0}
          - {id: yes, value: 1}
      criteria:
        - {id: a, title: A}
      outcomes:
        - {id: t, type: tiers, counts-at: maybe, tiers: [{id: one, criteria: [a, b]}]}
        - {id: s, type: score, method: median}
        - {id: v, type: vote-rubric, counts-at: yes, bands: [{id: x, at-least: lots}]}
        - {id: w, type: ranking}

      """
    let document = try YAMLDocument.parse(Data(text.utf8), path: "templates/mine.yaml").orThrow()
    let (framework, problems) = Framework.read(document, expectedID: "mine")
    #expect(framework == nil)
    #expect(
      problems.map(\.description).sorted() == [
        "templates/mine.yaml:12:37: error: unknown level 'maybe' in outcome 't'",
        "templates/mine.yaml:12:76: error: unknown criterion 'b' in outcome 't'",
        "templates/mine.yaml:13:34: error: score method 'median' is not one of mean, sum",
        "templates/mine.yaml:14:74: error: 'at-least' 'lots' must be a number of times the mean, such as 2 or 1.5",
        "templates/mine.yaml:15:19: error: outcome type 'ranking' is not one of tiers, score, vote-rubric",
      ])
  }
}
