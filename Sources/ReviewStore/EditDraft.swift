import Foundation
import GitKit
import ReviewCodec
import ReviewCore

/// A file in the git directory where `review edit` keeps a reviewer's draft until it validates.
public struct EditDraft: Sendable {
  /// Absolute path of the draft.
  public var path: String
  /// Whether the draft was left by an earlier edit that did not validate.
  public var resumed: Bool
  /// The draft as written for a reviewer who has no evaluation yet: left as it is, it commits
  /// nothing (as git aborts a commit whose message was left empty).
  var untouchedNewDraft: Data? = nil
}

extension ReviewRepository {
  /// The draft for editing the actor's evaluation of a subject: the one an earlier failed edit
  /// left, else the committed evaluation (or a new one) with the framework's criteria and
  /// levels listed in comments at the top.
  public func editDraft(subject id: SubjectID, actor: Actor) throws -> EditDraft {
    let snapshot = try snapshot()
    let (subject, framework) = try snapshot.assessment(id)
    let folder = git.gitDirectory + "/review/edit/\(id)"
    let path = folder + "/" + FileLocation.fileName(reviewer: actor.reviewer)
    if FileManager.default.fileExists(atPath: path) { return EditDraft(path: path, resumed: true) }
    let header = DraftComments.header(
      subject: id, reviewer: actor.reviewer, framework: framework)
    var contents = Data(header.utf8)
    var committed = try snapshot.committedEvaluation(subject, reviewer: actor.reviewer)
    // In a sealed round the draft is the reviewer's own seal, opened with their key.
    if let status = try openSealedRound(id, in: snapshot, reviewer: actor.reviewer),
      let sealed = try ownSealedEvaluation(
        subject, reviewer: actor.reviewer, status: status, snapshot: snapshot)
    {
      committed = .read(sealed)
    }
    switch committed {
    case .absent:
      let evaluation = Evaluation(subject: id, reviewer: actor.reviewer, framework: framework.id)
      contents.append(evaluation.canonicalYAML(order: framework))
    case .read(let evaluation):
      contents.append(evaluation.canonicalYAML(order: framework))
    case .broken(let problems, let bytes):
      // A file committed broken (with plain git) is handed over as it is, to be repaired.
      guard let bytes else { throw ReviewError.invalidFiles(problems) }
      contents.append(Data(DraftComments.brokenCommittedCopy(problems).utf8))
      contents.append(bytes)
    }
    do {
      try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
      try contents.write(to: URL(fileURLWithPath: path), options: .atomic)
    } catch {
      throw StoreError.io(path: path, message: "cannot write the draft")
    }
    let isNew: Bool
    if case .absent = committed { isNew = true } else { isNew = false }
    return EditDraft(path: path, resumed: false, untouchedNewDraft: isNew ? contents : nil)
  }

  /// Commits an edited draft like `score --file`, and removes the draft once committed. When it
  /// does not validate the draft stays, and the error says what is wrong and where. A new
  /// evaluation's draft left as it was written commits nothing: nil.
  public func commitDraft(_ draft: EditDraft, subject: SubjectID, actor: Actor, message: String?)
    throws -> ScoreResult?
  {
    guard let data = FileManager.default.contents(atPath: draft.path) else {
      throw StoreError.io(path: draft.path, message: "cannot read the draft")
    }
    if let untouched = draft.untouchedNewDraft, data == untouched {
      try? FileManager.default.removeItem(atPath: draft.path)
      return nil
    }
    let result = try score(subject, file: data, path: draft.path, actor: actor, message: message)
    try? FileManager.default.removeItem(atPath: draft.path)
    return result
  }
}
