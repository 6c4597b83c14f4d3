import Foundation
import GitKit
import ReviewCodec
import ReviewCore

/// The frameworks available at a revision: the repository's `templates/`, then the built-in
/// ones, with the problems of any template that does not load.
public struct FrameworkCatalogue: Encodable, Sendable {
  /// One framework of the catalogue.
  public struct Entry: Encodable, Sendable {
    /// The framework's id.
    public var id: FrameworkID
    /// The framework's title.
    public var title: String
    /// How many criteria it has.
    public var criteria: Int
    /// `repository` or `built-in`.
    public var origin: String
    /// Where it comes from.
    public var source: String?
  }

  /// The frameworks, by id.
  public var frameworks: [Entry]
  /// The problems of the repository's own templates.
  public var problems: [Diagnostic]

  /// The catalogue of a repository at a revision; the built-in frameworks alone when there is no
  /// repository or no commit yet.
  public static func load(repository: ReviewRepository?, at revision: String) throws
    -> FrameworkCatalogue
  {
    let snapshot = try self.snapshot(repository: repository, at: revision)
    let entries = snapshot.frameworks.values.sorted { $0.id < $1.id }.map { framework in
      Entry(
        id: framework.id, title: framework.title, criteria: framework.criteria.count,
        origin: snapshot.repositoryFrameworkIDs.contains(framework.id) ? "repository" : "built-in",
        source: framework.source)
    }
    return FrameworkCatalogue(frameworks: entries, problems: snapshot.setupDiagnostics)
  }
}

extension FrameworkCatalogue {
  /// One framework whole at a revision, and where it comes from (`repository` or `built-in`);
  /// `unknownFramework` for an id there is none of.
  public static func framework(
    _ id: FrameworkID, repository: ReviewRepository?, at revision: String
  ) throws -> (framework: Framework, origin: String) {
    let snapshot = try self.snapshot(repository: repository, at: revision)
    guard let framework = snapshot.frameworks[id] else {
      throw ReviewError.unknownFramework(id, available: snapshot.frameworks.keys.sorted())
    }
    let origin = snapshot.repositoryFrameworkIDs.contains(id) ? "repository" : "built-in"
    return (framework, origin)
  }

  /// The snapshot at a revision; the built-in frameworks alone without a repository or a
  /// commit.
  private static func snapshot(repository: ReviewRepository?, at revision: String) throws
    -> ReviewSnapshot
  {
    if let repository, !repository.git.isHeadUnborn || revision != "HEAD" {
      return try repository.snapshot(at: revision)
    }
    return try ReviewSnapshot(source: EmptySource())
  }

  /// The frameworks at HEAD (the built-in ones without a repository or a commit).
  public static func frameworks(repository: ReviewRepository?) throws -> [FrameworkID: Framework] {
    if let repository, !repository.git.isHeadUnborn { return try repository.snapshot().frameworks }
    return try ReviewSnapshot(source: EmptySource()).frameworks
  }
}

/// A tree with no files, for the built-in frameworks alone.
public struct EmptySource: TreeSource {
  /// Creates a value with each field given.
  public init() {}
  /// What the files come from, for reports.
  public var label: String { "built-in" }
  /// No folder has entries.
  public func entries(_ folder: String) throws -> [String: SourceEntryKind]? {
    folder.isEmpty ? [:] : nil
  }
  /// No file has bytes.
  public func read(_ path: String, limit: Int) throws -> FileContents { .bytes(Data()) }
}
