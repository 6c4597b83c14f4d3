import Foundation
import ReviewCore
import Yams

extension StoppingRule {
  /// The `rounds` field of `review.yaml` for writing.
  var field: YAMLField {
    var stop: [YAMLField] = []
    if noContested { stop.append(YAMLField("no-contested", .scalar("true", plain: true))) }
    if let alphaLowerBound {
      stop.append(YAMLField("alpha-lower", .scalar("\(alphaLowerBound)", plain: true)))
    }
    if let maximumRounds {
      stop.append(YAMLField("max-rounds", .scalar("\(maximumRounds)", plain: true)))
    }
    return YAMLField("rounds", .mapping([YAMLField("stop", .mapping(stop))]))
  }

  /// Reads `rounds: stop:` of `review.yaml`, if present: `no-contested` true or false,
  /// `alpha-lower` from -1 to 1, `max-rounds` a whole number of at least 1; at least one.
  static func read(_ reader: inout MappingReader) -> StoppingRule? {
    guard let (node, _) = reader.node("rounds") else { return nil }
    var rounds = MappingReader(
      node, path: reader.path, what: "'rounds'", keyPrefix: "rounds.",
      diagnostics: &reader.diagnostics)
    defer { reader.diagnostics += rounds.diagnostics }
    guard let (stopNode, stopMark) = rounds.node("stop") else {
      _ = rounds.unknownFields()
      return nil
    }
    var fields = MappingReader(
      stopNode, path: reader.path, what: "'rounds.stop'", keyPrefix: "rounds.stop.",
      diagnostics: &rounds.diagnostics)
    defer { rounds.diagnostics += fields.diagnostics }
    var rule = StoppingRule()
    if let (text, mark) = fields.string("no-contested") {
      switch text {
      case "true": rule.noContested = true
      case "false": break
      default: fields.fail(mark, "rounds.stop.no-contested '\(text)' must be true or false")
      }
    }
    if let (text, mark) = fields.string("alpha-lower") {
      if let value = Double(text), value.isFinite, (-1...1).contains(value) {
        rule.alphaLowerBound = value
      } else {
        fields.fail(mark, "rounds.stop.alpha-lower '\(text)' must be a decimal from -1 to 1")
      }
    }
    if let (text, mark) = fields.string("max-rounds") {
      if let count = Int(text), count >= 1 {
        rule.maximumRounds = count
      } else {
        fields.fail(mark, "rounds.stop.max-rounds '\(text)' must be a whole number of at least 1")
      }
    }
    for field in fields.unknownFields() {
      fields.fail(
        stopMark,
        "unknown field 'rounds.stop.\(field.key)' (use no-contested, alpha-lower or max-rounds)")
    }
    _ = rounds.unknownFields()
    if rule == StoppingRule() && fields.diagnostics.isEmpty {
      fields.fail(
        stopMark, "rounds.stop names no condition (no-contested, alpha-lower, max-rounds)")
    }
    return rule
  }
}
