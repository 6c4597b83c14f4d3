import Foundation

extension ReviewRepository {
  /// Settles the conflicts of one judgement, or without a criterion those of the evaluation's
  /// own fields (its framework, fields the tool does not know) or of a whole file.
  public func resolve(
    subject: String, reviewer: String, criterion: String?, _ resolution: Resolution
  ) throws
    -> [MergeConflict]
  {
    guard var state = try loadMergeState() else {
      throw ReviewError.invalidArgument("no review merge in progress")
    }
    let name = reviewer.isEmpty ? "subject" : reviewer
    guard
      let index = state.files.firstIndex(where: { $0.subject == subject && $0.reviewer == reviewer }
      ),
      !state.files[index].conflicts.filter({ $0.criterion == criterion }).isEmpty
    else {
      throw ReviewError.invalidArgument(
        "no conflict in reviews/\(subject)/\(name).yaml\(criterion.map { " for '\($0)'" } ?? "")")
    }
    var file = state.files[index]
    let settled = file.conflicts.filter { $0.criterion == criterion }
    let frameworks = try snapshot().frameworks
    func evaluation(_ text: String?, _ side: String) throws -> Evaluation? {
      guard let text else { return nil }
      let (evaluation, problems) = Evaluation.load(
        Data(text.utf8), path: "\(file.path) (\(side))", expectedSubject: nil,
        expectedReviewer: nil, framework: { frameworks[$0] }, checkFramework: false)
      guard let evaluation else { throw ReviewError.invalidFiles(problems) }
      return evaluation
    }
    if settled.contains(where: { $0.field == "file" }) || reviewer.isEmpty {
      switch resolution {
      case .ours: break
      case .theirs: file.merged = file.theirs
      case .values:
        throw ReviewError.invalidArgument("a whole-file conflict takes --ours or --theirs")
      }
    } else {
      guard var merged = try evaluation(file.merged, "merged") else {
        throw ReviewError.invalidArgument("\(file.path): the merged file cannot be read")
      }
      let framework = frameworks[merged.framework]
      switch resolution {
      case .ours:
        break
      case .theirs:
        let theirs = try evaluation(file.theirs, "theirs")
        for conflict in settled {
          merged.take(conflict.field, of: conflict.criterion, from: theirs)
        }
      case .values(let values):
        guard let criterion else {
          throw ReviewError.invalidArgument(
            "values settle a criterion's fields; give the criterion, or use --ours or --theirs")
        }
        var change = ScoreChange(criterion: criterion)
        change.values = values
        guard let framework else {
          throw ReviewError.unknownFramework(merged.framework, available: frameworks.keys.sorted())
        }
        try merged.apply([change], framework: framework)
      }
      file.merged = String(
        decoding: merged.canonicalYAML(order: frameworks[merged.framework]), as: UTF8.self)
    }
    file.conflicts.removeAll { $0.criterion == criterion }
    state.files[index] = file
    try saveMergeState(state)
    return state.files.flatMap(\.conflicts)
  }
}

extension Evaluation {
  /// Takes another version's value of one field that the merge found in conflict: a field of
  /// a criterion's judgement (or the whole judgement), or without a criterion a field of the
  /// evaluation itself.
  mutating func take(_ field: String, of criterion: String?, from other: Evaluation?) {
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
