import Foundation

/// The thing assessed: `reviews/<id>/subject.yaml`.
public struct Subject: Hashable, Sendable {
  public var id: String
  public var title: String?
  public var framework: String
  public var links: [String]
  public var unknownFields: [YAMLField]

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
