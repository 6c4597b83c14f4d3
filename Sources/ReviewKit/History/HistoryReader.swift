import Foundation
import GitKit

/// Reads evaluations from git objects for history commands, parsing each blob once however
/// many commits hold it.
struct HistoryReader {
  let repository: Repository
  /// The frameworks to order criteria by (today's; old files are read without checking them).
  let frameworks: [String: Framework]
  private var cache: [ObjectID: Evaluation?] = [:]

  init(repository: Repository, frameworks: [String: Framework]) {
    self.repository = repository
    self.frameworks = frameworks
  }

  /// The evaluation in a blob, or nil when the blob is not a readable evaluation (history may
  /// hold broken files; they are skipped, not fatal).
  mutating func evaluation(_ blob: ObjectID, path: String) throws -> Evaluation? {
    if let cached = cache[blob] { return cached }
    let data = try wrapGit { try repository.blob(blob) }
    let parsed = Evaluation.load(
      data, path: path, expectedSubject: nil, expectedReviewer: nil, framework: { frameworks[$0] },
      checkFramework: false
    ).0
    cache[blob] = parsed
    return parsed
  }

  /// The evaluation files that differ between two `reviews/` trees, as (subject, reviewer,
  /// old blob, new blob); subject folders whose tree is the same are not descended.
  func changedEvaluations(from old: ObjectID?, to new: ObjectID?, subject only: String?) throws
    -> [(subject: String, reviewer: String, old: ObjectID?, new: ObjectID?)]
  {
    var result: [(String, String, ObjectID?, ObjectID?)] = []
    for folder in try wrapGit({ try repository.changedEntries(from: old, to: new) })
    where folder.isDirectory {
      if let only, folder.name != only { continue }
      for file in try wrapGit({ try repository.changedEntries(from: folder.old, to: folder.new) })
      where !file.isDirectory && file.name.hasSuffix(".yaml") && file.name != "subject.yaml" {
        result.append((folder.name, String(file.name.dropLast(5)), file.old, file.new))
      }
    }
    return result
  }
}
