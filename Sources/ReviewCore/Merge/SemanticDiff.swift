import Foundation

/// One field of one judgement that differs: what it was and what it became (nil: absent).
public struct JudgementChange: Hashable, Sendable, Encodable {
  /// The subject.
  public var subject: SubjectID
  /// Whose evaluation changed.
  public var reviewer: ReviewerID
  /// nil for a field of the evaluation itself (outside `criteria`).
  public var criterion: CriterionID?
  /// `level`, `license`, `evidence`, `note`, `confidence`, or the name of a field the tool does
  /// not know.
  public var field: String
  /// The value before; nil when the field was absent.
  public var old: String?
  /// The value after; nil when the field is gone.
  public var new: String?

  /// Creates a value with each field given.
  public init(
    subject: SubjectID, reviewer: ReviewerID, criterion: CriterionID?, field: String, old: String?,
    new: String?
  ) {
    self.subject = subject
    self.reviewer = reviewer
    self.criterion = criterion
    self.field = field
    self.old = old
    self.new = new
  }
}

/// Compares evaluations by meaning: criterion by criterion and field by field, never line by line.
public enum SemanticDiff {
  /// The changes from `old` to `new` (either may be missing), criteria in the order of
  /// `framework` first, then any others by id.
  public static func changes(
    from old: Evaluation?, to new: Evaluation?, subject: SubjectID, reviewer: ReviewerID,
    order framework: Framework? = nil
  ) -> [JudgementChange] {
    var result: [JudgementChange] = []
    var ids = Array(old?.judgements.keys ?? [:].keys)
    for id in new?.judgements.keys ?? [:].keys where old?.judgements[id] == nil { ids.append(id) }
    // History compares one or two criteria at a time: rank only those, not the framework.
    let criteria = framework?.criteria ?? []
    let ordered =
      ids.count < 2
      ? ids
      : ids.map { id in (criteria.firstIndex { $0.id == id } ?? criteria.count, id) }.sorted {
        $0 < $1
      }.map(\.1)
    for criterion in ordered {
      result += changes(
        from: old?.judgements[criterion], to: new?.judgements[criterion], subject: subject,
        reviewer: reviewer, criterion: criterion)
    }
    result += fieldChanges(
      old?.unknownFields ?? [], new?.unknownFields ?? [], subject: subject, reviewer: reviewer,
      criterion: nil)
    return result
  }

  /// The changes between two judgements of one criterion.
  static func changes(
    from old: Judgement?, to new: Judgement?, subject: SubjectID, reviewer: ReviewerID,
    criterion: CriterionID
  ) -> [JudgementChange] {
    func change(_ field: String, _ a: String?, _ b: String?) -> JudgementChange? {
      a == b
        ? nil
        : JudgementChange(
          subject: subject, reviewer: reviewer, criterion: criterion, field: field, old: a, new: b)
    }
    var result: [JudgementChange] = []
    for field in JudgementField.allCases {
      switch field.shape {
      case .scalar:
        if let change = change(field.key, old?[field], new?[field]) { result.append(change) }
      case .set:
        // Each item removed or added is a change of its own.
        let before = old?[items: field] ?? []
        let after = new?[items: field] ?? []
        for item in before where !after.contains(item) {
          result.append(change(field.key, item, nil)!)
        }
        for item in after where !before.contains(item) {
          result.append(change(field.key, nil, item)!)
        }
      }
    }
    result += fieldChanges(
      old?.unknownFields ?? [], new?.unknownFields ?? [], subject: subject, reviewer: reviewer,
      criterion: criterion)
    return result
  }

  private static func fieldChanges(
    _ old: [YAMLField], _ new: [YAMLField], subject: SubjectID, reviewer: ReviewerID,
    criterion: CriterionID?
  ) -> [JudgementChange] {
    var keys = old.map(\.key)
    for field in new where !keys.contains(field.key) { keys.append(field.key) }
    return keys.compactMap { key in
      let a = old.first { $0.key == key }?.value
      let b = new.first { $0.key == key }?.value
      guard a != b else { return nil }
      return JudgementChange(
        subject: subject, reviewer: reviewer, criterion: criterion, field: key, old: a.map(flow),
        new: b.map(flow))
    }
  }

  /// A value in YAML flow style, for showing a field the tool does not know.
  static func flow(_ value: YAMLValue) -> String {
    switch value {
    case .scalar(let text, let plain): return YAMLScalar.text(text, plain: plain)
    case .sequence(let items): return "[" + items.map(flow).joined(separator: ", ") + "]"
    case .mapping(let fields):
      return "{"
        + fields.map { "\(YAMLScalar.text($0.key, plain: false)): \(flow($0.value))" }.joined(
          separator: ", ") + "}"
    }
  }
}
