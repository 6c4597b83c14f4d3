import Foundation
import GitKit
import ReviewCodec
import ReviewCore

/// A change to a subject's own file: its title, its links and the record it was imported from
/// (never its framework, which every evaluation was judged against).
public struct SubjectEdit: Sendable {
  /// The new title; an empty one removes it; nil keeps it.
  public var title: String?
  /// Links to add, in order (one already there is not added twice).
  public var addLinks: [String] = []
  /// Links to remove.
  public var dropLinks: [String] = []
  /// The Model Openness Tool record to keep in place of the one kept (by `import mot`).
  public var motRecord: YAMLValue?

  /// Creates a value with each field given.
  public init(
    title: String? = nil, addLinks: [String] = [], dropLinks: [String] = [],
    motRecord: YAMLValue? = nil
  ) {
    self.title = title
    self.addLinks = addLinks
    self.dropLinks = dropLinks
    self.motRecord = motRecord
  }

  /// Throws `invalidLink` for a link to add that is neither a web address, a DOI nor a path
  /// in the repository.
  func checkLinks() throws {
    for link in addLinks {
      if let reason = EvidenceReference.problem(link) {
        throw StoreError.invalidLink(
          link, reason: reason.replacingOccurrences(of: "evidence '", with: "'"))
      }
    }
  }

  /// Whether the edit changes nothing whatever the subject holds.
  public var isEmpty: Bool {
    title == nil && addLinks.isEmpty && dropLinks.isEmpty && motRecord == nil
  }
}

extension ReviewRepository {
  /// Applies `edit` to `reviews/<id>/subject.yaml` and commits it; nil commit when the subject
  /// already says this. A link must be a web address, a DOI or a path in the repository, and a
  /// link to drop must be there.
  public func editSubject(_ id: SubjectID, _ edit: SubjectEdit, actor: Actor, message: String?)
    throws -> (subject: Subject, commit: ObjectID?)
  {
    try Identifier.validate(id)
    try edit.checkLinks()
    return try transaction { base, snapshot in
      let (old, _) = try snapshot.assessment(id)
      var subject = old
      if let title = edit.title { subject.title = title.isEmpty ? nil : title }
      for link in edit.dropLinks {
        guard subject.links.contains(link) else { throw StoreError.noSuchLink(link, subject: id) }
        subject.links.removeAll { $0 == link }
      }
      for link in edit.addLinks where !subject.links.contains(link) { subject.links.append(link) }
      if let record = edit.motRecord { subject.motRecord = record }
      // Compared as written: a kept record read back may differ only in which scalars were
      // quoted, which no reader sees.
      let contents = subject.canonicalYAML()
      guard contents != old.canonicalYAML() else { return (old, nil) }
      try Self.checkReadsBack(contents, as: subject)
      var changed: [String] = []
      if subject.title != old.title { changed.append("title") }
      if subject.links != old.links { changed.append("links") }
      if subject.motRecord.map(Subject.recordText) != old.motRecord.map(Subject.recordText) {
        changed.append("Model Openness Tool record")
      }
      let commit = try commit(
        [FileChange(path: FileLocation.subject(id).path, contents: contents)],
        message: message ?? "subject \(id): \(changed.joined(separator: ", "))", actor: actor,
        onto: base)
      return (subject, commit)
    }
  }
}
