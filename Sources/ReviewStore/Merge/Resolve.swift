import Foundation
import GitKit
import ReviewCodec
import ReviewCore

extension MergeSession {
  /// Settles the conflicts of one judgement, or without a criterion those of the evaluation's
  /// own fields (its framework, fields the tool does not know) or of a whole file.
  public func resolve(
    subject: SubjectID, reviewer: ReviewerID?, criterion: CriterionID?, _ resolution: Resolution
  ) throws
    -> [MergeConflict]
  {
    guard var state = try mergeState() else {
      throw StoreError.noMergeInProgress(review: true)
    }
    let location =
      reviewer.map { FileLocation.evaluation(subject: subject, reviewer: $0) }
      ?? .subject(subject)
    guard
      let index = state.files.firstIndex(where: { $0.subject == subject && $0.reviewer == reviewer }
      ),
      !state.files[index].conflicts.filter({ $0.criterion == criterion }).isEmpty
    else {
      throw StoreError.noConflict(location, criterion: criterion)
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
    if settled.contains(where: { $0.field == "file" }) || reviewer == nil {
      switch resolution {
      case .ours: break
      case .theirs: file.merged = file.theirs
      case .values:
        throw StoreError.wholeFileTakesASide(location)
      }
    } else {
      guard var merged = try evaluation(file.merged, "merged") else {
        throw StoreError.unreadableMergedFile(path: file.path)
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
          throw StoreError.valuesNeedACriterion
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
    if state.isGitMerge {
      try settleGitMerge(&state)
    } else {
      try saveMergeState(state)
    }
    return state.files.flatMap(\.conflicts)
  }
}
