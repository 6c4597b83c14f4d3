import Foundation
import TestSupport
import Testing

@testable import ReviewCodec
@testable import ReviewCore
@testable import ReviewRendering
@testable import ReviewStore

/// closed, restricted, open: the MOF's scale, for the tests of this target.
let ordinal = Scale(
  kind: .ordinal,
  levels: [
    Level(id: "closed", label: "c", value: 0), Level(id: "restricted", label: "r", value: 0.5),
    Level(id: "open", label: "o", value: 1),
  ])

@Suite struct ConsensusTests {
  let rule = ConsensusRule(method: .median, threshold: Fraction(2, 3)!, minimumReviewers: 2)

  @Test func lowerMedianIsTheConservativeLevelOnATie() {
    let result = rule.consensus(of: ["a": "open", "b": "closed"], scale: ordinal, criterion: "x")
    #expect(result.consensus == "closed")
    #expect(result.support == 0.5)
    #expect(result.status == .contested)
    let three = rule.consensus(
      of: ["a": "open", "b": "restricted", "c": "closed"], scale: ordinal, criterion: "x")
    #expect(three.consensus == "restricted")
  }

  @Test func thresholdIsComparedExactly() {
    // 2 of 3 is exactly 2/3: agreed. At 0.67 (67/100) it is not.
    let values: [ReviewerID: LevelID] = ["a": "open", "b": "open", "c": "closed"]
    #expect(rule.consensus(of: values, scale: ordinal, criterion: "x").status == .agreed)
    let strict = ConsensusRule(
      method: .median, threshold: Fraction(parsing: "0.67")!, minimumReviewers: 2)
    #expect(strict.consensus(of: values, scale: ordinal, criterion: "x").status == .contested)
  }

  @Test func aLoneReviewerGivesAnInsufficientConsensus() {
    let result = rule.consensus(of: ["a": "open"], scale: ordinal, criterion: "x")
    #expect(result.consensus == "open")
    #expect(result.status == .insufficient)
    let none = rule.consensus(of: [:], scale: ordinal, criterion: "x")
    #expect(none.consensus == nil && none.support == nil && none.status == .insufficient)
  }

  @Test func modeHasNoValueOnATie() {
    let mode = ConsensusRule(method: .mode, threshold: Fraction(1, 2)!, minimumReviewers: 2)
    let tied = mode.consensus(of: ["a": "open", "b": "closed"], scale: ordinal, criterion: "x")
    #expect(tied.consensus == nil)
    #expect(tied.status == .contested)
    #expect(
      mode.consensus(of: ["a": "open", "b": "open", "c": "closed"], scale: ordinal, criterion: "x")
        .consensus == "open")
  }

  @Test func meanTakesTheNearestLevelAndTheLowerOnATie() {
    let mean = ConsensusRule(method: .mean, threshold: Fraction(2, 3)!, minimumReviewers: 2)
    // mean 0.5 is restricted exactly; mean 0.25 is between closed and restricted: lower.
    #expect(
      mean.consensus(of: ["a": "open", "b": "closed"], scale: ordinal, criterion: "x").consensus
        == "restricted")
    #expect(
      mean.consensus(of: ["a": "restricted", "b": "closed"], scale: ordinal, criterion: "x")
        .consensus == "closed")
    #expect(
      mean.consensus(
        of: ["a": "open", "b": "open", "c": "restricted"], scale: ordinal, criterion: "x"
      ).consensus == "open")
  }

  @Test func overridesReplaceFieldByField() {
    let rule = ConsensusRule.defaults(for: .ordinal).applying(
      ConsensusOverride(minimumReviewers: 3))
    #expect(
      rule.method == .median && rule.threshold == Fraction(2, 3) && rule.minimumReviewers == 3)
  }
}

@Suite struct OutcomeTests {
  private func framework(_ id: FrameworkID) throws -> Framework {
    try ReviewSnapshot(source: EmptySource()).framework(id)
  }

  @Test func mofTiersUseTheResearchPaperForAMissingTechnicalReport() throws {
    let mof = try framework("mof-1.0")
    guard case .tiers(let tiers) = mof.outcomes.first else {
      throw TestFailure("no tiers")
    }
    var levels = Dictionary(uniqueKeysWithValues: mof.criteria.map { ($0.id, LevelID("open")) })
    #expect(tiers.evaluate(levels, scale: mof.scale).tier.id == "class-1")
    levels["technical-report"] = "closed"
    let substituted = tiers.evaluate(levels, scale: mof.scale)
    #expect(substituted.tier.id == "class-1")
    levels["research-paper"] = "restricted"
    let neither = tiers.evaluate(levels, scale: mof.scale)
    #expect(neither.tier.id == "unclassified")
    #expect(neither.progress.map(\.percent).map { ($0 * 100).rounded() / 100 } == [83.33, 0, 0])
  }

  @Test func scoresAreMeansAsPercentOrSums() throws {
    let index = try framework("osai-index-2026")
    guard case .score(let score) = index.outcomes.first else {
      throw TestFailure("no score")
    }
    #expect(
      score.evaluate(["licenses": "open", "paper": "partial", "code": "closed"], framework: index)
        == 50)
    #expect(score.evaluate([:], framework: index) == nil)
    let fmti = try framework("fmti-2024")
    guard case .score(let sum) = fmti.outcomes.first else {
      throw TestFailure("no score")
    }
    let levels = Dictionary(
      uniqueKeysWithValues: fmti.criteria.prefix(30).map { ($0.id, LevelID("yes")) })
    #expect(sum.evaluate(levels, framework: fmti) == 30)
    #expect(fmti.criteria.count == 100)
  }

  @Test func voteRubricBandsByMultiplesOfTheMean() throws {
    let ballot = try framework("osi-codesign-2024")
    guard case .voteRubric(let rubric) = ballot.outcomes.first else {
      throw TestFailure("no rubric")
    }
    #expect(ballot.criteria.count == 68)
    // Two voters: weights get all 8 votes (4 freedoms × 2), datasets 2, model card 1, others 0.
    // 17 groups, 11 votes: µ = 11/17 ≈ 0.65; 8 ≥ 2µ required; 2 ≥ 2µ required; 1 ≥ 1.5µ likely.
    var first: [CriterionID: LevelID] = [:]
    var second: [CriterionID: LevelID] = [:]
    for freedom in ["use", "study", "modify", "share"] {
      first["model-parameters-final.\(freedom)"] = "yes"
      second["model-parameters-final.\(freedom)"] = "yes"
    }
    first["datasets.study"] = "yes"
    second["datasets.modify"] = "yes"
    first["model-card.study"] = "yes"
    second["model-card.use"] = "no"
    let tally = rubric.evaluate([first, second], framework: ballot)
    #expect(tally.votes.first { $0.group == "model-parameters-final" }?.count == 8)
    #expect(abs(tally.mean - 11.0 / 17.0) < 1e-12)
    #expect(tally.bands["model-parameters-final"] == "required")
    #expect(tally.bands["datasets"] == "required")
    #expect(tally.bands["model-card"] == "likely-required")
    #expect(tally.bands["training-code"] == "likely-not-required")
  }
}
