import Foundation
import ReviewCore
import Yams

extension AgreementSettings {
  /// The fields given, in the canonical order, for writing.
  var fields: [YAMLField] {
    var fields: [YAMLField] = []
    if let reliable { fields.append(YAMLField("reliable", .scalar("\(reliable)", plain: true))) }
    if let tentative {
      fields.append(YAMLField("tentative", .scalar("\(tentative)", plain: true)))
    }
    if let minimumUnits {
      fields.append(YAMLField("min-units", .scalar("\(minimumUnits)", plain: true)))
    }
    if let confidence {
      fields.append(YAMLField("confidence", .scalar("\(confidence)", plain: true)))
    }
    if let draws { fields.append(YAMLField("draws", .scalar("\(draws)", plain: true))) }
    if let seed { fields.append(YAMLField("seed", .scalar("\(seed)", plain: true))) }
    return fields
  }

  /// Reads the `agreement` field of `review.yaml`, if present: `reliable` and `tentative`
  /// thresholds from 0 to 1 (tentative not above reliable), `min-units` a whole number of at
  /// least 2, `confidence` from 0.5 to 0.999, `draws` from 100 to 1,000,000, `seed` any
  /// 64-bit whole number.
  static func read(_ reader: inout MappingReader) -> AgreementSettings {
    var result = AgreementSettings()
    guard let (node, _) = reader.node("agreement") else { return result }
    var fields = MappingReader(
      node, path: reader.path, what: "'agreement'", keyPrefix: "agreement.",
      diagnostics: &reader.diagnostics)
    defer { reader.diagnostics += fields.diagnostics }
    func number(_ key: String, in range: ClosedRange<Double>) -> Double? {
      guard let (text, mark) = fields.string(key) else { return nil }
      guard let value = Double(text), value.isFinite, range.contains(value) else {
        fields.fail(
          mark,
          "agreement.\(key) '\(text)' must be a decimal from \(range.lowerBound) to \(range.upperBound)"
        )
        return nil
      }
      return value
    }
    let reliableMark = fields.string("reliable")?.mark
    result.reliable = number("reliable", in: 0...1)
    let tentativeMark = fields.string("tentative")?.mark
    result.tentative = number("tentative", in: 0...1)
    // The thresholds in force, a default filling the one not given, must be in order.
    let resolved = result.resolved
    if (result.reliable != nil || result.tentative != nil), resolved.tentative > resolved.reliable {
      fields.fail(
        result.tentative != nil ? tentativeMark : reliableMark,
        "agreement.tentative \(resolved.tentative) must not be above agreement.reliable \(resolved.reliable)"
      )
    }
    if let (text, mark) = fields.string("min-units") {
      if let count = Int(text), count >= 2 {
        result.minimumUnits = count
      } else {
        fields.fail(mark, "agreement.min-units '\(text)' must be a whole number of at least 2")
      }
    }
    result.confidence = number("confidence", in: 0.5...0.999)
    if let (text, mark) = fields.string("draws") {
      if let count = Int(text), (100...1_000_000).contains(count) {
        result.draws = count
      } else {
        fields.fail(mark, "agreement.draws '\(text)' must be a whole number from 100 to 1000000")
      }
    }
    if let (text, mark) = fields.string("seed") {
      if let seed = UInt64(text) {
        result.seed = seed
      } else {
        fields.fail(mark, "agreement.seed '\(text)' must be a whole number from 0 to 2^64 - 1")
      }
    }
    _ = fields.unknownFields()
    return result
  }
}
