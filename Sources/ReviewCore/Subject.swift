import Foundation

/// The thing assessed: `reviews/<id>/subject.yaml`.
public struct Subject: Hashable, Sendable {
  /// The id; equals the folder name.
  public var id: String
  /// The name people read.
  public var title: String?
  /// The framework it is assessed against.
  public var framework: String
  /// Where to find it (a model card, a repository).
  public var links: [String]
  /// Fields the tool does not know, kept as read.
  public var unknownFields: [YAMLField]

  /// Creates a value with each field given.
  public init(
    id: String, title: String? = nil, framework: String, links: [String] = [],
    unknownFields: [YAMLField] = []
  ) {
    self.id = id
    self.title = title
    self.framework = framework
    self.links = links
    self.unknownFields = unknownFields
  }
}
