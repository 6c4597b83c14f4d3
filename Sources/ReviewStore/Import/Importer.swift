import Foundation
import GitKit
import ReviewCodec
import ReviewCore

/// The record formats `review import` reads.
public enum ImportFormat: String, Sendable, CaseIterable {
  /// A Model Openness Tool record, imported against `mof-1.0`.
  case mot
  /// A European Open Source AI Index record, imported against `osai-index-2026`.
  case osai

  /// The framework records of this format are judged against.
  public var framework: FrameworkID {
    switch self {
    case .mot: return "mof-1.0"
    case .osai: return "osai-index-2026"
    }
  }

  /// The reviewer id an import is recorded under when none is given: the curator, a
  /// `reference` unless review.yaml registers it otherwise.
  public var defaultReviewer: ReviewerID {
    switch self {
    case .mot: return Settings.curators[0]
    case .osai: return Settings.curators[1]
    }
  }
}

/// What importing one record did.
public struct ImportResult: Sendable {
  /// The subject imported into.
  public var subject: SubjectID
  /// The commit that created the subject, when it was new, or that kept the record's metadata
  /// in it.
  public var subjectCommit: ObjectID?
  /// Whether the subject was created.
  public var subjectCreated: Bool
  /// The write of the evaluation.
  public var score: ScoreResult
}

extension Importer {
  /// Imports records one by one, each in its own commits; a record whose subject an earlier
  /// record of the same batch already imported is refused rather than silently replacing it.
  public func importRecords(
    _ format: ImportFormat, files: [(path: String, data: Data?)], subject: SubjectID?, actor: Actor
  ) -> [(path: String, result: Result<ImportResult, any Error>)] {
    var imported: [SubjectID: String] = [:]
    return files.map { file in
      do {
        guard let data = file.data else {
          throw StoreError.io(path: file.path, message: "cannot read file")
        }
        let result = try importRecord(
          format, data: data, path: file.path, subject: subject, actor: actor,
          refusing: { id in
            imported[id].map { StoreError.importedTwice(path: file.path, subject: id, from: $0) }
          })
        imported[result.subject] = file.path
        return (file.path, .success(result))
      } catch {
        return (file.path, .failure(error))
      }
    }
  }

  /// Imports one record as the actor's evaluation of a subject (named by `subject`, else made
  /// from the record's name or, for the index, its file name), creating the subject when missing.
  public func importRecord(
    _ format: ImportFormat, data: Data, path: String, subject requested: SubjectID?, actor: Actor,
    refusing conflict: (SubjectID) -> StoreError? = { _ in nil }
  ) throws -> ImportResult {
    let snapshot = try snapshot()
    let framework = try snapshot.framework(format.framework)
    let evaluation: Evaluation
    let title: String
    let links: [String]
    let id: SubjectID
    var motRecord: YAMLValue?
    switch format {
    case .mot:
      let record = try MOTRecord.read(data, path: path)
      id =
        try requested ?? SubjectID(subjectID(from: record.name, field: "release.name", path: path))
      title = record.name
      links = record.releaseLinks
      evaluation = try record.evaluation(
        subject: id, reviewer: actor.reviewer, framework: framework, path: path)
      motRecord = record.document
    case .osai:
      let record = try OSAIRecord.read(data, path: path, framework: framework)
      let stem = ((path as NSString).lastPathComponent as NSString).deletingPathExtension
      id = try requested ?? SubjectID(subjectID(from: stem, field: "file name", path: path))
      title = record.name
      links = record.link.map { [$0] } ?? []
      evaluation = record.evaluation(subject: id, reviewer: actor.reviewer, framework: framework)
    }
    try Identifier.validate(id)
    if let problem = conflict(id) { throw problem }
    let name = (path as NSString).lastPathComponent
    var subjectCommit: ObjectID?
    let created = try !snapshot.subjectIDs().contains(id)
    if created {
      subjectCommit = try repository.newSubject(
        id, framework: framework.id, title: title, links: links, motRecord: motRecord,
        actor: actor
      ).commit
    } else {
      let subject = try snapshot.subject(id)
      guard subject.framework == framework.id else {
        throw StoreError.subjectFrameworkDiffers(
          path: path, subject: id, framework: subject.framework, imported: framework.id)
      }
      if let motRecord {
        subjectCommit = try repository.editSubject(
          id, SubjectEdit(motRecord: motRecord), actor: actor,
          message: "subject \(id): keep the Model Openness Tool record of \(name)"
        ).commit
      }
    }
    let score = try repository.transaction { base, current in
      let subject = try current.subject(id)
      let previous = try current.evaluation(subject, reviewer: actor.reviewer)
      return try repository.write(
        evaluation, previous: previous, framework: framework, actor: actor,
        message: "import \(format.rawValue) \(name) as \(actor.reviewer)'s evaluation of \(id)",
        onto: base)
    }
    return ImportResult(
      subject: id, subjectCommit: subjectCommit, subjectCreated: created, score: score)
  }
}
