import Foundation
import GitKit
import ReviewCodec
import ReviewCore

extension ReviewRepository {
  /// The consensus report of one subject at a revision.
  public func consensus(
    subject id: SubjectID, at revision: String = "HEAD", metric: AlphaMetric? = nil
  )
    throws -> ConsensusReport
  {
    let snapshot = try snapshot(at: revision)
    let (subject, framework) = try snapshot.assessment(id)
    try snapshot.requireUnsealed(id)
    let settings = try snapshot.settings
    var report = ConsensusReport(
      revision: snapshot.label, subject: subject, framework: framework,
      evaluations: try snapshot.evaluations(subject), settings: settings, metric: metric)
    report.trust = try evaluationTrust(
      subject: id, reviewers: report.reviewers + report.setAside.map(\.evaluation.reviewer),
      at: try wrapGit { try git.resolveCommit(revision) }, settings: settings)
    return report
  }

  /// Every subject's consensus, and agreement over all subjects of each framework.
  public func consensusOfAll(at revision: String = "HEAD", metric: AlphaMetric? = nil) throws
    -> PanelSummary
  {
    let snapshot = try snapshot(at: revision)
    // Files are read one subject after another (one repository handle, one thread), then
    // parsed and summed up on all cores. Subjects a sealed round hides are listed as such, and
    // left out of every count.
    var sealed: [SealStatus] = []
    let files = try HashVerification.skipped {
      try snapshot.subjectIDs().compactMap {
        id -> Result<ReviewSnapshot.SubjectFiles, SubjectFailure>? in
        do {
          let files = try snapshot.files(ofSubject: id)
          if files.hasSealedFolder, let status = try snapshot.sealedStatus(id) {
            sealed.append(status)
            return nil
          }
          return .success(files)
        } catch {
          return .failure(SubjectFailure(id, error))
        }
      }
    }
    // Only the setup crosses to the other threads; the repository handle stays on this one.
    let setup = snapshot.setup
    let outcomes = parallelMap(files) { files in
      files.flatMap { files in
        Result {
          let subject = try setup.subject(files)
          return ConsensusReport(
            revision: setup.label, subject: subject,
            framework: try setup.framework(subject.framework),
            evaluations: try setup.evaluations(subject, files: files),
            settings: try setup.settings, metric: metric)
        }.mapError { SubjectFailure(files.id, $0) }
      }
    }
    var reports: [ConsensusReport] = []
    var failures: [(subject: SubjectID, error: String)] = []
    for outcome in outcomes {
      switch outcome {
      case .success(let report): reports.append(report)
      case .failure(let failure): failures.append((failure.subject, failure.message))
      }
    }
    var frameworks: [FrameworkAgreement] = []
    for frameworkID in Set(reports.map(\.framework.id)).sorted() {
      let group = reports.filter { $0.framework.id == frameworkID }
      let framework = group[0].framework
      let reviewers = Array(Set(group.flatMap(\.reviewers))).sorted()
      // Units are (subject, criterion) pairs; coders are every reviewer of the framework.
      let units = group.flatMap { report in
        framework.criteria.map { criterion in
          reviewers.map { reviewer in
            report.evaluations.first { $0.reviewer == reviewer }?.judgements[criterion.id]?.level
          }
        }
      }
      frameworks.append(
        FrameworkAgreement(
          framework: frameworkID, subjects: group.count, reviewers: reviewers,
          agreement: AgreementReport(
            levels: units, scale: framework.scale, metric: metric ?? framework.scale.kind.metric,
            reading: try snapshot.settings.agreement.resolved)))
    }
    var summary = PanelSummary(
      revision: snapshot.label, subjects: reports, failures: failures, frameworks: frameworks)
    summary.sealed = sealed
    return summary
  }
}

/// Why one subject has no consensus report in a summary of all.
private struct SubjectFailure: Error {
  let subject: SubjectID
  let message: String

  init(_ subject: SubjectID, _ error: any Error) {
    self.subject = subject
    message = "\(error)"
  }
}
