import Foundation
import TestSupport
import Testing

@testable import ReviewCore
@testable import ReviewRendering
@testable import ReviewStore

/// A panel's report on mof-1.0 from each reviewer's levels by criterion.
private func panel(_ levels: [ReviewerID: [CriterionID: LevelID]]) throws -> ConsensusReport {
  let framework = try ReviewSnapshot(source: EmptySource()).framework("mof-1.0")
  let evaluations = levels.keys.sorted().map { reviewer in
    Evaluation(
      subject: "s", reviewer: reviewer, framework: "mof-1.0",
      judgements: levels[reviewer]!.mapValues { Judgement(level: $0) })
  }
  return ConsensusReport(
    revision: "0", subject: Subject(id: "s", framework: "mof-1.0"), framework: framework,
    evaluations: evaluations, settings: Settings())
}

@Suite struct StandingApartTests {
  /// The criteria's disagreements, weighted by their values, add up to alpha's: 1 − alpha =
  /// Σ m_u d_u / n.., on random panels.
  @Test func criteriaDisagreementsAddUpToAlpha() throws {
    var random = SeededGenerator(seed: 0xA9A7)
    let levels: [LevelID] = ["closed", "restricted", "open"]
    let criteria = try ReviewSnapshot(source: EmptySource()).framework("mof-1.0").criteria.map(\.id)
    for round in 0..<40 {
      var judged: [ReviewerID: [CriterionID: LevelID]] = [:]
      for reviewer in ["alice", "bob", "carol", "dan"] as [ReviewerID] {
        for criterion in criteria where Double.random(in: 0..<1, using: &random) < 0.8 {
          judged[reviewer, default: [:]][criterion] = levels.randomElement(using: &random)!
        }
      }
      let report = try panel(judged)
      guard let alpha = report.agreement.alpha.value else { continue }
      let counts = Dictionary(
        uniqueKeysWithValues: report.criteria.map { ($0.criterion, Double($0.n)) })
      let pairable = counts.values.filter { $0 >= 2 }.reduce(0, +)
      let weighted = report.criteriaByDisagreement.map { counts[$0.criterion]! * $0.disagreement }
        .reduce(0, +)
      #expect(abs((1 - alpha) - weighted / pairable) < 1e-9, "round \(round)")
      // Most disagreement first.
      let values = report.criteriaByDisagreement.map(\.disagreement)
      #expect(values == values.sorted(by: >))
    }
  }

  @Test func aReviewerWhoStandsAloneIsNamed() throws {
    let report = try panel([
      "alice": ["datasets": "open", "model-card": "open", "training-code": "closed"],
      "bob": ["datasets": "open", "model-card": "open", "training-code": "closed"],
      "carol": ["datasets": "open", "model-card": "closed", "training-code": "open"],
    ])
    let carol = try #require(report.reviewerInfluence.first { $0.reviewer == "carol" })
    #expect(carol.alone == ["model-card", "training-code"])
    // Without carol, alice and bob agree throughout.
    #expect(carol.alphaWithout.value == 1)
    #expect(report.reviewerInfluence.first { $0.reviewer == "alice" }?.alone == [])
    #expect(
      report.criteriaByDisagreement.map(\.criterion).sorted() == ["model-card", "training-code"])
  }

  @Test func theMostContestedCriteriaAreCountedOverSubjects() throws {
    let split = try panel(["alice": ["datasets": "open"], "bob": ["datasets": "closed"]])
    let agreed = try panel(["alice": ["datasets": "open"], "bob": ["datasets": "open"]])
    let summary = PanelSummary(
      revision: "0", subjects: [split, split, agreed], failures: [], frameworks: [])
    let contested = summary.mostContested("mof-1.0")
    #expect(contested.map(\.criterion) == ["datasets"])
    #expect(contested.first?.subjects == 2)
  }
}

@Suite struct IntervalPlotTests {
  /// Each coefficient with a value is a row: a bar from its lower to its upper bound and a dot
  /// at its value, between the dashed thresholds.
  @Test func theReportPlotsEachCoefficientWithItsInterval() throws {
    var random = SeededGenerator(seed: 0x9107)
    var judged: [ReviewerID: [CriterionID: LevelID]] = [:]
    let criteria = try ReviewSnapshot(source: EmptySource()).framework("mof-1.0").criteria.map(\.id)
    for reviewer in ["alice", "bob", "carol"] as [ReviewerID] {
      for criterion in criteria {
        judged[reviewer, default: [:]][criterion] =
          Double.random(in: 0..<1, using: &random) < 0.7
          ? "open" : (["closed", "restricted"] as [LevelID]).randomElement(using: &random)!
      }
    }
    let agreement = try panel(judged).agreement
    let plot = IntervalPlot(agreement, bootstrap: agreement.alphaBootstrap)
    #expect(plot.rows.map(\.name) == ["alpha", "AC2", "Fleiss' kappa"])
    for row in plot.rows {
      #expect(row.lower <= row.value && row.value <= row.upper, "\(row.name)")
    }
    let svg = plot.svg
    #expect(svg.components(separatedBy: "<circle").count - 1 == 3)
    #expect(svg.components(separatedBy: "stroke-dasharray").count - 1 == 2)
    #expect(!svg.contains("<script"))
  }
}
