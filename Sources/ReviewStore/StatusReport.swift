import Foundation
import GitKit
import ReviewCodec
import ReviewCore

/// `review status`: per subject its framework, reviewers, how much each has judged and what
/// nobody has judged; and what is uncommitted under `reviews/`.
public struct StatusReport: Encodable, Sendable {
  /// How much one reviewer has judged.
  public struct ReviewerProgress: Encodable, Sendable {
    /// The reviewer.
    public var reviewer: ReviewerID
    /// How many criteria they judged.
    public var judged: Int
    /// What they are to the panel: only panelists are counted.
    public var role: Role
  }

  /// One subject's progress.
  public struct SubjectStatus: Encodable, Sendable {
    /// The subject's id.
    public var id: SubjectID
    /// The subject's title.
    public var title: String?
    /// The framework it is assessed against.
    public var framework: FrameworkID?
    /// How many criteria the framework has, or the criteria shown.
    public var criteria: Int
    /// Each reviewer's progress.
    public var reviewers: [ReviewerProgress]
    /// Criteria no reviewer has judged, in the framework's order.
    public var unjudged: [CriterionID]
    /// Why the subject could not be read fully; nil when it could.
    public var error: String?
    /// The sealed round that hides the subject's judgements: who has submitted and when.
    public var sealed: SealStatus? = nil
  }

  /// A file under `reviews/` that differs from HEAD.
  public struct Uncommitted: Encodable, Sendable {
    /// The path from the repository root.
    public var path: String
    /// added, modified, deleted, renamed, type-changed, untracked or conflicted.
    public var change: String
    /// Whether the change is in the index.
    public var staged: Bool
  }

  /// The commit read.
  public var revision: String
  /// Every subject, by id.
  public var subjects: [SubjectStatus]
  /// What is not committed under `reviews/`.
  public var uncommitted: [Uncommitted]
  /// The merge in progress, if any: `review` (review merge, with its open conflicts) or `git`
  /// (a plain git merge that stopped).
  public var merge: MergeInProgress?

  /// A merge that has not been committed or abandoned yet.
  public struct MergeInProgress: Encodable, Sendable {
    /// `review` or `git`.
    public var kind: String
    /// The review conflicts still open (nil when the merge's state does not read).
    public var conflicts: Int?
  }
}

extension ReviewRepository {
  /// The status of one subject or all, at a revision, with the working tree's uncommitted changes
  /// under `reviews/`.
  public func status(subject only: SubjectID?, at revision: String = "HEAD") throws -> StatusReport
  {
    let snapshot = try snapshot(at: revision)
    let ids: [SubjectID]
    if let only {
      try Identifier.validate(only)
      guard try snapshot.subjectIDs().contains(only) else { throw ReviewError.unknownSubject(only) }
      ids = [only]
    } else {
      ids = try snapshot.subjectIDs()
    }
    let subjects = ids.map { id in
      do {
        // The subject's files are read once, for the subject and its evaluations.
        let files = try snapshot.files(ofSubject: id)
        let subject = try snapshot.setup.subject(files)
        let framework = try snapshot.framework(subject.framework)
        let evaluations = try snapshot.setup.evaluations(subject, files: files)
        let settings = try snapshot.settings
        let judged = Set(evaluations.flatMap(\.judgements.keys))
        if files.hasSealedFolder, let status = try snapshot.sealedStatus(id) {
          var row = StatusReport.SubjectStatus(
            id: id, title: subject.title, framework: framework.id,
            criteria: framework.criteria.count, reviewers: [], unjudged: [], error: nil)
          row.sealed = status
          return row
        }
        return StatusReport.SubjectStatus(
          id: id, title: subject.title, framework: framework.id, criteria: framework.criteria.count,
          reviewers: evaluations.map {
            StatusReport.ReviewerProgress(
              reviewer: $0.reviewer, judged: $0.judgements.count,
              role: settings.role(of: $0.reviewer))
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
    var merge: StatusReport.MergeInProgress?
    let state: MergeState?
    do {
      state = try MergeSession(self).mergeState()
    } catch {
      // A state that does not read is still a merge in progress, never silence.
      state = nil
      merge = .init(kind: git.isMerging ? "git" : "review", conflicts: nil)
    }
    if let state {
      merge = .init(
        kind: state.isGitMerge ? "git" : "review",
        conflicts: state.files.map(\.conflicts.count).reduce(0, +))
    }
    return StatusReport(
      revision: snapshot.label, subjects: subjects, uncommitted: uncommitted, merge: merge)
  }
}

/// `review show`: the evaluations of a subject at a revision.
public struct EvaluationReport: Sendable {
  /// The commit read.
  public var revision: String
  /// The subject.
  public var subject: Subject
  /// The framework it is assessed against.
  public var framework: Framework
  /// The evaluations shown.
  public var evaluations: [Evaluation]
  /// Each reviewer's role on the panel.
  public var roles: [ReviewerID: Role]
  /// Whether each evaluation is provably its reviewer's (empty without a policy).
  public var trust: [ReviewerID: EvaluationTrust]
}

extension ReviewRepository {
  /// A subject's evaluations at a revision: one reviewer's, or all of them.
  public func show(subject id: SubjectID, reviewer: ReviewerID?, at revision: String = "HEAD")
    throws
    -> EvaluationReport
  {
    let snapshot = try snapshot(at: revision)
    let (subject, framework) = try snapshot.assessment(id)
    try snapshot.requireUnsealed(id)
    let evaluations: [Evaluation]
    if let reviewer {
      guard let evaluation = try snapshot.evaluation(subject, reviewer: reviewer) else {
        throw ReviewError.noEvaluation(subject: id, reviewer: reviewer)
      }
      evaluations = [evaluation]
    } else {
      evaluations = try snapshot.evaluations(subject)
    }
    let settings = try snapshot.settings
    let reviewers = evaluations.map(\.reviewer)
    return EvaluationReport(
      revision: snapshot.label, subject: subject, framework: framework, evaluations: evaluations,
      roles: Dictionary(uniqueKeysWithValues: reviewers.map { ($0, settings.role(of: $0)) }),
      trust: try evaluationTrust(
        subject: id, reviewers: reviewers, at: try wrapGit { try git.resolveCommit(revision) },
        settings: settings))
  }

  /// Every problem in the review files of the working tree, or of a revision.
  public func validate(revision: String?) throws -> [Diagnostic] {
    let snapshot = try revision.map { try self.snapshot(at: $0) } ?? workingSnapshot()
    return try snapshot.validate()
  }
}
