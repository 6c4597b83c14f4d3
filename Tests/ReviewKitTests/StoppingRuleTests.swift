import Foundation
import TestSupport
import Testing

@testable import ReviewCodec
@testable import ReviewCore

@Suite struct StoppingRuleTests {
  private func read(_ text: String) throws -> (Settings?, [Diagnostic]) {
    Settings.read(try YAMLDocument.parse(Data(text.utf8), path: "review.yaml").get())
  }

  @Test func anyConditionThatHoldsStops() {
    let rule = StoppingRule(noContested: true, alphaLowerBound: 0.667, maximumRounds: 3)
    let going = rule.decide(rounds: 1, contested: 2, alphaLower: 0.5)
    #expect(!going.stop && going.conditions.map(\.holds) == [false, false, false])
    #expect(going.conditions.map(\.observed) == ["2 contested", "lower bound 0.5", "1 rounds"])
    #expect(rule.decide(rounds: 1, contested: 0, alphaLower: nil).stop)
    #expect(rule.decide(rounds: 1, contested: 1, alphaLower: 0.667).stop)
    #expect(rule.decide(rounds: 3, contested: 1, alphaLower: nil).stop)
    // An undefined alpha never meets a bound; a rule of no conditions never stops.
    #expect(
      !StoppingRule(alphaLowerBound: -1).decide(rounds: 9, contested: 0, alphaLower: nil).stop)
    #expect(!StoppingRule().decide(rounds: 99, contested: 0, alphaLower: 1).stop)
  }

  @Test func theRuleReadsWritesAndRefusesBadValues() throws {
    let (settings, problems) = try read(
      "schema: 1\nrounds:\n  stop:\n    no-contested: true\n    alpha-lower: 0.8\n    max-rounds: 4\n"
    )
    #expect(problems.isEmpty)
    let rule = try #require(settings?.stopping)
    #expect(rule == StoppingRule(noContested: true, alphaLowerBound: 0.8, maximumRounds: 4))
    let again = try read(String(decoding: try #require(settings).canonicalYAML(), as: UTF8.self))
    #expect(again.0?.stopping == rule)
    for (text, message) in [
      ("    max-rounds: 0\n", "rounds.stop.max-rounds '0' must be a whole number of at least 1"),
      ("    alpha-lower: 2\n", "rounds.stop.alpha-lower '2' must be a decimal from -1 to 1"),
      ("    no-contested: yes\n", "rounds.stop.no-contested 'yes' must be true or false"),
      ("    until: never\n", "unknown field 'rounds.stop.until'"),
      ("    {}\n", "rounds.stop names no condition"),
    ] {
      let (read, problems) = try read("schema: 1\nrounds:\n  stop:\n" + text)
      #expect(read == nil)
      #expect(problems.contains { $0.message.contains(message) }, "\(text): \(problems)")
      #expect(problems.allSatisfy { $0.line > 0 }, "\(problems)")
    }
  }
}
