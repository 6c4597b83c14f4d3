import Foundation

/// The thing assessed: `reviews/<id>/subject.yaml`.
public struct Subject: Hashable, Sendable {
  /// The id; equals the folder name.
  public var id: SubjectID
  /// The name people read.
  public var title: String?
  /// The framework it is assessed against.
  public var framework: FrameworkID
  /// Where to find it (a model card, a repository).
  public var links: [String]
  /// The Model Openness Tool record the subject was imported from, whole and as read
  /// (`mot-record:`): `export mot` writes it back, with the components the panel judged
  /// differently rewritten.
  public var motRecord: YAMLValue?
  /// Fields the tool does not know, kept as read.
  public var unknownFields: [YAMLField]

  /// Creates a value with each field given.
  public init(
    id: SubjectID, title: String? = nil, framework: FrameworkID, links: [String] = [],
    motRecord: YAMLValue? = nil, unknownFields: [YAMLField] = []
  ) {
    self.id = id
    self.title = title
    self.framework = framework
    self.links = links
    self.motRecord = motRecord
    self.unknownFields = unknownFields
  }
}
