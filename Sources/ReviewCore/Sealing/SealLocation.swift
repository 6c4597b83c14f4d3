/// Where a subject's sealed round keeps its files, beside the evaluations and invisible to
/// every reader of them:
///
/// ```
/// reviews/<subject>/sealed/round.yaml       the round: name, state, deadline, panel
/// reviews/<subject>/sealed/<reviewer>.age   a sealed evaluation, in the age format
/// reviews/<subject>/sealed/<reviewer>.nonce the round and nonce of a revealed seal, in hex
/// ```
public enum SealLocation: Hashable, Sendable {
  /// The round file.
  case round(SubjectID)
  /// A reviewer's sealed evaluation.
  case seal(SubjectID, ReviewerID)
  /// The published nonce of a reviewer's revealed seal.
  case nonce(SubjectID, ReviewerID)

  /// The folder's name in a subject's folder.
  public static let folderName = "sealed"
  /// The round file's name.
  public static let roundFileName = "round.yaml"
  static let sealExtension = ".age"
  static let nonceExtension = ".nonce"

  /// The sealed folder of a subject.
  public static func folder(_ subject: SubjectID) -> String {
    FileLocation.subjectFolder(subject) + "/" + folderName
  }

  /// The subject the file belongs to.
  public var subject: SubjectID {
    switch self {
    case .round(let subject), .seal(let subject, _), .nonce(let subject, _): return subject
    }
  }

  /// The path from the repository's root.
  public var path: String { Self.folder(subject) + "/" + name }

  /// The file's name in the sealed folder.
  public var name: String {
    switch self {
    case .round: return Self.roundFileName
    case .seal(_, let reviewer): return reviewer.rawValue + Self.sealExtension
    case .nonce(_, let reviewer): return reviewer.rawValue + Self.nonceExtension
    }
  }

  /// The file a name in a subject's sealed folder stands for; nil for any other name. The
  /// reviewer id is not checked.
  public static func inFolder(_ subject: SubjectID, name: String) -> SealLocation? {
    if name == roundFileName { return .round(subject) }
    for (ending, make) in [
      (sealExtension, { SealLocation.seal(subject, $0) }),
      (nonceExtension, { SealLocation.nonce(subject, $0) }),
    ] as [(String, (ReviewerID) -> SealLocation)]
    where name.hasSuffix(ending) && name.count > ending.count {
      return make(ReviewerID(String(name.dropLast(ending.count))))
    }
    return nil
  }

  /// The sealed file at a path, `reviews/<subject>/sealed/<name>`; nil for any other path.
  public init?(path: String) {
    let parts = path.split(separator: "/", omittingEmptySubsequences: false).map(String.init)
    guard parts.count == 4, parts[0] == FileLocation.reviewsFolder, !parts[1].isEmpty,
      parts[2] == Self.folderName,
      let location = Self.inFolder(SubjectID(parts[1]), name: parts[3])
    else { return nil }
    self = location
  }
}
