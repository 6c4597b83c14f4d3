import Foundation
import GitKit
import ReviewCodec
import ReviewCore

/// The review files of one tree (a commit, or the working tree), read and checked: the settings,
/// the frameworks (the repository's `templates/`, then the built-in ones), subjects and
/// evaluations.
public struct ReviewSnapshot {
  /// The settings, frameworks and problems read from the tree: a value any thread may use to
  /// parse the tree's files.
  public let setup: SnapshotSetup
  /// The commit (or `working tree`) the files come from.
  public var label: String { setup.label }
  /// The settings, or the problems of a `review.yaml` that does not read.
  public var settings: Settings { get throws { try setup.settings } }
  /// Usable frameworks by id.
  public var frameworks: [FrameworkID: Framework] { setup.frameworks }
  /// Problems found in `review.yaml` and `templates/`.
  public var setupDiagnostics: [Diagnostic] { setup.setupDiagnostics }
  /// The ids of the frameworks defined by the repository's own `templates/` (valid or not).
  public var repositoryFrameworkIDs: Set<FrameworkID> { setup.repositoryFrameworkIDs }
  let source: any TreeSource

  /// Reads the settings and frameworks of `source`.
  public init(source: any TreeSource) throws {
    self.source = source
    var diagnostics: [Diagnostic] = []
    var settings = Settings()
    if let kind = try source.entries("")?[FileLocation.settingsPath] {
      switch Self.document(FileLocation.settingsPath, kind: kind, source: source) {
      case .success(let document):
        let (read, problems) = Settings.read(document)
        diagnostics += problems
        if let read { settings = read }
      case .failure(let problem):
        diagnostics.append(problem)
      }
    }
    var frameworks: [FrameworkID: Framework] = [:]
    var repositoryIDs: Set<FrameworkID> = []
    for (name, text) in BuiltinTemplates.files {
      let id = FrameworkID(name)
      let document = YAMLDocument.parse(
        Data(text.utf8), path: FileLocation.template(framework: id).path + " (built in)")
      if case .success(let document) = document,
        let framework = Framework.read(document, expectedID: id).0
      {
        frameworks[id] = framework
      }
    }
    for (name, kind) in (try source.entries(FileLocation.templatesFolder) ?? [:]).sorted(by: {
      $0.key < $1.key
    }) {
      let path = FileLocation.templatesFolder + "/" + name
      guard name.hasSuffix(".yaml") || name.hasSuffix(".yml") else { continue }
      guard name.hasSuffix(".yaml") else {
        diagnostics.append(Diagnostic(path: path, message: "framework files must end in .yaml"))
        continue
      }
      let id = FrameworkID(String(name.dropLast(5)))
      if let problem = Identifier.problem(id) {
        diagnostics.append(Diagnostic(path: path, message: problem))
        continue
      }
      repositoryIDs.insert(id)
      switch Self.document(path, kind: kind, source: source) {
      case .success(let document):
        let (framework, problems) = Framework.read(document, expectedID: id)
        diagnostics += problems
        // A broken repository template hides the built-in of the same id: falling back silently
        // would judge against a rubric the repository did not choose.
        frameworks[id] = framework
      case .failure(let problem):
        diagnostics.append(problem)
        frameworks[id] = nil
      }
    }
    setup = SnapshotSetup(
      label: source.label, readSettings: settings, frameworks: frameworks,
      setupDiagnostics: diagnostics, repositoryFrameworkIDs: repositoryIDs)
  }

  /// Reads and parses one file, refusing links, other special files and files over the limit
  /// before reading them.
  static func document(_ path: String, kind: SourceEntryKind, source: any TreeSource)
    -> Result<YAMLDocument, Diagnostic>
  {
    bytes(path, kind: kind, source: source).flatMap { YAMLDocument.parse($0, path: path) }
  }

  /// The bytes of one file, refusing links, other special files and files over the limit
  /// before reading them.
  static func bytes(_ path: String, kind: SourceEntryKind, source: any TreeSource)
    -> Result<Data, Diagnostic>
  {
    switch kind {
    case .symlink:
      return .failure(
        Diagnostic(path: path, message: "is a symbolic link; review files must be regular files"))
    case .directory, .other:
      return .failure(Diagnostic(path: path, message: "is not a regular file"))
    case .file:
      break
    }
    do {
      switch try source.read(path, limit: maximumFileSize) {
      case .bytes(let data):
        return .success(data)
      case .tooLarge(let size):
        return .failure(
          Diagnostic(
            path: path, message: "file is \(size) bytes, over the limit of \(maximumFileSize)"))
      }
    } catch {
      return .failure(Diagnostic(path: path, message: "\(error)"))
    }
  }

  /// The framework with this id, or `unknownFramework`.
  public func framework(_ id: FrameworkID) throws -> Framework { try setup.framework(id) }

  /// The git object id of a file or folder in a commit's tree; nil in the working tree or when
  /// the path does not exist.
  public func objectID(_ path: String) throws -> ObjectID? {
    try source.objectID(path)
  }

  /// The ids of the subjects, sorted; folders with invalid names are left to `validate`.
  public func subjectIDs() throws -> [SubjectID] {
    let entries = try source.entries(FileLocation.reviewsFolder) ?? [:]
    return entries.filter { $0.value == .directory && Identifier.isValid($0.key) }.keys.sorted()
      .map { SubjectID($0) }
  }

  /// The subject with this id and the framework it is assessed against: what nearly every
  /// use of a subject starts with.
  public func assessment(_ id: SubjectID) throws -> (subject: Subject, framework: Framework) {
    let subject = try subject(id)
    return (subject, try framework(subject.framework))
  }

  /// The subject with this id.
  public func subject(_ id: SubjectID) throws -> Subject {
    try setup.subject(try files(ofSubject: id))
  }

  /// The reviewers with an evaluation file of the subject, sorted.
  public func reviewerIDs(_ subject: SubjectID) throws -> [ReviewerID] {
    Self.reviewerIDs(in: try source.entries(FileLocation.subjectFolder(subject)) ?? [:])
  }

  private static func reviewerIDs(in folder: [String: SourceEntryKind]) -> [ReviewerID] {
    folder.keys.compactMap(FileLocation.reviewer(inFileNamed:)).filter(Identifier.isValid).sorted()
  }

  /// One reviewer's evaluation of a subject, checked against the subject's framework; nil when
  /// the reviewer has none.
  public func evaluation(_ subject: Subject, reviewer: ReviewerID) throws -> Evaluation? {
    try Identifier.validate(reviewer)
    guard
      let kind = try source.entries(FileLocation.subjectFolder(subject.id))?[
        FileLocation.fileName(reviewer: reviewer)]
    else {
      return nil
    }
    let path = FileLocation.evaluation(subject: subject.id, reviewer: reviewer).path
    return try setup.evaluation(
      subject, file: (reviewer, Self.bytes(path, kind: kind, source: source)))
  }

  /// A reviewer's evaluation of a subject as committed, for a write that may repair it: absent,
  /// read, or a file that does not read (committed with plain git), with its problems and its
  /// bytes (nil when it is no regular file).
  public enum CommittedEvaluation {
    case absent
    case read(Evaluation)
    case broken([Diagnostic], bytes: Data?)

    /// The evaluation when it reads.
    public var evaluation: Evaluation? {
      if case .read(let evaluation) = self { return evaluation }
      return nil
    }
  }

  /// The reviewer's committed evaluation of `subject`, as `CommittedEvaluation` tells it.
  public func committedEvaluation(_ subject: Subject, reviewer: ReviewerID) throws
    -> CommittedEvaluation
  {
    do {
      return try evaluation(subject, reviewer: reviewer).map(CommittedEvaluation.read) ?? .absent
    } catch ReviewError.invalidFiles(let problems) {
      return .broken(problems, bytes: try evaluationBytes(subject.id, reviewer: reviewer))
    }
  }

  /// The bytes of a reviewer's evaluation file as committed, read or not; nil when there is no
  /// such file or it is no regular file.
  private func evaluationBytes(_ subject: SubjectID, reviewer: ReviewerID) throws -> Data? {
    try Identifier.validate(reviewer)
    guard
      let kind = try source.entries(FileLocation.subjectFolder(subject))?[
        FileLocation.fileName(reviewer: reviewer)]
    else { return nil }
    let path = FileLocation.evaluation(subject: subject, reviewer: reviewer).path
    return try? Self.bytes(path, kind: kind, source: source).get()
  }

  /// Every evaluation of a subject, by reviewer id.
  public func evaluations(_ subject: Subject) throws -> [Evaluation] {
    try setup.evaluations(subject, files: try files(ofSubject: subject.id))
  }

  /// The files of one subject, read from the tree and not yet parsed, so that many subjects can
  /// be read one after the other (git) and parsed at once (no git).
  struct SubjectFiles: Sendable {
    var id: SubjectID
    /// nil when the folder has no `subject.yaml`.
    var subject: Result<Data, Diagnostic>?
    var evaluations: [(reviewer: ReviewerID, bytes: Result<Data, Diagnostic>)]
    /// Whether the folder has a `sealed/` folder: a sealed round may hide its judgements.
    var hasSealedFolder = false
  }

  func files(ofSubject id: SubjectID) throws -> SubjectFiles {
    try Identifier.validate(id)
    let folder = FileLocation.subjectFolder(id)
    let entries = try source.entries(folder) ?? [:]
    var files = SubjectFiles(
      id: id,
      subject: entries[FileLocation.subjectFileName].map {
        Self.bytes(FileLocation.subject(id).path, kind: $0, source: source)
      },
      evaluations: Self.reviewerIDs(in: entries).map { reviewer in
        let path = FileLocation.evaluation(subject: id, reviewer: reviewer).path
        return (
          reviewer,
          Self.bytes(
            path, kind: entries[FileLocation.fileName(reviewer: reviewer)]!, source: source)
        )
      })
    files.hasSealedFolder = entries[SealLocation.folderName] == .directory
    return files
  }

  /// Every problem in the tree's review files: settings, templates, subjects and evaluations.
  public func validate() throws -> [Diagnostic] {
    var diagnostics = setupDiagnostics
    for (name, kind) in (try source.entries(FileLocation.reviewsFolder) ?? [:]).sorted(by: {
      $0.key < $1.key
    }) {
      let folder = FileLocation.subjectFolder(SubjectID(name))
      if kind == .symlink {
        diagnostics.append(
          Diagnostic(
            path: folder, message: "is a symbolic link; review files must be regular files"))
        continue
      }
      guard kind == .directory else { continue }  // a README beside the subjects is fine
      if let problem = Identifier.problem(name, kind: "subject") {
        diagnostics.append(Diagnostic(path: folder, message: problem))
        continue
      }
      do {
        diagnostics += try validateSubject(SubjectID(name))
      } catch StoreError.git(.duplicateEntry(_, let entry)) {
        diagnostics.append(
          Diagnostic(
            path: folder,
            message: "names '\(entry)' twice or out of order (git fsck: duplicateEntries)"))
      }
    }
    return diagnostics.sorted {
      ($0.path, $0.line, $0.column, $0.message) < ($1.path, $1.line, $1.column, $1.message)
    }
  }

  private func validateSubject(_ id: SubjectID) throws -> [Diagnostic] {
    let entries = try source.entries(FileLocation.subjectFolder(id)) ?? [:]
    guard let subjectKind = entries[FileLocation.subjectFileName] else {
      return [
        Diagnostic(
          path: FileLocation.subjectFolder(id), message: "subject folder has no subject.yaml")
      ]
    }
    var diagnostics: [Diagnostic] = []
    var subject: Subject?
    switch Self.document(FileLocation.subject(id).path, kind: subjectKind, source: source) {
    case .success(let document):
      let (read, problems) = Subject.read(
        document, expectedID: id, isKnownFramework: { frameworks[$0] != nil })
      diagnostics += problems
      subject = read
    case .failure(let problem):
      diagnostics.append(problem)
    }
    for (name, kind) in entries.sorted(by: { $0.key < $1.key })
    where name != FileLocation.subjectFileName {
      let path = FileLocation.subjectFolder(id) + "/" + name
      if kind == .symlink {
        diagnostics.append(
          Diagnostic(path: path, message: "is a symbolic link; review files must be regular files"))
        continue
      }
      guard case .evaluation(_, let reviewer) = FileLocation.inSubjectFolder(id, name: name)
      else { continue }
      if let problem = Identifier.problem(reviewer) {
        diagnostics.append(Diagnostic(path: path, message: problem))
        continue
      }
      switch Self.document(path, kind: kind, source: source) {
      case .success(let document):
        if let subject {
          diagnostics += setup.readEvaluation(document, subject: subject, reviewer: reviewer).1
        } else {
          // Without a valid subject the framework is unknown; still check the file's own shape.
          diagnostics +=
            Evaluation.read(
              document, expectedSubject: id, expectedReviewer: reviewer,
              framework: { frameworks[$0] }
            ).1
        }
      case .failure(let problem):
        diagnostics.append(problem)
      }
    }
    if entries[SealLocation.folderName] == .directory {
      do {
        _ = try sealStatus(id)
      } catch ReviewError.invalidFiles(let problems) {
        diagnostics += problems
      } catch StoreError.sealBroken(let path, let reason) {
        diagnostics.append(Diagnostic(path: path, message: reason))
      } catch StoreError.age(let path, let problem) {
        diagnostics.append(Diagnostic(path: path, message: "\(problem)"))
      } catch {
        diagnostics.append(Diagnostic(path: SealLocation.folder(id), message: "\(error)"))
      }
    }
    return diagnostics
  }
}
