import ReviewCore

/// The canonical form of an evaluation file, declared once: the writer lays a file out by it,
/// and the fast reader and the block cutter read by it. (The fields of a judgement and their
/// order are `JudgementField`'s; scalars are written as `YAMLScalar` says.)
///
/// ```
/// schema: 1                 the header: one line per key of `header`, in this order
/// subject: llama2
/// reviewer: alice
/// framework: mof-1.0
/// criteria:                 `criteria: {}` when there is none
///   datasets:               a criterion: one indent, its id, a colon
///     level: closed         a field: two indents (a set field's items at three, after `- `)
/// ```
enum CanonicalLayout {
  /// Spaces per level of nesting.
  static let indent = 2
  /// The schema the tool writes and reads.
  static let schema = "1"
  /// The key of the criteria's mapping, the line after the header.
  static let criteriaKey = "criteria"

  /// The header's keys and values, in file order.
  static func header(of evaluation: Evaluation) -> [YAMLField] {
    [
      YAMLField("schema", .scalar(schema, plain: true)),
      YAMLField("subject", .string(evaluation.subject)),
      YAMLField("reviewer", .string(evaluation.reviewer)),
      YAMLField("framework", .string(evaluation.framework)),
    ]
  }

  /// The header's keys, in file order, from `header(of:)` itself.
  static let headerKeys = header(of: Evaluation(subject: "s", reviewer: "r", framework: "f"))
    .map(\.key)

  /// The bytes that start a line at `depth` levels of nesting.
  static func pad(_ depth: Int) -> [UInt8] {
    Array(repeating: UInt8(ascii: " "), count: depth * indent)
  }
}
