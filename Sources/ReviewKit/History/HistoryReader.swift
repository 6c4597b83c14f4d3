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
    var parsed: Evaluation?
    if case .success(let document) = YAMLDocument.parse(data, path: path) {
      parsed =
        Evaluation.read(
          document, expectedSubject: nil, expectedReviewer: nil, framework: { frameworks[$0] },
          checkFramework: false
        ).0
    }
    cache[blob] = parsed
    return parsed
  }

  /// The evaluation files under `reviews/` that differ between two trees, as (subject,
  /// reviewer, old blob, new blob); subject folders whose tree is the same are not descended.
  func changedEvaluations(from old: ObjectID?, to new: ObjectID?, subject only: String?) throws
    -> [(subject: String, reviewer: String, old: ObjectID?, new: ObjectID?)]
  {
    func folder(_ tree: ObjectID?, _ path: String) throws -> [String: TreeEntry] {
      guard let tree, let entries = try wrapGit({ try repository.entries(at: path, in: tree) })
      else {
        return [:]
      }
      return Dictionary(entries.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
    }
    let before = try folder(old, "reviews")
    let after = try folder(new, "reviews")
    var result: [(String, String, ObjectID?, ObjectID?)] = []
    for subject in Set(before.keys).union(after.keys).sorted() {
      if let only, subject != only { continue }
      let a = before[subject]
      let b = after[subject]
      guard a?.id != b?.id, a?.kind ?? .directory == .directory, b?.kind ?? .directory == .directory
      else { continue }
      let oldFiles =
        try a.map { entry in try wrapGit { try repository.entries(of: entry.id) } } ?? []
      let newFiles =
        try b.map { entry in try wrapGit { try repository.entries(of: entry.id) } } ?? []
      let names = Set(oldFiles.map(\.name)).union(newFiles.map(\.name))
      for name in names.sorted() where name.hasSuffix(".yaml") && name != "subject.yaml" {
        let x = oldFiles.first { $0.name == name }
        let y = newFiles.first { $0.name == name }
        guard x?.id != y?.id else { continue }
        result.append((subject, String(name.dropLast(5)), x?.id, y?.id))
      }
    }
    return result
  }
}
