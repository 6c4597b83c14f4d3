import Foundation
import TestSupport
import Testing

@testable import ReviewCodec
@testable import ReviewCore

private func report(_ units: [[LevelID?]], reading: AgreementReading = .standard)
  -> AgreementReport
{
  AgreementReport(levels: units, scale: ordinal, metric: .ordinal, reading: reading)
}

@Suite struct AgreementReadingTests {
  /// Two criteria, split 50/50: alpha's point estimate says nothing from so little.
  @Test func tooFewUnitsConcludeNothingWhateverAlphaSays() {
    let split = report([
      ["open", "open", "closed", "closed"], ["closed", "closed", "open", "open"],
    ])
    #expect(split.pairableUnits == 2)
    #expect(
      split.interpretation
        == "too few criteria judged by two or more reviewers (2, fewer than 10) to conclude anything about agreement, whatever the coefficients say"
    )
    var fewer = AgreementReading.standard
    fewer.minimumUnits = 2
    #expect(!report(split.levelsForTest, reading: fewer).interpretation.hasPrefix("too few"))
  }

  /// Most judgements at one level and nearly all agreeing: alpha is low, and the reading says
  /// why and gives AC2.
  @Test func thePrevalenceParadoxIsNamed() {
    var units: [[LevelID?]] = Array(repeating: ["open", "open", "open"], count: 15)
    units.append(["open", "open", "restricted"])
    units.append(["closed", "open", "open"])
    let skewed = report(units)
    #expect((skewed.alpha.value ?? 1) < 0.8)
    #expect((skewed.percentAgreement.value ?? 0) >= 0.8)
    #expect(skewed.commonestLevel?.level == "open")
    #expect(skewed.interpretation.hasPrefix("alpha is low ("))
    #expect(skewed.interpretation.contains("(the prevalence paradox)"))
    #expect(skewed.interpretation.contains("Gwet's AC2 (ordinal weights)"))
    guard case .success(let gwet) = skewed.gwet else {
      Issue.record("AC2 undefined")
      return
    }
    #expect(gwet.value > (skewed.alpha.value ?? 1))
    #expect(gwet.lower <= gwet.value && gwet.value <= gwet.upper)
  }

  @Test func thresholdsAreSettings() throws {
    let text = """
      schema: 1
      agreement:
        reliable: 0.9
        tentative: 0.7
        min-units: 5
        confidence: 0.9

      """
    let (settings, problems) = try read(text)
    #expect(problems.isEmpty)
    let reading = try #require(settings).agreement.resolved
    #expect(
      reading
        == AgreementReading(
          reliable: 0.9, tentative: 0.7, minimumUnits: 5, confidence: 0.9, draws: 1000, seed: 1))
    // Written back as read.
    let written = String(decoding: try #require(settings).canonicalYAML(), as: UTF8.self)
    #expect(
      written.hasSuffix(
        "agreement:\n  reliable: 0.9\n  tentative: 0.7\n  min-units: 5\n  confidence: 0.9\n"),
      "\(written)")
    let units: [[LevelID?]] = (0..<6).map {
      $0 % 2 == 0 ? ["open", "open"] : ["closed", "closed"]
    }
    #expect(report(units, reading: reading).interpretation == "reliable agreement (alpha ≥ 0.900)")
    #expect(try report(units, reading: reading).gwet.get().confidence == 0.9)
  }

  @Test func badAgreementSettingsAreNamed() throws {
    let text = """
      schema: 1
      agreement:
        reliable: 1.5
        tentative: 0.9
        min-units: 1
        confidence: 2

      """
    let (settings, problems) = try read(text)
    #expect(settings == nil)
    #expect(
      problems.map(\.description) == [
        "review.yaml:3:13: error: agreement.reliable '1.5' must be a decimal from 0.0 to 1.0",
        "review.yaml:4:14: error: agreement.tentative 0.9 must not be above agreement.reliable 0.8",
        "review.yaml:5:14: error: agreement.min-units '1' must be a whole number of at least 2",
        "review.yaml:6:15: error: agreement.confidence '2' must be a decimal from 0.5 to 0.999",
      ])
    // A reliable threshold below the default tentative one is out of order too.
    let (lower, problem) = try read("schema: 1\nagreement:\n  reliable: 0.5\n")
    #expect(lower == nil)
    #expect(
      problem.map(\.description) == [
        "review.yaml:3:13: error: agreement.tentative 0.667 must not be above agreement.reliable 0.5"
      ])
  }

  /// Thresholds out of order, as only code can give them, read in turn and never trap.
  @Test func thresholdsOutOfOrderStillRead() {
    var inverted = AgreementReading.standard
    inverted.reliable = 0.95
    inverted.tentative = 0.99
    inverted.minimumUnits = 2
    let units: [[LevelID?]] = [
      ["open", "open"], ["closed", "closed"], ["open", "restricted"], ["closed", "closed"],
      ["restricted", "restricted"], ["open", "open"],
    ]
    let alpha = report(units).alpha.value ?? 0
    #expect(alpha > 0.5 && alpha < 0.9)
    // Below both: the tentative band (0.99 up to 0.95) is empty, so the reading is "low".
    #expect(report(units, reading: inverted).interpretation.hasPrefix("low agreement"))
  }

  /// review.yaml's settings, read as the store reads them.
  private func read(_ text: String) throws -> (Settings?, [Diagnostic]) {
    Settings.read(try YAMLDocument.parse(Data(text.utf8), path: "review.yaml").get())
  }
}

extension AgreementReport {
  /// The two-criteria matrix of the first test, again.
  fileprivate var levelsForTest: [[LevelID?]] {
    [["open", "open", "closed", "closed"], ["closed", "closed", "open", "open"]]
  }
}
