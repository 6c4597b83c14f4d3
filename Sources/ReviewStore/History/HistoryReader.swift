import Foundation
import GitKit
import ReviewCodec
import ReviewCore

/// Reads evaluations from git objects for history commands, parsing each blob once however
/// many commits hold it.
struct HistoryReader {
  let repository: Repository
  /// The frameworks to order criteria by (today's; old files are read without checking them).
  let frameworks: [FrameworkID: Framework]
  private var cache: [ObjectID: Evaluation?] = [:]

  init(repository: Repository, frameworks: [FrameworkID: Framework]) {
    self.repository = repository
    self.frameworks = frameworks
  }

  /// The evaluation in a blob, or nil when the blob is not a readable evaluation (history may
  /// hold broken files; they are skipped, not fatal).
  mutating func evaluation(_ blob: ObjectID, path: String) throws -> Evaluation? {
    if let cached = cache[blob] { return cached }
    // Sizes come from the object's header, before anything is inflated.
    guard let data = try wrapGit({ try repository.blob(blob, limit: maximumFileSize) }) else {
      cache[blob] = .some(nil)
      return nil
    }
    let parsed = Evaluation.load(
      data, path: path, expectedSubject: nil, expectedReviewer: nil, framework: { frameworks[$0] },
      checkFramework: false
    ).0
    cache[blob] = parsed
    return parsed
  }

  /// The evaluation files that differ between two `reviews/` trees, as (subject, reviewer,
  /// old blob, new blob); subject folders whose tree is the same are not descended. A folder
  /// whose tree names an entry twice is passed over and handed to `unreadable` with the reason,
  /// so that history goes on past it.
  func changedEvaluations(
    from old: ObjectID?, to new: ObjectID?, subject only: SubjectID?,
    unreadable: (_ folder: String, _ reason: GitError) -> Void
  ) throws -> [(subject: SubjectID, reviewer: ReviewerID, old: ObjectID?, new: ObjectID?)] {
    func changes(_ folder: String, _ old: ObjectID?, _ new: ObjectID?) throws -> [EntryChange] {
      do {
        return try repository.changedEntries(from: old, to: new)
      } catch let error as GitError {
        guard case .duplicateEntry = error else { throw StoreError.git(error) }
        unreadable(folder, error)
        return []
      }
    }
    var result: [(SubjectID, ReviewerID, ObjectID?, ObjectID?)] = []
    for folder in try changes(FileLocation.reviewsFolder, old, new) where folder.isDirectory {
      if let only, folder.name != only.rawValue { continue }
      let subject = SubjectID(folder.name)
      for file in try changes(FileLocation.subjectFolder(subject), folder.old, folder.new)
      where !file.isDirectory {
        guard
          case .evaluation(_, let reviewer) = FileLocation.inSubjectFolder(
            subject, name: file.name)
        else { continue }
        // A link or a submodule is not an evaluation: that side counts as no file.
        let old = file.oldIsFile ? file.old : nil
        let new = file.newIsFile ? file.new : nil
        if old == nil && new == nil { continue }
        result.append((subject, reviewer, old, new))
      }
    }
    return result
  }
}

/// The judgement changes between two versions of an evaluation file, from their bytes alone (no
/// git), so that many can be computed at once. When both are canonical with the same header only
/// the criteria whose bytes differ are parsed and compared, which gives the same changes as
/// comparing whole files (equal judgements have none).
func judgementChanges(
  old: (data: Data, blocks: CanonicalBlocks?)?, new: (data: Data, blocks: CanonicalBlocks?)?,
  subject: SubjectID, reviewer: ReviewerID, path: String, frameworks: [FrameworkID: Framework]
) -> [JudgementChange] {
  func load(_ data: Data) -> Evaluation? {
    Evaluation.load(
      data, path: path, expectedSubject: nil, expectedReviewer: nil, framework: { frameworks[$0] },
      checkFramework: false
    ).0
  }
  // Both canonical with the same header: only the criteria whose bytes differ are read. When
  // those do not read as canonical, the whole files are read as below.
  if let a = old?.blocks, let b = new?.blocks, let ids = CanonicalBlocks.changedIDs(a, b) {
    let framework = frameworks[a.identity.framework]
    if let before = a.evaluation(with: ids, framework: framework),
      let after = b.evaluation(with: ids, framework: framework)
    {
      return SemanticDiff.changes(
        from: before, to: after, subject: subject, reviewer: reviewer, order: framework)
    }
  }
  let before = old.flatMap { load($0.data) }
  let after = new.flatMap { load($0.data) }
  let framework = (after ?? before).flatMap { frameworks[$0.framework] }
  return SemanticDiff.changes(
    from: before, to: after, subject: subject, reviewer: reviewer,
    order: framework)
}
