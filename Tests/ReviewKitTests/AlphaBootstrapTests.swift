import Foundation
import TestSupport
import Testing

@testable import ReviewCore

/// Alpha's distribution drawn plainly, as a check on the bootstrap: every ordered pair of
/// values within a unit, weighted 1/(m − 1), is a ticket; each resample draws as many pairs as
/// the units hold (Σ m(m − 1)/2) and puts the mean squared distance of the pairs drawn over
/// alpha's expected disagreement, computed here from its definition. Nominal and interval
/// distances only, which need no marginals.
private func plainDistribution(
  _ units: [[Double?]], interval: Bool, draws: Int, seed: UInt64
) -> [Double] {
  let pairable = units.map { $0.compactMap { $0 } }.filter { $0.count >= 2 }
  var tickets: [(a: Double, b: Double, weight: Double)] = []
  for values in pairable {
    for i in values.indices {
      for j in values.indices where i != j {
        tickets.append((values[i], values[j], 1 / Double(values.count - 1)))
      }
    }
  }
  func distance(_ a: Double, _ b: Double) -> Double {
    interval ? (a - b) * (a - b) : (a == b ? 0 : 1)
  }
  let all = pairable.flatMap { $0 }
  let n = Double(all.count)
  var expected = 0.0
  for a in all { for b in all { expected += distance(a, b) } }
  expected /= n * (n - 1)
  let pairs = pairable.map { $0.count * ($0.count - 1) / 2 }.reduce(0, +)
  let totalWeight = tickets.map(\.weight).reduce(0, +)
  var random = SeededGenerator(seed: seed)
  return (0..<draws).map { _ in
    var sum = 0.0
    for _ in 0..<pairs {
      var r = Double.random(in: 0..<totalWeight, using: &random)
      var chosen = tickets[tickets.count - 1]
      for ticket in tickets {
        if r < ticket.weight {
          chosen = ticket
          break
        }
        r -= ticket.weight
      }
      sum += distance(chosen.a, chosen.b)
    }
    return 1 - sum / Double(pairs) / expected
  }.sorted()
}

private func quantile(_ sorted: [Double], _ p: Double) -> Double {
  sorted[Int((p * Double(sorted.count - 1)).rounded())]
}

/// The bootstrap's quantiles against the plain resampling's, within sampling error.
private func checkAgainstPlain(_ units: [[Double?]], metric: AlphaMetric, label: String) throws {
  let draws = 4000
  let bootstrap = try AlphaBootstrap.draw(
    units, metric: metric, draws: draws, confidence: 0.9, seed: 7, minimums: [0.667]
  ).get()
  let plain = plainDistribution(units, interval: metric == .interval, draws: draws, seed: 99)
  // Quantiles of 4,000 draws differ between two samplers by a few hundredths at most.
  #expect(abs(bootstrap.lower - quantile(plain, 0.05)) < 0.04, "\(label) lower")
  #expect(abs(bootstrap.upper - quantile(plain, 0.95)) < 0.04, "\(label) upper")
  let below = Double(plain.filter { $0 < 0.667 }.count) / Double(plain.count)
  #expect(abs((bootstrap.below[0.667] ?? -1) - below) < 0.04, "\(label) P(alpha < 0.667)")
  let alpha = try #require(Agreement.alpha(units, metric: metric).value)
  #expect(bootstrap.lower <= alpha && alpha <= bootstrap.upper, "\(label) holds alpha")
}

@Suite struct AlphaBootstrapTests {
  @Test func krippendorffsWorkedExampleAgreesWithAPlainResampling() throws {
    let example = try #require(try reference()["krippendorff_2011_4x12"] as? [String: Any])
    let units = try matrix(example)
    for metric in [AlphaMetric.nominal, .interval] {
      try checkAgainstPlain(units, metric: metric, label: "2011 \(metric)")
    }
    // 40 pairable values: 8 units of 4 values (6 pairs each), 2 of 3 (3 pairs), 1 of 2.
    let boot = try AlphaBootstrap.draw(
      units, metric: .nominal, draws: 100, confidence: 0.95, seed: 1, minimums: []
    ).get()
    #expect(boot.pairs == 8 * 6 + 2 * 3 + 1)
  }

  @Test func randomPanelsAgreeWithAPlainResampling() throws {
    var random = SeededGenerator(seed: 0xB007)
    for round in 0..<12 {
      let units: [[Double?]] = (0..<Int.random(in: 12...30, using: &random)).map { _ in
        let truth = Double(Int.random(in: 0...2, using: &random))
        return (0..<3).map { _ -> Double? in
          let draw = Double.random(in: 0..<1, using: &random)
          if draw < 0.1 { return nil }
          return draw < 0.8 ? truth : Double(Int.random(in: 0...2, using: &random))
        }
      }
      try checkAgainstPlain(
        units, metric: round.isMultiple(of: 2) ? .nominal : .interval, label: "panel \(round)")
    }
  }

  /// Past the limit of pairs drawn one by one, the normal limit of their mean gives the same
  /// distribution, within sampling error.
  @Test func theNormalLimitAgreesWithDrawingEachPair() throws {
    var random = SeededGenerator(seed: 0x4E0A)
    let units: [[Double?]] = (0..<400).map { _ in
      let truth = Double(Int.random(in: 0...2, using: &random))
      return (0..<4).map { _ -> Double? in
        Double.random(in: 0..<1, using: &random) < 0.85
          ? truth : Double(Int.random(in: 0...2, using: &random))
      }
    }
    for metric in [AlphaMetric.nominal, .ordinal, .interval] {
      let direct = try AlphaBootstrap.draw(
        units, metric: metric, draws: 2000, confidence: 0.9, seed: 3, minimums: [0.8]
      ).get()
      let limit = try AlphaBootstrap.draw(
        units, metric: metric, draws: 2000, confidence: 0.9, seed: 4, minimums: [0.8],
        directLimit: 10
      ).get()
      #expect(direct.pairs == 2400)
      #expect(abs(direct.lower - limit.lower) < 0.015, "\(metric) lower")
      #expect(abs(direct.upper - limit.upper) < 0.015, "\(metric) upper")
      #expect(abs((direct.below[0.8] ?? -1) - (limit.below[0.8] ?? -2)) < 0.05, "\(metric)")
    }
  }

  @Test func theSameSeedGivesTheSameDistribution() throws {
    let units: [[Double?]] = [[0, 0, 1], [1, 1, 1], [2, 2, nil], [0, 1, 2], [2, 2, 2]]
    let first = try AlphaBootstrap.draw(
      units, metric: .ordinal, draws: 500, confidence: 0.95, seed: 42, minimums: [0.8]
    ).get()
    let again = try AlphaBootstrap.draw(
      units, metric: .ordinal, draws: 500, confidence: 0.95, seed: 42, minimums: [0.8]
    ).get()
    let other = try AlphaBootstrap.draw(
      units, metric: .ordinal, draws: 500, confidence: 0.95, seed: 43, minimums: [0.8]
    ).get()
    #expect(first == again)
    #expect(first != other)
    #expect(first.lower <= first.upper)
  }

  @Test func nothingPairableHasNoDistribution() {
    let result = AlphaBootstrap.draw(
      [[1, nil], [nil, 2]], metric: .nominal, draws: 100, confidence: 0.95, seed: 1, minimums: [])
    #expect(result == .failure(.noPairableUnit))
  }
}
