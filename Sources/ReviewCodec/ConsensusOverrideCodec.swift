import Foundation
import ReviewCore
import Yams

extension ConsensusOverride {
  /// Reads the `consensus` field of a mapping, if present.
  static func read(_ reader: inout MappingReader) -> ConsensusOverride {
    var result = ConsensusOverride()
    guard let (node, _) = reader.node("consensus") else { return result }
    var fields = MappingReader(
      node, path: reader.path, what: "'consensus'", diagnostics: &reader.diagnostics)
    defer { reader.diagnostics += fields.diagnostics }
    if let (text, mark) = fields.string("method") {
      result.method = ConsensusRule.Method(rawValue: text)
      if result.method == nil {
        fields.fail(mark, "consensus method '\(text)' is not one of median, mode, mean")
      }
    }
    if let (text, mark) = fields.string("threshold") {
      if let threshold = Fraction(parsing: text), threshold.numerator >= 0,
        threshold <= Fraction(1, 1)!
      {
        result.threshold = threshold
      } else {
        fields.fail(mark, "threshold '\(text)' must be a fraction or decimal from 0 to 1")
      }
    }
    if let (text, mark) = fields.string("min-reviewers") {
      if let count = Int(text), count >= 1 {
        result.minimumReviewers = count
      } else {
        fields.fail(mark, "min-reviewers '\(text)' must be a whole number of at least 1")
      }
    }
    _ = fields.unknownFields()
    return result
  }
}
