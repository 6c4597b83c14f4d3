import Foundation

/// The bootstrapped distribution of Krippendorff's alpha, by Krippendorff's own algorithm
/// (2006, revised 2011): resample the pairs of pairable values from the coincidence matrix and
/// recompute the observed disagreement, keeping the expected one.
///
/// Each draw takes M pairs with replacement, M being the number of pairs of values within the
/// units (Σ m_u(m_u − 1)/2), each pair (c, k) with probability o_ck / n..; its alpha is
/// 1 − D_o* / D_e, where D_o* is the mean δ²_ck of the pairs drawn. The interval is the
/// distribution's quantiles; the chance that alpha is below a minimum is the share of draws
/// below it.
///
/// Above `directLimit` pairs per draw (an index's thousands of units), the mean of the M pairs
/// is drawn from its normal limit instead, with the mean and variance of δ² under o_ck / n..
/// divided by M: the central limit theorem makes the two indistinguishable at that size, and a
/// draw then costs the same whatever M is.
public struct AlphaBootstrap: Sendable, Equatable, Codable {
  /// How many resamples were drawn.
  public var draws: Int
  /// The pairs each resample draws (M).
  public var pairs: Int
  /// The seed of the draws: the same data and seed give the same distribution.
  public var seed: UInt64
  /// The confidence level of the interval.
  public var confidence: Double
  /// The lower quantile, (1 − confidence)/2.
  public var lower: Double
  /// The upper quantile, (1 + confidence)/2.
  public var upper: Double
  /// For each minimum asked about, the share of draws below it.
  public var below: [Double: Double]

  /// The most pairs a draw samples one by one.
  public static let directLimit = 100_000

  /// Draws the distribution of alpha for a units × coders matrix of values.
  public static func draw(
    _ units: [[Double?]], metric: AlphaMetric, draws: Int, confidence: Double, seed: UInt64,
    minimums: [Double], directLimit: Int = directLimit
  ) -> Result<AlphaBootstrap, StatisticUndefined> {
    let disagreement: Disagreement
    switch Disagreement.of(units, metric: metric) {
    case .success(let value): disagreement = value
    case .failure(let why): return .failure(why)
    }
    let pairs = Agreement.pairable(units).map { $0.count * ($0.count - 1) / 2 }.reduce(0, +)
    // The cells of the coincidence matrix as a cumulative distribution, each with its δ².
    var cumulative: [Double] = []
    var deltas: [Double] = []
    var running = 0.0
    let count = disagreement.categories.count
    for c in 0..<count {
      for k in 0..<count where disagreement.coincidences[c][k] > 0 {
        running += disagreement.coincidences[c][k] / disagreement.total
        cumulative.append(running)
        deltas.append(disagreement.distance(c, k))
      }
    }
    var random = SplitMix64(seed: seed)
    // Each draw's mean δ² over its M pairs.
    let means: [Double]
    if pairs > directLimit {
      // δ²'s mean and variance under the cells' probabilities, for the normal limit.
      var previous = 0.0
      var mean = 0.0
      var square = 0.0
      for (share, delta) in zip(cumulative, deltas) {
        let p = (share - previous) / running
        previous = share
        mean += p * delta
        square += p * delta * delta
      }
      let spread = (max(0, square - mean * mean) / Double(pairs)).squareRoot()
      means = (0..<draws).map { _ in mean + spread * random.nextNormal() }
    } else {
      means = (0..<draws).map { _ in
        var sum = 0.0
        for _ in 0..<pairs {
          let r = random.nextUnit() * running
          // The first cell whose cumulative share exceeds r.
          var low = 0
          var high = cumulative.count - 1
          while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] > r { high = middle } else { low = middle + 1 }
          }
          sum += deltas[low]
        }
        return sum / Double(pairs)
      }
    }
    var alphas = means.map { 1 - $0 / disagreement.expected }
    alphas.sort()
    func quantile(_ p: Double) -> Double {
      // The empirical quantile with linear interpolation between order statistics.
      let position = p * Double(alphas.count - 1)
      let index = Int(position.rounded(.down))
      let next = min(index + 1, alphas.count - 1)
      return alphas[index] + (alphas[next] - alphas[index]) * (position - Double(index))
    }
    var below: [Double: Double] = [:]
    for minimum in minimums {
      below[minimum] = Double(alphas.filter { $0 < minimum }.count) / Double(alphas.count)
    }
    return .success(
      AlphaBootstrap(
        draws: draws, pairs: pairs, seed: seed, confidence: confidence,
        lower: quantile((1 - confidence) / 2), upper: quantile((1 + confidence) / 2),
        below: below))
  }
}

/// A small, fast generator whose stream depends on its seed alone (Steele, Lea and Flood's
/// SplitMix64), so that a bootstrap is reproducible on every machine.
public struct SplitMix64: RandomNumberGenerator, Sendable {
  private var state: UInt64

  /// A generator starting from `seed`.
  public init(seed: UInt64) { state = seed }

  /// The next 64 random bits.
  public mutating func next() -> UInt64 {
    state &+= 0x9E37_79B9_7F4A_7C15
    var z = state
    z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
    z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
    return z ^ (z >> 31)
  }

  /// A uniform number in [0, 1) with 53 random bits.
  public mutating func nextUnit() -> Double {
    Double(next() >> 11) * 0x1.0p-53
  }

  /// A standard normal number (Box and Muller).
  public mutating func nextNormal() -> Double {
    let u = 1 - nextUnit()  // in (0, 1], so that its logarithm is finite
    return (-2 * log(u)).squareRoot() * cos(2 * Double.pi * nextUnit())
  }
}
