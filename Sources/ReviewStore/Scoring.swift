import Foundation
import GitKit
import ReviewCodec
import ReviewCore

/// What a write of an evaluation did.
public struct ScoreResult: Sendable {
  /// The evaluation as committed (or as it already was).
  public var evaluation: Evaluation
  /// The new commit; nil when the evaluation already said exactly this.
  public var commit: ObjectID?
  /// The criteria whose judgement changed.
  public var changedCriteria: [CriterionID]
  /// The sealed file committed instead of the evaluation, in a sealed round; nil otherwise.
  public var sealedPath: String? = nil
}

extension ReviewRepository {
  /// Updates the actor's evaluation of a subject with `changes` and commits that one file.
  public func score(
    _ subjectID: SubjectID, changes: [ScoreChange], actor: Actor, message: String? = nil
  ) throws -> ScoreResult {
    var seen: Set<CriterionID> = []
    for change in changes where !seen.insert(change.criterion).inserted {
      throw ReviewError.repeatedCriterion(change.criterion)
    }
    // The changes apply to the evaluation as it is in the commit they are committed onto.
    return try transaction { base, snapshot in
      let (subject, framework) = try snapshot.assessment(subjectID)
      let committed = try snapshot.committedEvaluation(subject, reviewer: actor.reviewer)
      if case .broken(let problems, _) = committed {
        throw StoreError.committedFileBroken(
          FileLocation.evaluation(subject: subjectID, reviewer: actor.reviewer).path,
          subject: subjectID, problems: problems)
      }
      let sealing = try openSealedRound(subjectID, in: snapshot, reviewer: actor.reviewer)
      let current =
        try sealing.flatMap {
          try ownSealedEvaluation(
            subject, reviewer: actor.reviewer, status: $0, snapshot: snapshot)
        } ?? committed.evaluation
      var evaluation =
        current
        ?? Evaluation(subject: subject.id, reviewer: actor.reviewer, framework: subject.framework)
      try evaluation.apply(changes, framework: framework)
      return try write(
        evaluation, previous: current, framework: framework, actor: actor, message: message,
        sealing: sealing, settings: try snapshot.settings, onto: base)
    }
  }

  /// Replaces the actor's evaluation of a subject with a file's contents, checked against the
  /// subject's framework and written canonically. `path` names the file in messages; when it
  /// is the evaluation's own file in the working tree, its edits are what gets committed.
  public func score(
    _ subjectID: SubjectID, file data: Data, path: String, actor: Actor, message: String? = nil
  ) throws -> ScoreResult {
    return try transaction { base, snapshot in
      let (subject, framework) = try snapshot.assessment(subjectID)
      let document = try YAMLDocument.parse(data, path: path).orThrow()
      let (read, problems) = snapshot.setup.readEvaluation(
        document, subject: subject, reviewer: actor.reviewer)
      guard let evaluation = read else { throw ReviewError.invalidFiles(problems) }
      // A committed copy that does not read (committed with plain git) is what this repairs.
      let sealing = try openSealedRound(subjectID, in: snapshot, reviewer: actor.reviewer)
      let current =
        try sealing.flatMap {
          try ownSealedEvaluation(
            subject, reviewer: actor.reviewer, status: $0, snapshot: snapshot)
        } ?? snapshot.committedEvaluation(subject, reviewer: actor.reviewer).evaluation
      return try write(
        evaluation, previous: current, framework: framework, actor: actor, message: message,
        acceptedWorkingContents: sealing == nil ? data : nil, sealing: sealing,
        settings: try snapshot.settings, onto: base)
    }
  }

  func write(
    _ evaluation: Evaluation, previous: Evaluation?, framework: Framework, actor: Actor,
    message: String?, acceptedWorkingContents: Data? = nil, sealing: SealStatus? = nil,
    settings: Settings = Settings(), onto base: ObjectID
  ) throws -> ScoreResult {
    let changed = framework.criteria.map(\.id).filter {
      evaluation.judgements[$0] != previous?.judgements[$0]
    }
    if previous == evaluation {
      return ScoreResult(evaluation: evaluation, commit: nil, changedCriteria: [])
    }
    if let sealing {
      let commit = try writeSeal(
        evaluation, framework: framework, status: sealing, actor: actor, settings: settings,
        onto: base)
      return ScoreResult(
        evaluation: evaluation, commit: commit, changedCriteria: changed,
        sealedPath: SealLocation.seal(sealing.subject, evaluation.reviewer).path)
    }
    let summary = message ?? Self.summary(of: evaluation, changed: changed, isNew: previous == nil)
    let contents = evaluation.canonicalYAML(order: framework)
    try Self.checkReadsBack(contents, as: evaluation, framework: framework)
    let commit = try commit(
      [
        FileChange(
          path: evaluation.path, contents: contents,
          acceptedWorkingContents: acceptedWorkingContents)
      ], message: summary, actor: actor, onto: base)
    return ScoreResult(evaluation: evaluation, commit: commit, changedCriteria: changed)
  }

  /// A commit message such as `score llama2 (alice): datasets=closed, model-card=open`.
  static func summary(of evaluation: Evaluation, changed: [CriterionID], isNew: Bool) -> String {
    let parts = changed.map { id in
      evaluation.judgements[id].map { "\(id)=\($0.level)" } ?? "\(id) unset"
    }
    var list = parts.prefix(4).joined(separator: ", ")
    if parts.count > 4 { list += ", +\(parts.count - 4) more" }
    if list.isEmpty { list = "fields kept" }
    return "score \(evaluation.subject) (\(evaluation.reviewer)): \(list)"
  }

  /// The subject's open sealed round, which a counted reviewer's write of an evaluation seals
  /// into; nil when no round hides the subject, or the reviewer is not counted. A closed round
  /// not yet revealed takes no counted writes.
  func openSealedRound(
    _ subject: SubjectID, in snapshot: ReviewSnapshot, reviewer: ReviewerID
  ) throws -> SealStatus? {
    guard let status = try snapshot.sealedStatus(subject) else { return nil }
    // References and chairs are never counted: what they write hides nothing of the panel's.
    guard try snapshot.settings.setAside(reviewer, on: subject) == nil else { return nil }
    guard status.round.state == .open else {
      throw StoreError.roundInProgress(subject: subject, round: status.round.name, state: .closed)
    }
    return status
  }
}
