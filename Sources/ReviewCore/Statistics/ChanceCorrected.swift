import Foundation

/// How much two different levels count as agreeing in a weighted coefficient (Gwet 2014, §3.5):
/// 1 for the same level, less the further apart they are.
public enum AgreementWeights: String, Sendable, CaseIterable, Codable {
  /// Only the same level agrees (AC1, unweighted kappa).
  case identity
  /// By how many levels lie between, in rank: 1 − C(|k−l|+1, 2) / max.
  case ordinal
  /// By the distance of the levels' values: 1 − |x_k − x_l| / (x_max − x_min).
  case linear
  /// By the squared distance of the levels' values: 1 − (x_k − x_l)² / (x_max − x_min)².
  case quadratic

  /// The q × q weights for levels with these values, in the scale's order.
  public func matrix(values: [Double]) -> [[Double]] {
    let q = values.count
    let range = (values.max() ?? 0) - (values.min() ?? 0)
    return (0..<q).map { k in
      (0..<q).map { l in
        if k == l { return 1 }
        switch self {
        case .identity: return 0
        case .ordinal:
          let step = Double(abs(k - l))
          let widest = Double(q - 1)
          return 1 - (step * (step + 1) / 2) / (widest * (widest + 1) / 2)
        case .linear:
          return range > 0 ? 1 - abs(values[k] - values[l]) / range : 0
        case .quadratic:
          let difference = values[k] - values[l]
          return range > 0 ? 1 - difference * difference / (range * range) : 0
        }
      }
    }
  }
}

/// A chance-corrected agreement coefficient with its uncertainty: value, observed and chance
/// agreement, standard error and confidence interval, over the units rated.
public struct ChanceCorrectedAgreement: Sendable, Equatable, Codable {
  /// The coefficient: (observed − chance) / (1 − chance).
  public var value: Double
  /// The weighted share of agreeing pairs (p_a).
  public var observed: Double
  /// The agreement expected by chance (p_e).
  public var chance: Double
  /// The standard error, by Gwet's linearisation, for units drawn from an infinite population.
  public var standardError: Double
  /// The lower bound of the confidence interval (Student's t, n − 1 degrees of freedom).
  public var lower: Double
  /// The upper bound, at most 1.
  public var upper: Double
  /// The confidence level of the interval.
  public var confidence: Double
  /// The units with at least one value (n).
  public var units: Int
  /// The units with two values or more, which alone say anything of agreement.
  public var pairableUnits: Int
}

extension Agreement {
  /// The chance agreement a coefficient corrects for.
  public enum Chance: Sendable {
    /// Gwet's AC1/AC2: the propensity to agree on hard-to-rate units,
    /// T_w / (q(q−1)) · Σ_k π_k(1 − π_k).
    case gwet
    /// Fleiss' generalized kappa: any two ratings agreeing, Σ_kl w_kl π_k π_l.
    case fleiss
  }

  /// Gwet's AC1 (identity weights) or AC2, or Fleiss' kappa, over a units × raters matrix of
  /// level indices (0..<q, nil where a rater gave none), with the standard error and interval
  /// Gwet (2014) defines. Missing values are allowed; a unit with none is left out.
  ///
  /// Undefined when no unit has two values, fewer than two units have any (no variance), or
  /// chance agreement is 1 (nothing varies).
  public static func chanceCorrected(
    _ ratings: [[Int?]], levels q: Int, weights: [[Double]], chance: Chance,
    confidence: Double = 0.95
  ) -> Result<ChanceCorrectedAgreement, StatisticUndefined> {
    // r_ik: how many raters put unit i in level k; r_i: how many rated unit i.
    let counts: [[Double]] = ratings.compactMap { row in
      var count = Array(repeating: 0.0, count: q)
      for case let level? in row { count[level] += 1 }
      return count.contains { $0 > 0 } ? count : nil
    }
    let n = counts.count
    let raters = counts.map { $0.reduce(0, +) }
    let pairable = raters.filter { $0 >= 2 }.count
    guard pairable > 0 else { return .failure(.noPairableUnit) }
    guard n >= 2 else { return .failure(.oneUnit) }
    let un = Double(n)
    // Observed agreement per unit: Σ_k r_ik (r*_ik − 1) / (r_i (r_i − 1)), r*_ik = Σ_l w_kl r_il.
    let observedByUnit = zip(counts, raters).map { count, r -> Double in
      guard r >= 2 else { return 0 }
      var sum = 0.0
      for k in 0..<q where count[k] > 0 {
        var weighted = 0.0
        for l in 0..<q { weighted += weights[k][l] * count[l] }
        sum += count[k] * (weighted - 1)
      }
      return sum / (r * (r - 1))
    }
    let observed = observedByUnit.reduce(0, +) / Double(pairable)
    // π_k: the mean over units of the share of their ratings in level k.
    var shares = Array(repeating: 0.0, count: q)
    for (count, r) in zip(counts, raters) {
      for k in 0..<q { shares[k] += count[k] / r / un }
    }
    let totalWeight = weights.joined().reduce(0, +)
    let gwetFactor = q >= 2 ? totalWeight / Double(q * (q - 1)) : 0
    let expected: Double
    // What each unit adds to chance agreement, for the linearised variance.
    let chanceByUnit: [Double]
    switch chance {
    case .gwet:
      expected = gwetFactor * shares.map { $0 * (1 - $0) }.reduce(0, +)
      chanceByUnit = zip(counts, raters).map { count, r -> Double in
        var sum = 0.0
        for k in 0..<q { sum += count[k] / r * (1 - shares[k]) }
        return gwetFactor * sum
      }
    case .fleiss:
      var sum = 0.0
      for k in 0..<q { for l in 0..<q { sum += weights[k][l] * shares[k] * shares[l] } }
      expected = sum
      var symmetric = Array(repeating: 0.0, count: q)
      for k in 0..<q {
        for l in 0..<q { symmetric[k] += (weights[k][l] + weights[l][k]) / 2 * shares[l] }
      }
      chanceByUnit = zip(counts, raters).map { count, r -> Double in
        var sum = 0.0
        for k in 0..<q { sum += count[k] / r * symmetric[k] }
        return sum
      }
    }
    guard expected < 1 - 1e-12 else { return .failure(.noVariation) }
    let value = (observed - expected) / (1 - expected)
    var squares = 0.0
    let scale: Double = un / Double(pairable) / (1 - expected)
    for i in 0..<n {
      let unitChance: Double = raters[i] >= 2 ? expected : 0
      let unitValue: Double = scale * (observedByUnit[i] - unitChance)
      let correction: Double = 2 * (1 - value) * (chanceByUnit[i] - expected) / (1 - expected)
      let deviation: Double = unitValue - correction - value
      squares += deviation * deviation
    }
    let standardError = (squares / (un * (un - 1))).squareRoot()
    let margin = StudentT.quantile((1 + confidence) / 2, degrees: un - 1) * standardError
    return .success(
      ChanceCorrectedAgreement(
        value: value, observed: observed, chance: expected, standardError: standardError,
        lower: value - margin, upper: min(1, value + margin), confidence: confidence, units: n,
        pairableUnits: pairable))
  }
}

/// Why a coefficient has no value.
public enum StatisticUndefined: Error, Sendable, Equatable {
  case noPairableUnit
  case oneUnit
  case noVariation

  /// The reason in words.
  public var reason: String {
    switch self {
    case .noPairableUnit: return "no criterion was judged by two or more reviewers"
    case .oneUnit: return "one criterion alone was judged, so there is no spread to estimate"
    case .noVariation:
      return "every judgement has the same level, so agreement beyond chance is 0/0"
    }
  }
}
