import Foundation

extension Evaluation {
  /// Takes another version's value of one field that the merge found in conflict: a field of
  /// a criterion's judgement (or the whole judgement), or without a criterion a field of the
  /// evaluation itself.
  package mutating func take(_ field: String, of criterion: CriterionID?, from other: Evaluation?) {
    guard let criterion else {
      if field == "framework" {
        framework = other?.framework ?? framework
      } else {
        unknownFields.take(field, from: other?.unknownFields ?? [])
      }
      return
    }
    if field == "judgement" {
      judgements[criterion] = other?.judgements[criterion]
      return
    }
    guard var judgement = judgements[criterion], let theirs = other?.judgements[criterion] else {
      return
    }
    if let known = JudgementField(key: field) {
      switch known.shape {
      case .scalar: judgement[known] = theirs[known]
      case .set: judgement[items: known] = theirs[items: known]
      }
    } else {
      judgement.unknownFields.take(field, from: theirs.unknownFields)
    }
    judgements[criterion] = judgement
  }
}

extension [YAMLField] {
  /// Replaces (or removes) the field with this key by the other list's.
  mutating func take(_ key: String, from other: [YAMLField]) {
    let replacement = other.first { $0.key == key }
    if let position = firstIndex(where: { $0.key == key }) {
      if let replacement { self[position] = replacement } else { remove(at: position) }
    } else if let replacement {
      append(replacement)
    }
  }
}
