import Foundation
import GitKit
import ReviewCodec
import ReviewCore

/// `review status`: per subject its framework, reviewers, how much each has judged and what
/// nobody has judged; and what is uncommitted under `reviews/`.
public struct StatusReport: Encodable, Sendable {
  public struct ReviewerProgress: Encodable, Sendable {
    public var reviewer: String
    public var judged: Int
  }

  public struct SubjectStatus: Encodable, Sendable {
    public var id: String
    public var title: String?
    public var framework: String?
    public var criteria: Int
    public var reviewers: [ReviewerProgress]
    /// Criteria no reviewer has judged, in the framework's order.
    public var unjudged: [String]
    /// Why the subject could not be read fully; nil when it could.
    public var error: String?
  }

  public struct Uncommitted: Encodable, Sendable {
    public var path: String
    public var change: String
    public var staged: Bool
  }

  public var revision: String
  public var subjects: [SubjectStatus]
  public var uncommitted: [Uncommitted]
}

extension ReviewRepository {
  /// The status of one subject or all, at a revision, with the working tree's uncommitted changes
  /// under `reviews/`.
  public func status(subject only: String?, at revision: String = "HEAD") throws -> StatusReport {
    let snapshot = try snapshot(at: revision)
    let ids: [String]
    if let only {
      try Identifier.validate(only, kind: "subject")
      guard try snapshot.subjectIDs().contains(only) else { throw ReviewError.unknownSubject(only) }
      ids = [only]
    } else {
      ids = try snapshot.subjectIDs()
    }
    let subjects = ids.map { id in
      do {
        let subject = try snapshot.subject(id)
        let framework = try snapshot.framework(subject.framework)
        let evaluations = try snapshot.evaluations(subject)
        let judged = Set(evaluations.flatMap(\.judgements.keys))
        return StatusReport.SubjectStatus(
          id: id, title: subject.title, framework: framework.id, criteria: framework.criteria.count,
          reviewers: evaluations.map {
            StatusReport.ReviewerProgress(reviewer: $0.reviewer, judged: $0.judgements.count)
          },
          unjudged: framework.criteria.map(\.id).filter { !judged.contains($0) }, error: nil)
      } catch {
        return StatusReport.SubjectStatus(
          id: id, title: nil, framework: nil, criteria: 0, reviewers: [], unjudged: [],
          error: "\(error)")
      }
    }
    var uncommitted: [StatusReport.Uncommitted] = []
    if git.workdir != nil {
      let prefix = only.map(FileLocation.subjectFolder) ?? FileLocation.reviewsFolder
      uncommitted = try wrapGit { try git.status(under: prefix) }.map {
        StatusReport.Uncommitted(path: $0.path, change: $0.change.rawValue, staged: $0.staged)
      }
    }
    return StatusReport(revision: snapshot.label, subjects: subjects, uncommitted: uncommitted)
  }
}

/// `review show`: the evaluations of a subject at a revision.
public struct EvaluationReport: Sendable {
  public var revision: String
  public var subject: Subject
  public var framework: Framework
  public var evaluations: [Evaluation]
}

extension ReviewRepository {
  /// A subject's evaluations at a revision: one reviewer's, or all of them.
  public func show(subject id: String, reviewer: String?, at revision: String = "HEAD") throws
    -> EvaluationReport
  {
    let snapshot = try snapshot(at: revision)
    let subject = try snapshot.subject(id)
    let framework = try snapshot.framework(subject.framework)
    let evaluations: [Evaluation]
    if let reviewer {
      guard let evaluation = try snapshot.evaluation(subject, reviewer: reviewer) else {
        throw ReviewError.noEvaluation(subject: id, reviewer: reviewer)
      }
      evaluations = [evaluation]
    } else {
      evaluations = try snapshot.evaluations(subject)
    }
    return EvaluationReport(
      revision: snapshot.label, subject: subject, framework: framework, evaluations: evaluations)
  }

  /// Every problem in the review files of the working tree, or of a revision.
  public func validate(revision: String?) throws -> [Diagnostic] {
    let snapshot = try revision.map { try self.snapshot(at: $0) } ?? workingSnapshot()
    return try snapshot.validate()
  }
}
