import Foundation
import GitKit
import ReviewCodec
import ReviewCore

/// A change to a subject's own file: its title and its links (never its framework, which
/// every evaluation was judged against).
public struct SubjectEdit: Sendable {
  /// The new title; an empty one removes it; nil keeps it.
  public var title: String?
  /// Links to add, in order (one already there is not added twice).
  public var addLinks: [String] = []
  /// Links to remove.
  public var dropLinks: [String] = []

  /// Creates a value with each field given.
  public init(title: String? = nil, addLinks: [String] = [], dropLinks: [String] = []) {
    self.title = title
    self.addLinks = addLinks
    self.dropLinks = dropLinks
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
  public var isEmpty: Bool { title == nil && addLinks.isEmpty && dropLinks.isEmpty }
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
      guard subject != old else { return (subject, nil) }
      let contents = subject.canonicalYAML()
      try Self.checkReadsBack(contents, as: subject)
      var changed: [String] = []
      if subject.title != old.title { changed.append("title") }
      if subject.links != old.links { changed.append("links") }
      let commit = try commit(
        [FileChange(path: FileLocation.subject(id).path, contents: contents)],
        message: message ?? "subject \(id): \(changed.joined(separator: ", "))", actor: actor,
        onto: base)
      return (subject, commit)
    }
  }
}
