import Foundation

/// The distance metric of Krippendorff's alpha, which follows the scale's kind.
public enum AlphaMetric: String, Sendable, CaseIterable, Codable {
  case nominal, ordinal, interval, ratio
}

/// A statistic that may be undefined, in which case it says why instead of pretending 0 or 1.
public enum Statistic: Sendable, Equatable {
  /// A statistic with a value.
  case defined(Double)
  /// A statistic that cannot be computed, and why.
  case undefined(String)

  /// The value; nil when the statistic is undefined.
  public var value: Double? {
    if case .defined(let value) = self { return value }
    return nil
  }

  /// Why it is undefined; nil when it has a value.
  public var reason: String? {
    if case .undefined(let reason) = self { return reason }
    return nil
  }
}

/// Agreement coefficients over a units × coders matrix, `nil` for a missing value.
///
/// Krippendorff's alpha is computed from the coincidence matrix (Krippendorff 2011): every unit
/// with m ≥ 2 values contributes each ordered pair of its values with weight 1/(m−1);
/// alpha = 1 − D_o/D_e with the metric's squared distances. Units with fewer than two values are
/// not pairable and are ignored.
public enum Agreement {
  /// The values of units that have at least two, which alone can be paired.
  static func pairable(_ units: [[Double?]]) -> [[Double]] {
    units.map { $0.compactMap { $0 } }.filter { $0.count >= 2 }
  }

  /// Krippendorff's alpha with a metric; undefined when no unit is pairable or the pairable
  /// values do not vary (then observed and expected disagreement are both zero).
  public static func alpha(_ units: [[Double?]], metric: AlphaMetric) -> Statistic {
    switch Disagreement.of(units, metric: metric) {
    case .success(let disagreement):
      return .defined(1 - disagreement.observed / disagreement.expected)
    case .failure(let why): return .undefined(why.reason)
    }
  }

  /// The squared distance between categories `c` and `k` (indices into sorted `categories`).
  static func squaredDistance(
    metric: AlphaMetric, categories: [Double], marginals: [Double]
  ) -> (Int, Int) -> Double {
    switch metric {
    case .nominal:
      return { $0 == $1 ? 0 : 1 }
    case .ordinal:
      // (Σ_{g=c..k} n_g − (n_c + n_k)/2)², over categories in order.
      var prefix = [0.0]
      for marginal in marginals { prefix.append(prefix.last! + marginal) }
      return { c, k in
        let (low, high) = (min(c, k), max(c, k))
        let sum = prefix[high + 1] - prefix[low]
        let value = sum - (marginals[low] + marginals[high]) / 2
        return value * value
      }
    case .interval:
      return { c, k in
        let difference = categories[c] - categories[k]
        return difference * difference
      }
    case .ratio:
      return { c, k in
        let sum = categories[c] + categories[k]
        guard sum != 0 else { return 0 }
        let ratio = (categories[c] - categories[k]) / sum
        return ratio * ratio
      }
    }
  }

  /// Mean over pairable units of the share of agreeing pairs among all pairs of values.
  public static func percentAgreement(_ units: [[Double?]]) -> Statistic {
    let pairable = pairable(units)
    guard !pairable.isEmpty else {
      return .undefined("no criterion was judged by two or more reviewers")
    }
    let shares = pairable.map { values -> Double in
      var agreeing = 0
      var pairs = 0
      for i in 0..<values.count {
        for j in (i + 1)..<values.count {
          pairs += 1
          if values[i] == values[j] { agreeing += 1 }
        }
      }
      return Double(agreeing) / Double(pairs)
    }
    return .defined(shares.reduce(0, +) / Double(shares.count))
  }

  /// Fleiss' kappa over raw ratings: defined when every unit that has any value has the same
  /// number n ≥ 2 of values.
  public static func fleissKappa(_ units: [[Double?]]) -> Statistic {
    let rated = units.map { $0.compactMap { $0 } }.filter { !$0.isEmpty }
    guard let n = rated.first?.count else { return .undefined("nothing was judged") }
    guard rated.allSatisfy({ $0.count == n }) else {
      return .undefined("criteria were judged by different numbers of reviewers")
    }
    guard n >= 2 else { return .undefined("each criterion was judged by one reviewer only") }
    let categories = Array(Set(rated.joined())).sorted()
    let counts = rated.map { values in
      categories.map { category in values.filter { $0 == category }.count }
    }
    return fleissKappa(counts: counts)
  }

  /// Fleiss' kappa from subjects × categories counts, every row summing to the same n ≥ 2.
  public static func fleissKappa(counts: [[Int]]) -> Statistic {
    guard let n = counts.first?.reduce(0, +), n >= 2,
      counts.allSatisfy({ $0.reduce(0, +) == n })
    else { return .undefined("subjects were rated by different numbers of raters, or by one") }
    let subjects = Double(counts.count)
    let raters = Double(n)
    let agreement = counts.map { row in
      (Double(row.map { $0 * $0 }.reduce(0, +)) - raters) / (raters * (raters - 1))
    }
    let observed = agreement.reduce(0, +) / subjects
    let categoryCount = counts[0].count
    let shares = (0..<categoryCount).map { category in
      Double(counts.map { $0[category] }.reduce(0, +)) / (subjects * raters)
    }
    let chance = shares.map { $0 * $0 }.reduce(0, +)
    guard chance < 1 else {
      return .undefined("every judgement has the same level, so agreement beyond chance is 0/0")
    }
    return .defined((observed - chance) / (1 - chance))
  }
}
