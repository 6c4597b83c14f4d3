import Foundation

/// Student's t distribution, for the confidence intervals of agreement coefficients.
public enum StudentT {
  /// P(T ≤ t) for `degrees` degrees of freedom.
  public static func cdf(_ t: Double, degrees: Double) -> Double {
    guard t.isFinite else { return t > 0 ? 1 : 0 }
    // The tail beyond |t| is half the regularized incomplete beta I_x(ν/2, 1/2), x = ν/(ν+t²).
    let tail = 0.5 * regularizedBeta(degrees / (degrees + t * t), a: degrees / 2, b: 0.5)
    return t >= 0 ? 1 - tail : tail
  }

  /// The t with P(T ≤ t) = p, for 0 < p < 1.
  public static func quantile(_ p: Double, degrees: Double) -> Double {
    precondition(p > 0 && p < 1 && degrees > 0)
    if p == 0.5 { return 0 }
    if p < 0.5 { return -quantile(1 - p, degrees: degrees) }
    // Bracket, bisect, then polish with Newton's method on the density.
    var low = 0.0
    var high = 1.0
    while cdf(high, degrees: degrees) < p { (low, high) = (high, high * 2) }
    for _ in 0..<60 {
      let middle = (low + high) / 2
      if cdf(middle, degrees: degrees) < p { low = middle } else { high = middle }
    }
    var t = (low + high) / 2
    for _ in 0..<4 {
      let density = self.density(t, degrees: degrees)
      guard density > 0 else { break }
      let step = (cdf(t, degrees: degrees) - p) / density
      t -= step
      if abs(step) <= 1e-15 * max(1, abs(t)) { break }
    }
    return t
  }

  /// The density at t.
  static func density(_ t: Double, degrees v: Double) -> Double {
    let logNormaliser = lgamma((v + 1) / 2) - lgamma(v / 2) - 0.5 * log(v * Double.pi)
    return exp(logNormaliser - (v + 1) / 2 * log1p(t * t / v))
  }

  /// I_x(a, b), the regularized incomplete beta function, by its continued fraction
  /// (evaluated with the modified Lentz method), using the symmetry
  /// I_x(a, b) = 1 − I_{1−x}(b, a) where the fraction converges slowly.
  static func regularizedBeta(_ x: Double, a: Double, b: Double) -> Double {
    if x <= 0 { return 0 }
    if x >= 1 { return 1 }
    if x > (a + 1) / (a + b + 2) { return 1 - regularizedBeta(1 - x, a: b, b: a) }
    let logFront = lgamma(a + b) - lgamma(a) - lgamma(b) + a * log(x) + b * log1p(-x)
    let tiny = 1e-300
    var c = 1.0
    var d = 1 - (a + b) * x / (a + 1)
    d = abs(d) < tiny ? tiny : d
    d = 1 / d
    var fraction = d
    for m in 1...10_000 {
      let m = Double(m)
      // The even and the odd term of the fraction.
      for numerator in [
        m * (b - m) * x / ((a + 2 * m - 1) * (a + 2 * m)),
        -(a + m) * (a + b + m) * x / ((a + 2 * m) * (a + 2 * m + 1)),
      ] {
        d = 1 + numerator * d
        d = abs(d) < tiny ? tiny : d
        c = 1 + numerator / c
        c = abs(c) < tiny ? tiny : c
        d = 1 / d
        fraction *= d * c
      }
      if abs(d * c - 1) < 1e-16 { break }
    }
    return exp(logFront) * fraction / a
  }
}
