import Foundation

/// The disagreements alpha is made of (Krippendorff 2011): the coincidence matrix of the
/// pairable values, and from it the observed disagreement D_o and the expected one D_e, with
/// alpha = 1 − D_o / D_e.
struct Disagreement {
  /// The distinct values, in order.
  let categories: [Double]
  /// o_ck: every unit with m ≥ 2 values adds each ordered pair of its values with weight
  /// 1/(m − 1).
  let coincidences: [[Double]]
  /// n..: the pairable values.
  let total: Double
  /// δ²_ck, by the metric.
  let distance: (Int, Int) -> Double
  /// D_o = Σ o_ck δ²_ck / n..
  let observed: Double
  /// D_e = Σ n_c n_k δ²_ck / (n.. (n.. − 1)).
  let expected: Double

  /// The disagreements of a units × coders matrix; a failure when no unit is pairable or the
  /// values do not vary.
  static func of(_ units: [[Double?]], metric: AlphaMetric) -> Result<
    Disagreement, StatisticUndefined
  > {
    // One pass for the distinct values of the pairable units, one to count each unit's values
    // by category: a unit adds n_uc n_uk / (m − 1) to o_ck and n_uc (n_uc − 1) / (m − 1) to
    // o_cc, which is its ordered pairs weighted 1/(m − 1), in O(m + q²) rather than O(m²).
    var distinct: Set<Double> = []
    var pairableCount = 0
    for unit in units {
      var m = 0
      for value in unit where value != nil { m += 1 }
      guard m >= 2 else { continue }
      pairableCount += 1
      for case let value? in unit { distinct.insert(value) }
    }
    guard pairableCount > 0 else { return .failure(.noPairableUnit) }
    let categories = distinct.sorted()
    let index = Dictionary(uniqueKeysWithValues: categories.enumerated().map { ($1, $0) })
    let count = categories.count
    var coincidences = Array(repeating: Array(repeating: 0.0, count: count), count: count)
    var tally = Array(repeating: 0.0, count: count)
    for unit in units {
      var m = 0.0
      for value in unit where value != nil { m += 1 }
      guard m >= 2 else { continue }
      for case let value? in unit { tally[index[value]!] += 1 }
      defer { for c in 0..<count { tally[c] = 0 } }
      let weight = 1 / (m - 1)
      for c in 0..<count where tally[c] > 0 {
        for k in 0..<count where tally[k] > 0 {
          coincidences[c][k] += (c == k ? tally[c] * (tally[c] - 1) : tally[c] * tally[k]) * weight
        }
      }
    }
    guard count > 1 else { return .failure(.noVariation) }
    let marginals = coincidences.map { $0.reduce(0, +) }
    let total = marginals.reduce(0, +)
    let distance = Agreement.squaredDistance(
      metric: metric, categories: categories, marginals: marginals)
    var observed = 0.0
    var expected = 0.0
    for c in 0..<count {
      for k in 0..<count where c != k {
        let delta = distance(c, k)
        observed += coincidences[c][k] * delta
        expected += marginals[c] * marginals[k] * delta
      }
    }
    guard expected > 0 else { return .failure(.noVariation) }
    return .success(
      Disagreement(
        categories: categories, coincidences: coincidences, total: total, distance: distance,
        observed: observed / total, expected: expected / (total * (total - 1))))
  }
}
