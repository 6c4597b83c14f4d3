import Foundation
import ReviewCodec
import ReviewCore

/// What a snapshot knows once its settings and frameworks are read: a value with no repository
/// handle, so that the files read from a tree (on the thread that owns the handle) can be
/// parsed and checked on any thread.
public struct SnapshotSetup: Sendable {
  /// The commit (or `working tree`) the files come from.
  public let label: String
  let readSettings: Settings
  /// Usable frameworks by id.
  public let frameworks: [FrameworkID: Framework]
  /// Problems found in `review.yaml` and `templates/`.
  public let setupDiagnostics: [Diagnostic]
  /// The ids of the frameworks defined by the repository's own `templates/` (valid or not).
  public let repositoryFrameworkIDs: Set<FrameworkID>

  /// The settings, or the problems of a `review.yaml` that does not read: nothing that depends
  /// on them (the consensus rule, the registry, the default framework) falls back to defaults
  /// the repository did not choose.
  public var settings: Settings {
    get throws {
      let problems = setupDiagnostics.filter { $0.path == FileLocation.settingsPath }
      guard problems.isEmpty else { throw ReviewError.invalidFiles(problems) }
      return readSettings
    }
  }

  /// The framework with this id, or `unknownFramework`.
  public func framework(_ id: FrameworkID) throws -> Framework {
    guard let framework = frameworks[id] else {
      let problems = setupDiagnostics.filter {
        $0.path == FileLocation.template(framework: id).path
      }
      if !problems.isEmpty { throw ReviewError.invalidFiles(problems) }
      throw ReviewError.unknownFramework(id, available: frameworks.keys.sorted())
    }
    return framework
  }

  func subject(_ files: ReviewSnapshot.SubjectFiles) throws -> Subject {
    guard let bytes = files.subject else { throw ReviewError.unknownSubject(files.id) }
    let path = FileLocation.subject(files.id).path
    let document = try bytes.flatMap { YAMLDocument.parse($0, path: path) }.orThrow()
    let (subject, problems) = Subject.read(document, expectedID: files.id)
    guard let subject else { throw ReviewError.invalidFiles(problems) }
    return subject
  }

  func evaluations(_ subject: Subject, files: ReviewSnapshot.SubjectFiles) throws -> [Evaluation] {
    try files.evaluations.map { try evaluation(subject, file: $0) }
  }

  /// Parses one evaluation file (the canonical form by the fast reader, anything else by
  /// Yams) and checks it against the subject.
  func evaluation(
    _ subject: Subject, file: (reviewer: ReviewerID, bytes: Result<Data, Diagnostic>)
  )
    throws -> Evaluation
  {
    let path = FileLocation.evaluation(subject: subject.id, reviewer: file.reviewer).path
    var (evaluation, problems) = Evaluation.load(
      try file.bytes.orThrow(), path: path, expectedSubject: subject.id,
      expectedReviewer: file.reviewer, framework: { frameworks[$0] })
    if let found = evaluation,
      let problem = Self.frameworkMismatch(found, subject: subject, path: path)
    {
      problems.append(problem)
      evaluation = nil
    }
    guard let evaluation else { throw ReviewError.invalidFiles(problems) }
    return evaluation
  }

  /// The problem of an evaluation judged against another framework than its subject's.
  static func frameworkMismatch(_ evaluation: Evaluation, subject: Subject, path: String)
    -> Diagnostic?
  {
    guard evaluation.framework != subject.framework else { return nil }
    return Diagnostic(
      path: path,
      message:
        "framework '\(evaluation.framework)' differs from the subject's '\(subject.framework)'")
  }

  /// Reads an evaluation file for a subject and checks that it uses the subject's framework.
  func readEvaluation(_ document: YAMLDocument, subject: Subject, reviewer: ReviewerID?)
    -> (Evaluation?, [Diagnostic])
  {
    var (evaluation, problems) = Evaluation.read(
      document, expectedSubject: subject.id, expectedReviewer: reviewer,
      framework: { frameworks[$0] })
    if let found = evaluation,
      let problem = Self.frameworkMismatch(found, subject: subject, path: document.path)
    {
      problems.append(problem)
      evaluation = nil
    }
    return (evaluation, problems)
  }
}
