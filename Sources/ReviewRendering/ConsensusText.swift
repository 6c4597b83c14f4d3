import Foundation
import ReviewCore
import ReviewStore

/// Text renderings of consensus results for people.
public enum ConsensusText {
  /// An outcome in one line: `MOF class: Class III - Open Model (class-3 100%, ...)`.
  public static func outcomeLine(_ outcome: OutcomeResult) -> String {
    var line = "\(outcome.title): \(outcome.label)"
    if !outcome.progress.isEmpty {
      line +=
        " ("
        + outcome.progress.map { "\($0.id) \(Format.percent($0.percent))" }.joined(separator: ", ")
        + ")"
    }
    if outcome.provisional { line += " [provisional]" }
    return line
  }

  /// `review consensus SUBJECT` for people: the rule, the table, agreement and outcomes; levels
  /// coloured when `colour` is on.
  public static func report(_ report: ConsensusReport, colour: Bool) -> String {
    var lines: [String] = []
    let title = report.subject.title.map { "  \($0)" } ?? ""
    lines.append(
      "\(report.subject.id)\(title)  (\(report.framework.id), at \(String(report.revision.prefix(7))))"
    )
    let rule = report.rule
    lines.append(
      "rule: \(rule.method.rawValue), agreed at support ≥ \(rule.threshold), at least \(rule.minimumReviewers) reviewers"
    )
    lines.append("")
    // Evaluations shown beside the panel get bracketed columns after the panel's.
    let columns = report.columns
    let header = ["CRITERION", "CONSENSUS", "SUPPORT", "STATUS"] + columns.map(\.title)
    let framework = report.framework
    let rows = report.criteria.map { entry -> [String] in
      [
        entry.criterion.rawValue,
        entry.consensus.map { TerminalText.level($0, in: framework, colour: colour) } ?? "-",
        entry.support.map { Format.percent(($0 * 1000).rounded() / 10) } ?? "-",
        entry.status.rawValue,
      ]
        + columns.map { column in
          column.evaluation.judgements[entry.criterion].map {
            TerminalText.level($0.level, in: framework, colour: colour)
          } ?? "-"
        }
    }
    lines.append(TerminalText.table([header] + rows))
    if !report.setAside.isEmpty {
      lines.append("not counted: " + report.notCountedPhrases.joined(separator: "; "))
    }
    let counted = Set(report.reviewers)
    let shown = report.declaredConflicts.filter { counted.contains($0) }
    if !shown.isEmpty {
      lines.append(
        "declared a conflict of interest, counted: " + shown.map(\.rawValue).joined(separator: ", ")
      )
    }
    if let line = signatures(columns.map(\.reviewer), report.trust) { lines.append(line) }
    lines.append("")
    let agreement = report.agreement
    lines.append(
      "agreement (\(agreement.metric.rawValue), \(Format.count(agreement.pairableUnits, "pairable criterion", plural: "pairable criteria"))): alpha \(Format.number(agreement.alpha.value)), percent agreement \(Format.number(agreement.percentAgreement.value))"
    )
    lines.append("  alpha: \(Format.bootstrap(agreement.alphaBootstrap))")
    lines.append("  \(agreement.gwetName) \(Format.coefficient(agreement.gwet))")
    lines.append("  Fleiss' kappa \(Format.coefficient(agreement.fleiss))")
    lines.append("  \(agreement.interpretation)")
    lines += standingApart(report)
    if !report.outcomes.isEmpty { lines.append("") }
    for outcome in report.outcomes { lines.append(outcomeLine(outcome)) }
    return lines.joined(separator: "\n")
  }

  /// `signatures: alice verified, bob unsigned`, for the reviewers in order; nil without a
  /// policy (nothing was checked).
  public static func signatures(_ reviewers: [ReviewerID], _ trust: [ReviewerID: EvaluationTrust])
    -> String?
  {
    guard !trust.isEmpty else { return nil }
    return "signatures: "
      + reviewers.compactMap { reviewer in trust[reviewer].map { "\(reviewer) \($0.rawValue)" } }
      .joined(separator: ", ")
  }

  /// Why an evaluation is not counted, in words.
  public static func reason(_ reason: SetAside) -> String {
    switch reason {
    case .reference: return "reference"
    case .chair: return "chair"
    case .conflict: return "conflict of interest, excluded by policy"
    }
  }

  /// `review consensus --all` for people.
  public static func summary(_ summary: PanelSummary) -> String {
    var rows = [
      [
        "SUBJECT", "FRAMEWORK", "REVIEWERS", "AGREED", "CONTESTED", "INSUFFICIENT", "ALPHA",
        "OUTCOME",
      ]
    ]
    for report in summary.subjects {
      let count = { (status: ConsensusStatus) in
        "\(report.criteria.filter { $0.status == status }.count)"
      }
      let outcome =
        report.outcomes.first.map { $0.label + ($0.provisional ? " [provisional]" : "") } ?? ""
      rows.append([
        report.subject.id.rawValue, report.framework.id.rawValue, "\(report.reviewers.count)",
        count(.agreed),
        count(.contested),
        count(.insufficient), Format.number(report.agreement.alpha.value), outcome,
      ])
    }
    for status in summary.sealed {
      rows.append([
        status.subject.rawValue, "", "", "", "", "", "",
        "sealed: \(status.submittedCount) of \(status.expectedCount) submitted",
      ])
    }
    var lines = ["at \(String(summary.revision.prefix(7)))", TerminalText.table(rows), ""]
    for framework in summary.frameworks {
      let contested = summary.mostContested(framework.framework).prefix(5).map {
        "\($0.criterion) (\(Format.count($0.subjects, "subject")))"
      }
      let agreement = framework.agreement
      lines.append(
        "\(framework.framework): \(Format.count(framework.subjects, "subject")), \(Format.count(framework.reviewers.count, "reviewer")): alpha \(Format.number(agreement.alpha.value)) (\(agreement.metric.rawValue)), percent agreement \(Format.number(agreement.percentAgreement.value)), \(Format.count(agreement.pairableUnits, "pairable unit"))"
      )
      lines.append("  \(agreement.gwetName) \(Format.coefficient(agreement.gwet))")
      lines.append("  \(agreement.interpretation)")
      if !contested.isEmpty {
        lines.append("  most often not agreed: " + contested.joined(separator: ", "))
      }
    }
    return lines.joined(separator: "\n")
  }

  /// Who and what stands apart: the criteria by disagreement, and each reviewer's alpha
  /// without them and the criteria where they stand alone.
  private static func standingApart(_ report: ConsensusReport) -> [String] {
    var lines: [String] = []
    let criteria = report.criteriaByDisagreement.prefix(5).map {
      "\($0.criterion) \(Format.number($0.disagreement, digits: 2))"
    }
    if !criteria.isEmpty {
      lines.append(
        "  most disagreement (relative to chance): " + criteria.joined(separator: ", "))
    }
    let reviewers = report.reviewerInfluence.map { influence in
      var text = "\(influence.reviewer) \(Format.number(influence.alphaWithout.value))"
      if !influence.alone.isEmpty {
        text +=
          " (alone on \(influence.alone.count): \(influence.alone.map(\.rawValue).joined(separator: ", ")))"
      }
      return text
    }
    if reviewers.count >= 3 {
      lines.append("  alpha without each reviewer: " + reviewers.joined(separator: "; "))
    }
    return lines
  }
}
