import Foundation
import TestSupport
import Testing

@testable import ReviewCodec
@testable import ReviewCore
@testable import ReviewRendering
@testable import ReviewStore

/// Every numeric field of the settings and of a template, fed random numerals: each one reads
/// as a value the tool then uses without trapping (consensus, agreement, outcomes, JSON), or is
/// refused with a diagnostic at the field's own line and column.
@Suite struct NumeralPropertyTests {
  /// Numerals of every kind a file could hold: extremes of `Int`, long digit strings, decimals,
  /// fractions, exponents, signs, and words that look like numbers.
  private static func numeral(_ random: inout SeededGenerator) -> String {
    let extremes = [
      "9223372036854775807", "-9223372036854775808", "9223372036854775808", "0", "-0", "1", "2",
      "3", "1e308", "-1e308", "1e309", "1e-320", "nan", ".inf", "-.inf", "0x10", "1_000", "+5",
      "0.", ".5", "00000000000000000000000000001", "18446744073709551616", "1.7976931348623157e308",
    ]
    func digits(_ count: Int) -> String {
      String((0..<count).map { _ in Character(String(Int.random(in: 0...9, using: &random))) })
    }
    func part() -> String {
      switch Int.random(in: 0..<4, using: &random) {
      case 0: return extremes.randomElement(using: &random)!
      case 1: return digits(Int.random(in: 1...25, using: &random))
      case 2: return "\(Int.random(in: Int.min...Int.max, using: &random))"
      default: return "\(Int.random(in: -3...20, using: &random))"
      }
    }
    switch Int.random(in: 0..<5, using: &random) {
    case 0: return part()
    case 1: return "\(part())/\(part())"
    case 2:
      return
        "\(digits(Int.random(in: 0...20, using: &random))).\(digits(Int.random(in: 1...25, using: &random)))"
    case 3: return "\(part())e\(Int.random(in: -400...400, using: &random))"
    default: return extremes.randomElement(using: &random)!
    }
  }

  /// A template with a number of its own at each numeric field.
  private static func template(_ n: [String]) -> String {
    """
    schema: 1
    id: numbers
    title: Numbers
    scale:
      kind: interval
      levels:
        - {id: low, label: Low, value: "\(n[0])"}
        - {id: high, label: High, value: "\(n[1])"}
    consensus:
      method: mean
      threshold: "\(n[2])"
      min-reviewers: "\(n[3])"
    criteria:
      - {id: a, title: A, group: g}
      - {id: b, title: B, group: h}
    outcomes:
      - {id: score, type: score, method: mean, percent: true}
      - {id: total, type: score, method: sum}
      - id: bands
        type: vote-rubric
        counts-at: high
        bands:
          - {id: top, at-least: "\(n[4])"}
          - {id: rest, at-least: "\(n[5])"}

    """
  }

  @Test func everyNumeralIsUsedOrRefusedAtItsPosition() throws {
    var random = SeededGenerator(seed: 0x5EED_0F_7A11)
    // Line and column of each numeral's opening quote in the template, found by markers.
    let marked = Self.template((0..<6).map { "#\($0)#" }).split(
      separator: "\n", omittingEmptySubsequences: false)
    let places = (0..<6).map { index -> (Int, Int) in
      let line = marked.firstIndex { $0.contains("#\(index)#") }!
      let column = marked[line].distance(
        from: marked[line].startIndex, to: marked[line].range(of: "\"#\(index)#")!.lowerBound)
      return (line + 1, column + 1)
    }
    for round in 0..<400 {
      let numerals = (0..<6).map { _ in Self.numeral(&random) }
      let text = Self.template(numerals)
      let document = try YAMLDocument.parse(Data(text.utf8), path: "templates/numbers.yaml").get()
      let (framework, problems) = Framework.read(document, expectedID: "numbers")
      for problem in problems {
        let place = places.firstIndex { $0 == (problem.line, problem.column) }
        #expect(place != nil, "round \(round): \(problem) for \(numerals)")
        if let place { #expect(problem.message.contains("'\(numerals[place])'"), "\(problem)") }
      }
      #expect((framework == nil) == !problems.isEmpty)
      guard let framework else { continue }
      let settings = Settings(
        consensus: ConsensusOverride(threshold: Fraction(parsing: numerals[2])))
      let evaluations = ["alice", "bob", "carol"].map { reviewer in
        Evaluation(
          subject: "s", reviewer: reviewer, framework: "numbers",
          judgements: [
            "a": Judgement(level: Bool.random(using: &random) ? "low" : "high"),
            "b": Judgement(level: Bool.random(using: &random) ? "low" : "high"),
          ])
      }
      let report = ConsensusReport(
        revision: "0", subject: Subject(id: "s", framework: "numbers"), framework: framework,
        evaluations: evaluations, settings: settings)
      #expect(throws: Never.self, "round \(round): \(numerals)") {
        _ = try JSONEncoder().encode(report)
      }
    }
  }

  @Test func everySettingsNumeralIsUsedOrRefusedAtItsPosition() throws {
    var random = SeededGenerator(seed: 0x5E77_1465)
    for round in 0..<400 {
      let threshold = Self.numeral(&random)
      let count = Self.numeral(&random)
      let text =
        "schema: 1\nconsensus:\n  threshold: \"\(threshold)\"\n  min-reviewers: \"\(count)\"\n"
      let document = try YAMLDocument.parse(Data(text.utf8), path: "review.yaml").get()
      let (settings, problems) = Settings.read(document)
      for problem in problems {
        #expect([3, 4].contains(problem.line) && problem.column > 2, "round \(round): \(problem)")
        let numeral = problem.line == 3 ? threshold : count
        #expect(problem.message.contains("'\(numeral)'"), "\(problem)")
      }
      #expect((settings == nil) == !problems.isEmpty)
      if let settings, let threshold = settings.consensus.threshold {
        #expect(threshold >= Fraction(0, 1)! && threshold <= Fraction(1, 1)!)
      }
    }
  }
}
