import Foundation
import TestSupport
import Testing

@testable import ReviewCodec
@testable import ReviewCore
@testable import ReviewRendering
@testable import ReviewStore

/// The published worked examples in Tests/Fixtures/irr/reference.json.
func reference() throws -> [String: Any] {
  let data = Data(try projectFile("Tests/Fixtures/irr/reference.json").utf8)
  return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
}

func matrix(_ example: [String: Any]) throws -> [[Double?]] {
  let rows = try #require(example["units_x_raters"] as? [[Any]])
  return rows.map { $0.map { ($0 as? NSNumber)?.doubleValue } }
}

private func close(_ statistic: Statistic, _ expected: Double?, tolerance: Double = 1e-9) -> Bool {
  guard let value = statistic.value, let expected else { return false }
  return abs(value - expected) <= tolerance
}

@Suite struct AgreementTests {
  @Test(arguments: [
    "krippendorff_2011_4x12", "krippendorff_2011_binary_2x10", "wikipedia_alpha_3x15",
  ])
  func alphaReproducesThePublishedValues(name: String) throws {
    let example = try #require(try reference()[name] as? [String: Any])
    let units = try matrix(example)
    let expected = try #require(example["alpha"] as? [String: Double])
    #expect(!expected.isEmpty)
    for (metric, value) in expected {
      let statistic = Agreement.alpha(units, metric: try #require(AlphaMetric(rawValue: metric)))
      #expect(
        close(statistic, value),
        "\(name) \(metric): \(String(describing: statistic.value)) vs \(value)")
    }
  }

  @Test func percentAgreementIsTheMeanOverPairableUnits() throws {
    let example = try #require(try reference()["krippendorff_2011_4x12"] as? [String: Any])
    let expected = try #require(example["percent_agreement_mean_pairwise"] as? Double)
    #expect(close(Agreement.percentAgreement(try matrix(example)), expected))
  }

  @Test func fleissKappaFromCounts() throws {
    let example = try #require(try reference()["fleiss_wikipedia_10x14"] as? [String: Any])
    let counts = try #require(example["subjects_x_category_counts"] as? [[Int]])
    #expect(close(Agreement.fleissKappa(counts: counts), example["fleiss_kappa"] as? Double))
  }

  @Test func fleissKappaAndAlphaOnTheDiagnoses() throws {
    let example = try #require(try reference()["fleiss_1971_diagnoses_30x6"] as? [String: Any])
    let units = try matrix(example)
    #expect(close(Agreement.fleissKappa(units), example["fleiss_kappa"] as? Double))
    // The file gives alpha to 10 decimals.
    #expect(
      close(
        Agreement.alpha(units, metric: .nominal), example["krippendorff_alpha_nominal"] as? Double,
        tolerance: 1e-10))
  }

  @Test func edgeCasesAreUndefinedOrNegativeNeverClamped() {
    let same: [[Double?]] = [[1, 1], [1, 1], [1, nil]]
    #expect(Agreement.alpha(same, metric: .nominal).value == nil)
    #expect(Agreement.alpha(same, metric: .nominal).reason != nil)
    #expect(Agreement.fleissKappa([[1, 1], [1, 1]]).value == nil)
    #expect(Agreement.alpha([[1, 2], [2, 1], [1, 1], [2, 2]], metric: .nominal).value != nil)
    #expect(Agreement.alpha([[1, 1], [2, 2], [3, 3]], metric: .ordinal).value == 1)
    #expect(
      Agreement.alpha([[1, nil], [nil, 2]], metric: .nominal).reason
        == "no criterion was judged by two or more reviewers")
    #expect(Agreement.percentAgreement([[1, nil]]).value == nil)
    let systematic = Agreement.alpha([[0, 1], [1, 0], [0, 1], [1, 0]], metric: .nominal)
    #expect(systematic.value! < 0)
    #expect(close(systematic, -0.75))
    #expect(
      Agreement.fleissKappa([[1, 2, 3], [1, 2, nil]]).reason
        == "criteria were judged by different numbers of reviewers")
  }

  /// Alpha against a straightforward computation from its definition over all pairs of values
  /// (D_o and D_e as mean distances within units and over all values), on generated matrices
  /// with missing values.
  @Test func alphaMatchesTheDefinitionOnGeneratedMatrices() {
    var generator = SeededGenerator(seed: 20_241_028)
    for _ in 0..<200 {
      let units = Int.random(in: 2...12, using: &generator)
      let coders = Int.random(in: 2...6, using: &generator)
      let levels = [0.0, 0.5, 1.0, 2.0, 3.0].prefix(Int.random(in: 2...5, using: &generator))
      let data: [[Double?]] = (0..<units).map { _ in
        (0..<coders).map { _ in
          Bool.random(using: &generator) && Bool.random(using: &generator)
            ? nil : levels.randomElement(using: &generator)!
        }
      }
      for metric in AlphaMetric.allCases {
        let fast = Agreement.alpha(data, metric: metric)
        let slow = definitionalAlpha(data, metric: metric)
        if let slow {
          #expect(fast.value != nil && abs(fast.value! - slow) < 1e-9, "\(metric) \(data)")
        } else {
          #expect(fast.value == nil)
        }
      }
    }
  }
}

/// Alpha from its definition: D_o averages δ² over all ordered pairs of values within each
/// pairable unit (weighted 1/(m_u − 1)), D_e over all ordered pairs of pairable values.
private func definitionalAlpha(_ data: [[Double?]], metric: AlphaMetric) -> Double? {
  let units = data.map { $0.compactMap { $0 } }.filter { $0.count >= 2 }
  let values = units.flatMap { $0 }
  let n = Double(values.count)
  guard n > 1 else { return nil }
  let sorted = values.sorted()
  func delta(_ a: Double, _ b: Double) -> Double {
    switch metric {
    case .nominal: return a == b ? 0 : 1
    case .interval: return (a - b) * (a - b)
    case .ratio: return a + b == 0 ? 0 : ((a - b) / (a + b)) * ((a - b) / (a + b))
    case .ordinal:
      if a == b { return 0 }
      let (low, high) = (min(a, b), max(a, b))
      let between = Double(sorted.filter { $0 >= low && $0 <= high }.count)
      let ends = Double(sorted.filter { $0 == low }.count + sorted.filter { $0 == high }.count) / 2
      return (between - ends) * (between - ends)
    }
  }
  var observed = 0.0
  for unit in units {
    var sum = 0.0
    for i in unit.indices { for j in unit.indices where i != j { sum += delta(unit[i], unit[j]) } }
    observed += sum / Double(unit.count - 1)
  }
  observed /= n
  var expected = 0.0
  for i in values.indices {
    for j in values.indices where i != j { expected += delta(values[i], values[j]) }
  }
  expected /= n * (n - 1)
  guard expected > 0 else { return nil }
  return 1 - observed / expected
}
