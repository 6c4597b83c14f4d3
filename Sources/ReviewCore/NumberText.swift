import Foundation

/// Numbers as people read them: rounded to a number of decimals, whole numbers without a
/// decimal point. Safe for any value, however large (no conversion to `Int` that could trap).
public enum NumberText {
  /// `value` rounded to `places` decimals: `42`, `42.5`; `places` decimals at most, none when the
  /// rounded value is whole. Infinities and NaN are written as `inf`, `-inf` and `nan`.
  public static func rounded(_ value: Double, places: Int = 1) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : value < 0 ? "-inf" : "inf" }
    let scale = pow(10, Double(places))
    let rounded = (value * scale).rounded() / scale
    if rounded == rounded.rounded() {
      return String(format: "%.0f", rounded == 0 ? 0 : rounded)
    }
    return String(format: "%.\(places)f", rounded)
  }

  /// `value` with exactly `digits` decimals: `0.800`.
  public static func fixed(_ value: Double, digits: Int) -> String {
    guard value.isFinite else { return value.isNaN ? "nan" : value < 0 ? "-inf" : "inf" }
    return String(format: "%.\(digits)f", value)
  }

  /// `rounded(value)` followed by `%`.
  public static func percent(_ value: Double, places: Int = 1) -> String {
    rounded(value, places: places) + "%"
  }
}
