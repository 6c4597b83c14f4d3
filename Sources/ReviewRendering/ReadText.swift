import Foundation
import ReviewCore
import ReviewStore

/// The text of `review log`, `review show` and `review status` for people.
public enum ReadText {
  /// How log entries make the text output: one blank line between them, a newline at the end.
  public static let logLayout = SeparatedDocument(
    open: "", separator: "\n\n", close: "\n", empty: "")

  /// One commit as git log shows it, then its judgement changes.
  @Sendable public static func logEntry(_ entry: LogEntry) -> String {
    var lines = [
      "commit \(entry.commit)", "Author: \(entry.author) <\(entry.email)>", "Date:   \(entry.date)",
      "",
    ]
    lines += entry.message.split(separator: "\n", omittingEmptySubsequences: false).map {
      "    \($0)"
    }
    lines.append("")
    lines += entry.changes.map { "  " + Format.changeLine($0) }
    return lines.joined(separator: "\n")
  }

  /// `review log --oneline`: one line per commit, as `git log --oneline` writes it.
  public static let onelineLayout = SeparatedDocument(
    open: "", separator: "\n", close: "\n", empty: "")

  /// One commit in a line: the short id, the message's first line, and what it changed
  /// (`alice/llama2: 3 judgements`, or the files' count when several).
  @Sendable public static func logOneline(_ entry: LogEntry) -> String {
    let title = entry.message.split(separator: "\n", maxSplits: 1).first.map(String.init) ?? ""
    let files = Set(entry.changes.map { "\($0.subject)/\($0.reviewer)" })
    let place = files.count == 1 ? files.first! : Format.count(files.count, "evaluation")
    let count = Set(
      entry.changes.map { "\($0.subject)/\($0.reviewer)/\($0.criterion?.rawValue ?? "")" }
    ).count
    return "\(entry.commit.prefix(7)) \(title) (\(place): \(Format.count(count, "judgement")))"
  }

  /// A subject's evaluations as a criteria × reviewers table, or with `single` the one
  /// evaluation with its licenses, confidences, notes and evidence.
  public static func evaluations(_ report: EvaluationReport, single: Bool, colour: Bool)
    -> String
  {
    let framework = report.framework
    var lines = [
      "\(report.subject.id)\(report.subject.title.map { "  \($0)" } ?? "")  (\(framework.id), at \(String(report.revision.prefix(7))))"
    ]
    if report.evaluations.isEmpty {
      lines.append("no evaluations yet")
    } else if let evaluation = report.evaluations.first, single {
      var about = [String]()
      if let role = report.roles[evaluation.reviewer], role != .panelist {
        about.append(role.rawValue)
      }
      if let trust = report.trust[evaluation.reviewer] { about.append(trust.rawValue) }
      if !about.isEmpty { lines.append("\(evaluation.reviewer): \(about.joined(separator: ", "))") }
      lines += self.evaluation(evaluation, framework: framework, colour: colour)
    } else {
      // Reviewers who are not panelists are bracketed, as in the consensus table.
      let header =
        ["CRITERION"]
        + report.evaluations.map { evaluation in
          report.roles[evaluation.reviewer, default: .panelist] == .panelist
            ? evaluation.reviewer.rawValue : "[\(evaluation.reviewer)]"
        }
      let rows = framework.criteria.map { criterion in
        [criterion.id.rawValue]
          + report.evaluations.map { evaluation in
            evaluation.judgements[criterion.id].map {
              TerminalText.level($0.level, in: framework, colour: colour)
            } ?? "-"
          }
      }
      lines.append(TerminalText.table([header] + rows))
      if let line = ConsensusText.signatures(report.evaluations.map(\.reviewer), report.trust) {
        lines.append(line)
      }
    }
    return lines.joined(separator: "\n")
  }

  private static func evaluation(_ evaluation: Evaluation, framework: Framework, colour: Bool)
    -> [String]
  {
    let rows = framework.criteria.compactMap { criterion -> [String]? in
      guard let judgement = evaluation.judgements[criterion.id] else { return nil }
      return [
        criterion.id.rawValue, TerminalText.level(judgement.level, in: framework, colour: colour),
        judgement.license ?? "", judgement.confidence?.rawValue ?? "",
      ]
    }
    var lines = [TerminalText.table([["CRITERION", "LEVEL", "LICENSE", "CONFIDENCE"]] + rows)]
    for criterion in framework.criteria {
      guard let judgement = evaluation.judgements[criterion.id],
        judgement.note != nil || !judgement.evidence.isEmpty
      else { continue }
      lines += ["", "\(criterion.id):"]
      if let note = judgement.note { lines.append("  \(note)") }
      lines += judgement.evidence.map { "  evidence: \($0)" }
    }
    let missing = framework.criteria.filter { evaluation.judgements[$0.id] == nil }.map(\.id)
    if !missing.isEmpty {
      lines += ["", "not judged: \(missing.map(\.rawValue).joined(separator: ", "))"]
    }
    return lines
  }

  /// Per subject its framework, reviewers and progress; then what is uncommitted.
  public static func status(_ report: StatusReport) -> String {
    let count = report.subjects.count
    var lines = [
      "at \(String(report.revision.prefix(7))): \(Format.count(count, "subject"))"
    ]
    for subject in report.subjects {
      lines.append("")
      if let error = subject.error {
        lines.append("\(subject.id)  cannot be read: \(error)")
        continue
      }
      let title = subject.title.map { "  \($0)" } ?? ""
      lines.append(
        "\(subject.id)\(title)  (\(subject.framework ?? "?"), \(Format.count(subject.criteria, "criterion", plural: "criteria")))"
      )
      if let sealed = subject.sealed {
        lines.append(
          SealRendering.text(sealed, named: false).split(separator: "\n").map { "  " + $0 }.joined(
            separator: "\n"))
        continue
      }
      if subject.reviewers.isEmpty { lines.append("  no evaluations yet") }
      let rows = subject.reviewers.map {
        [
          "  \($0.reviewer)", "\($0.judged)/\(subject.criteria) judged",
          $0.role == .panelist ? "" : "(\($0.role.rawValue), not counted)",
        ]
      }
      if !rows.isEmpty { lines.append(TerminalText.table(rows)) }
      if !subject.unjudged.isEmpty {
        lines.append(
          "  not judged by anyone: \(subject.unjudged.map(\.rawValue).joined(separator: ", "))")
      }
    }
    switch (report.merge?.kind, report.merge?.conflicts) {
    case ("review", let count?):
      lines += [
        "",
        count == 0
          ? "a review merge is in progress with no conflict left: finish it with 'review merge --continue' (or 'review merge --abort')"
          : "a review merge is in progress with \(Format.count(count, "conflict")): see 'review conflicts', settle them with 'review resolve', then 'review merge --continue' (or 'review merge --abort')",
      ]
    case ("review", nil):
      lines += [
        "",
        "a review merge is in progress, but its state does not read: run 'review merge --abort'",
      ]
    case ("git", let count?) where count > 0:
      lines += [
        "",
        "a git merge is in progress with \(Format.count(count, "review conflict")): see 'review conflicts', settle them with 'review resolve', then 'review merge --continue' or 'git commit' (or 'review merge --abort')",
      ]
    case ("git", _):
      lines += [
        "",
        "a git merge is in progress with no review conflict: settle any other conflict with git, then 'review merge --continue' or 'git commit' (or 'review merge --abort')",
      ]
    default: break
    }
    if !report.uncommitted.isEmpty {
      lines += ["", "uncommitted changes under reviews/:"]
      lines.append(
        TerminalText.table(
          report.uncommitted.map { ["  \($0.staged ? "staged" : "unstaged")", $0.change, $0.path] }
        ))
    }
    return lines.joined(separator: "\n")
  }
}
