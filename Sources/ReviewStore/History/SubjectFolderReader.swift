import GitKit
import ReviewCore

/// Reads one subject's folder at many commits, each commit's tree looked up once: for walks
/// that follow a subject's files back through history.
final class SubjectFolderReader {
  let repository: Repository
  let path: String
  private var folders: [ObjectID: ObjectID?] = [:]

  init(repository: Repository, subject: SubjectID) {
    self.repository = repository
    path = FileLocation.subjectFolder(subject)
  }

  /// The subject folder's tree at a commit; nil where there is none.
  func folder(_ commit: ObjectID) throws -> ObjectID? {
    if let known = folders[commit] { return known }
    let tree = try repository.treeAndFirstParent(of: commit).tree
    let id = try repository.entry(at: path, in: tree).flatMap {
      $0.kind == .directory ? $0.id : nil
    }
    folders[commit] = .some(id)
    return id
  }

  /// The blob of a reviewer's evaluation at a commit; nil where there is none.
  func evaluation(_ commit: ObjectID, _ reviewer: ReviewerID) throws -> ObjectID? {
    try folder(commit).flatMap { folder in
      try repository.entryID(named: FileLocation.fileName(reviewer: reviewer), in: folder)
    }
  }
}
