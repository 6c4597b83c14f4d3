/// Where a review file stands in a repository: the one place that knows the layout.
///
/// ```
/// review.yaml                        settings
/// templates/<framework>.yaml         template(framework:)
/// reviews/<subject>/subject.yaml     subject(_:)
/// reviews/<subject>/<reviewer>.yaml  evaluation(subject:reviewer:)
/// ```
public enum FileLocation: Hashable, Sendable, CustomStringConvertible {
  /// The repository's settings.
  case settings
  /// A framework's template.
  case template(framework: FrameworkID)
  /// What a subject is and against which framework it is assessed.
  case subject(SubjectID)
  /// One reviewer's evaluation of a subject.
  case evaluation(subject: SubjectID, reviewer: ReviewerID)

  /// The folder of subjects.
  public static let reviewsFolder = "reviews"
  /// The folder of templates.
  public static let templatesFolder = "templates"
  /// The name of the subject file in a subject's folder.
  public static let subjectFileName = "subject.yaml"
  /// The ending of every review file.
  public static let fileExtension = ".yaml"
  /// The settings file's path.
  public static let settingsPath = "review.yaml"

  /// The folder of one subject.
  public static func subjectFolder(_ subject: SubjectID) -> String { "\(reviewsFolder)/\(subject)" }

  /// The path from the repository's root.
  public var path: String {
    switch self {
    case .settings: return Self.settingsPath
    case .template(let framework):
      return "\(Self.templatesFolder)/\(framework)\(Self.fileExtension)"
    case .subject(let subject): return "\(Self.subjectFolder(subject))/\(Self.subjectFileName)"
    case .evaluation(let subject, let reviewer):
      return "\(Self.subjectFolder(subject))/\(Self.fileName(reviewer: reviewer))"
    }
  }

  /// The value as people read it.
  public var description: String { path }

  /// The subject a file under `reviews/` belongs to.
  public var subject: SubjectID? {
    switch self {
    case .subject(let subject), .evaluation(let subject, _): return subject
    case .settings, .template: return nil
    }
  }

  /// The name of a reviewer's file in a subject's folder.
  public static func fileName(reviewer: ReviewerID) -> String { reviewer.rawValue + fileExtension }

  /// The subject file's name without its ending: the one name no reviewer may have, and what
  /// commands take for "the subject file" where a reviewer is asked for.
  public static let subjectFileStem = String(subjectFileName.dropLast(fileExtension.count))

  /// The reviewer whose evaluation a file in a subject's folder is, by its name; nil for the
  /// subject file and anything not ending in `.yaml`. The id is not checked.
  public static func reviewer(inFileNamed name: String) -> ReviewerID? {
    guard name != subjectFileName, name.hasSuffix(fileExtension), name.count > fileExtension.count
    else { return nil }
    return ReviewerID(String(name.dropLast(fileExtension.count)))
  }

  /// The file a name in a subject's folder stands for: the subject file, an evaluation (for a
  /// name that ends in `.yaml`), or nil for anything else. The reviewer id is not checked.
  public static func inSubjectFolder(_ subject: SubjectID, name: String) -> FileLocation? {
    if name == subjectFileName { return .subject(subject) }
    return reviewer(inFileNamed: name).map { .evaluation(subject: subject, reviewer: $0) }
  }

  /// The file at a path: `reviews/<subject>/<name>.yaml`, a template or the settings; nil for
  /// any other path.
  public init?(path: String) {
    let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    switch parts.count {
    case 1 where path == Self.settingsPath:
      self = .settings
    case 2 where parts[0] == Self.templatesFolder && parts[1].hasSuffix(Self.fileExtension):
      self = .template(framework: FrameworkID(String(parts[1].dropLast(Self.fileExtension.count))))
    case 3 where parts[0] == Self.reviewsFolder && !parts[1].isEmpty:
      guard let location = Self.inSubjectFolder(SubjectID(parts[1]), name: parts[2]) else {
        return nil
      }
      self = location
    default:
      return nil
    }
  }
}
