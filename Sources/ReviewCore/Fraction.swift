import Foundation

/// An exact fraction in lowest terms, so thresholds such as 2/3 compare without rounding. It
/// holds any numerator and positive denominator that fit in `Int` (but `Int.min`), and every
/// comparison is made in double width, so no value read from a file can overflow it.
public struct Fraction: Hashable, Sendable, Comparable, CustomStringConvertible {
  /// The numerator, in lowest terms.
  public let numerator: Int
  /// The denominator, positive, in lowest terms.
  public let denominator: Int

  /// Why a text is not a fraction.
  public enum Problem: Error, Hashable, Sendable {
    /// Not `N/D`, `N.DDD` or `N`.
    case notANumber
    /// A number that a fraction of `Int`s cannot hold exactly.
    case outOfRange
  }

  /// nil when the denominator is not positive, or either part is `Int.min` (whose magnitude
  /// `Int` cannot hold).
  public init?(_ numerator: Int, _ denominator: Int) {
    guard denominator > 0, numerator != .min else { return nil }
    func gcd(_ a: Int, _ b: Int) -> Int { b == 0 ? a : gcd(b, a % b) }
    let divisor = max(gcd(abs(numerator), denominator), 1)
    self.numerator = numerator / divisor
    self.denominator = denominator / divisor
  }

  /// Parses `2/3`, `0.75` or `1`; nil for anything else, or a value it cannot hold.
  public init?(parsing text: String) {
    guard case .success(let fraction) = Self.parse(text) else { return nil }
    self = fraction
  }

  /// Parses `2/3`, `0.75` or `1`, saying why a text is refused.
  public static func parse(_ text: String) -> Result<Fraction, Problem> {
    let parts = text.split(separator: "/", omittingEmptySubsequences: false)
    if parts.count == 2 {
      guard let n = integer(parts[0]), let d = integer(parts[1]) else {
        return .failure(digitsOnly(parts[0]) && digitsOnly(parts[1]) ? .outOfRange : .notANumber)
      }
      return Fraction(n, d).map { .success($0) } ?? .failure(d <= 0 ? .notANumber : .outOfRange)
    }
    let pieces = text.split(separator: ".", omittingEmptySubsequences: false)
    // Decimals are unsigned: a threshold or a multiple of the mean is never negative.
    guard pieces.count <= 2, pieces[0].allSatisfy(\.isASCIIDigitLike),
      pieces.count == 1 || (!pieces[1].isEmpty && pieces[1].allSatisfy(\.isASCIIDigitLike)),
      !(pieces.count == 1 && pieces[0].isEmpty)
    else { return .failure(.notANumber) }
    guard let whole = pieces[0].isEmpty ? 0 : Int(pieces[0]) else { return .failure(.outOfRange) }
    guard pieces.count == 2 else { return .success(Fraction(whole, 1)!) }
    let digits = pieces[1]
    guard digits.count <= 18, let fraction = Int(digits) else { return .failure(.outOfRange) }
    var scale = 1
    for _ in 0..<digits.count { scale *= 10 }
    let (scaled, overflow) = whole.multipliedReportingOverflow(by: scale)
    let (sum, carry) = scaled.addingReportingOverflow(fraction)
    guard !overflow, !carry, let result = Fraction(sum, scale) else { return .failure(.outOfRange) }
    return .success(result)
  }

  private static func digitsOnly(_ text: Substring) -> Bool {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    let body =
      trimmed.hasPrefix("-") || trimmed.hasPrefix("+") ? trimmed.dropFirst() : Substring(trimmed)
    return !body.isEmpty && body.allSatisfy(\.isASCIIDigitLike)
  }

  private static func integer(_ text: Substring) -> Int? {
    guard digitsOnly(text) else { return nil }
    return Int(text.trimmingCharacters(in: .whitespaces))
  }

  /// The nearest double, for display and statistics; never for comparisons.
  public var value: Double { Double(numerator) / Double(denominator) }

  /// The value as people read it.
  public var description: String {
    denominator == 1 ? "\(numerator)" : "\(numerator)/\(denominator)"
  }

  /// Orders values for sorting.
  public static func < (lhs: Fraction, rhs: Fraction) -> Bool {
    less(lhs.numerator, rhs.denominator, than: rhs.numerator, lhs.denominator)
  }

  /// Whether `count` out of `total` reaches this fraction: count·denominator ≥ numerator·total,
  /// compared exactly in double width.
  public func isReached(by count: Int, of total: Int) -> Bool {
    !Self.less(count, denominator, than: numerator, total)
  }

  /// Whether a·b < c·d, computed in double width so that no product overflows.
  static func less(_ a: Int, _ b: Int, than c: Int, _ d: Int) -> Bool {
    let left = a.multipliedFullWidth(by: b)
    let right = c.multipliedFullWidth(by: d)
    return (left.high, left.low) < (right.high, right.low)
  }
}

extension Character {
  var isASCIIDigitLike: Bool { isASCII && isNumber }
}
