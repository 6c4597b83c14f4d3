import Foundation

/// A field both sides changed differently (or one deleted what the other edited): data, never
/// markers in a file.
public struct MergeConflict: Hashable, Sendable, Codable {
  /// The subject.
  public var subject: SubjectID
  /// The reviewer whose evaluation it is; nil for the subject file.
  public var reviewer: ReviewerID?
  /// nil for a field outside `criteria`, or for the whole file.
  public var criterion: CriterionID?
  /// A judgement field, `judgement` for a whole judgement, `file` for the whole evaluation, or
  /// the name of a field the tool does not know.
  public var field: String
  /// The value at the merge base; nil when absent.
  public var base: String?
  /// Our value; nil when absent.
  public var ours: String?
  /// Their value; nil when absent.
  public var theirs: String?

  /// Creates a value with each field given.
  public init(
    subject: SubjectID, reviewer: ReviewerID?, criterion: CriterionID? = nil, field: String,
    base: String? = nil,
    ours: String? = nil, theirs: String? = nil
  ) {
    self.subject = subject
    self.reviewer = reviewer
    self.criterion = criterion
    self.field = field
    self.base = base
    self.ours = ours
    self.theirs = theirs
  }
}

extension MergeConflict {
  /// The file in conflict.
  public var location: FileLocation {
    reviewer.map { .evaluation(subject: subject, reviewer: $0) } ?? .subject(subject)
  }
}

/// The result of merging one evaluation: the merged evaluation (nil when deleted), taking our
/// side wherever there is a conflict, and the conflicts.
public struct EvaluationMerge: Sendable {
  /// The merged evaluation, with our side wherever there is a conflict; nil when deleted.
  public var merged: Evaluation?
  /// The fields changed differently on the two sides.
  public var conflicts: [MergeConflict]

  /// Creates a value with each field given.
  public init(
    merged: Evaluation? = nil, conflicts: [MergeConflict]
  ) {
    self.merged = merged
    self.conflicts = conflicts
  }
}

/// Three-way merge of evaluations by meaning, criterion by criterion and field by field: a field
/// changed on one side is taken; changed alike on both is taken; changed differently is a
/// conflict. Evidence lists merge as sets, honouring removals. Deleting an evaluation or a
/// judgement that the other side edited is a conflict.
public enum SemanticMerge {
  /// Merges three versions of one evaluation (nil where it does not exist).
  public static func merge(
    base: Evaluation?, ours: Evaluation?, theirs: Evaluation?, subject: SubjectID,
    reviewer: ReviewerID
  ) -> EvaluationMerge {
    var conflicts: [MergeConflict] = []
    func conflict(
      _ criterion: CriterionID?, _ field: String, _ b: String?, _ o: String?, _ t: String?
    ) {
      conflicts.append(
        MergeConflict(
          subject: subject, reviewer: reviewer, criterion: criterion, field: field, base: b,
          ours: o, theirs: t))
    }
    /// The three-way value of a scalar field, recording a conflict (and keeping ours) when both
    /// sides changed it differently.
    func pick<T: Equatable>(
      _ b: T?, _ o: T?, _ t: T?, _ criterion: CriterionID?, _ field: String, _ text: (T) -> String
    ) -> T? {
      if o == t || t == b { return o }
      if o == b { return t }
      conflict(criterion, field, b.map(text), o.map(text), t.map(text))
      return o
    }
    switch (base, ours, theirs) {
    case (_, nil, nil):
      return EvaluationMerge(merged: nil, conflicts: [])
    case (nil, let o?, nil):
      return EvaluationMerge(merged: o, conflicts: [])
    case (nil, nil, let t?):
      return EvaluationMerge(merged: t, conflicts: [])
    case (let b?, nil, let t?), (let b?, let t?, nil):
      // One side deleted the file: fine if the other left it as it was.
      if t == b { return EvaluationMerge(merged: nil, conflicts: []) }
      let deletedOurs = ours == nil
      conflict(nil, "file", "present", deletedOurs ? nil : "edited", deletedOurs ? "edited" : nil)
      return EvaluationMerge(merged: ours, conflicts: conflicts)
    default:
      break
    }
    let o = ours!
    let t = theirs!
    let b = base ?? Evaluation(subject: o.subject, reviewer: o.reviewer, framework: o.framework)
    var merged = o
    merged.framework =
      pick(b.framework, o.framework, t.framework, nil, "framework", \.rawValue) ?? o.framework
    var ids = Array(o.judgements.keys)
    for id in t.judgements.keys where !ids.contains(id) { ids.append(id) }
    for id in b.judgements.keys where !ids.contains(id) { ids.append(id) }
    for id in ids.sorted() {
      let (bj, oj, tj) = (b.judgements[id], o.judgements[id], t.judgements[id])
      if oj == tj || tj == bj {
        merged.judgements[id] = oj
        continue
      }
      if oj == bj {
        merged.judgements[id] = tj
        continue
      }
      guard let oj, let tj else {
        // Removed on one side, changed on the other.
        conflict(id, "judgement", bj?.summary, oj?.summary, tj?.summary)
        merged.judgements[id] = oj
        continue
      }
      let bjv = bj ?? Judgement(level: "")
      var judgement = oj
      for field in JudgementField.allCases {
        switch field.shape {
        case .scalar:
          let value = pick(bj?[field], oj[field], tj[field], id, field.key, { $0 })
          // A required field keeps ours on a conflict (pick gives ours then too).
          judgement[field] = value ?? (field.isRequired ? oj[field] : nil)
        case .set:
          judgement[items: field] = mergeSet(
            base: bjv[items: field], ours: oj[items: field], theirs: tj[items: field])
        }
      }
      judgement.unknownFields = mergeFields(
        base: bjv.unknownFields, ours: oj.unknownFields, theirs: tj.unknownFields, criterion: id,
        conflict: conflict)
      merged.judgements[id] = judgement
    }
    merged.unknownFields = mergeFields(
      base: b.unknownFields, ours: o.unknownFields, theirs: t.unknownFields, criterion: nil,
      conflict: conflict)
    return EvaluationMerge(merged: merged, conflicts: conflicts)
  }

  /// A list merged as a set: what either side added is in, what either side removed is out.
  package static func mergeSet(base: [String], ours: [String], theirs: [String]) -> [String] {
    let removed = Set(base).subtracting(ours).union(Set(base).subtracting(theirs))
    var result = base.filter { !removed.contains($0) }
    for item in ours + theirs where !base.contains(item) && !result.contains(item) {
      result.append(item)
    }
    return result
  }

  /// Fields the tool does not know, merged three-way by key, in ours' order then theirs' new keys.
  package static func mergeFields(
    base: [YAMLField], ours: [YAMLField], theirs: [YAMLField], criterion: CriterionID?,
    conflict: (CriterionID?, String, String?, String?, String?) -> Void
  ) -> [YAMLField] {
    var keys = ours.map(\.key)
    for field in theirs where !keys.contains(field.key) { keys.append(field.key) }
    for field in base where !keys.contains(field.key) { keys.append(field.key) }
    var result: [YAMLField] = []
    for key in keys {
      let b = base.first { $0.key == key }?.value
      let o = ours.first { $0.key == key }?.value
      let t = theirs.first { $0.key == key }?.value
      var value: YAMLValue?
      if o == t || t == b {
        value = o
      } else if o == b {
        value = t
      } else {
        conflict(
          criterion, key, b.map(SemanticDiff.flow), o.map(SemanticDiff.flow),
          t.map(SemanticDiff.flow))
        value = o
      }
      if let value { result.append(YAMLField(key, value)) }
    }
    return result
  }
}
