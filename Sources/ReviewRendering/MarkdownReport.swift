import Foundation
import ReviewCodec
import ReviewCore
import ReviewStore

extension SubjectReport {
  /// The report as Markdown that renders on a forge.
  public func markdown() -> String {
    let report = consensus
    let framework = report.framework
    var out = "# \(cell(report.subject.title ?? report.subject.id.rawValue))\n\n"
    out +=
      "Subject `\(report.subject.id)`, assessed against **\(cell(framework.title))** (`\(framework.id)`)"
    if let source = framework.source { out += ", " + markdownLink(source, "source") }
    out += ".  \nAt commit `\(report.revision)` (\(commitDate)). Reproduce with "
    out += "`review report \(report.subject.id) --at \(String(report.revision.prefix(12)))`.\n\n"
    out +=
      "Rule: \(report.rule.method.rawValue); a criterion is agreed when at least \(report.rule.threshold) of "
    out +=
      "its values equal the consensus and at least \(report.rule.minimumReviewers) reviewers judged it.\n\n"
    if !report.outcomes.isEmpty {
      out += "## Outcome\n\n"
      for outcome in report.outcomes {
        out += "- **\(cell(outcome.title)): \(cell(outcome.label))**"
        out +=
          outcome.provisional ? " (provisional: a criterion it depends on is not agreed)\n" : "\n"
        for tier in outcome.progress { out += "  - \(tier.id): \(Format.percent(tier.percent))\n" }
        if !outcome.votes.isEmpty {
          out += "  - votes per group (µ = \(String(format: "%.2f", outcome.mean ?? 0))): "
          out += outcome.votes.map { "\($0.group) \($0.count)" }.joined(separator: ", ") + "\n"
        }
        let reviewers = outcome.byReviewer.keys.sorted().map {
          "\($0): \(Format.outcomeValue(outcome.byReviewer[$0]!))"
        }
        if !reviewers.isEmpty { out += "  - by reviewer: \(reviewers.joined(separator: "; "))\n" }
      }
      out += "\n"
    }
    out += "## Consensus\n\n"
    let columns = report.columns
    out +=
      "| Criterion | Consensus | Support | Status |" + columns.map { " \($0.title) |" }.joined()
      + "\n"
    out += "|---|---|---|---|" + columns.map { _ in "---|" }.joined() + "\n"
    for entry in report.criteria {
      let title = framework.criterion(entry.criterion)?.title ?? entry.criterion.rawValue
      out +=
        "| \(cell(title)) | \(entry.consensus ?? "–") | \(entry.support.map { Format.percent($0 * 100) } ?? "–") | \(entry.status.rawValue) |"
      out +=
        columns.map { " \($0.evaluation.judgements[entry.criterion]?.level.rawValue ?? "–") |" }
        .joined() + "\n"
    }
    out += "\n"
    for sentence in report.besideThePanel { out += cell(sentence) + "\n\n" }
    out += judgementsMarkdown()
    let agreement = report.agreement
    out += "## Agreement\n\n"
    out += "| Statistic | Value |\n|---|---|\n"
    out +=
      "| Krippendorff's alpha (\(agreement.metric.rawValue)) | \(Format.statistic(agreement.alpha)) |\n"
    out += "| Percent agreement | \(Format.statistic(agreement.percentAgreement)) |\n"
    out += "| Alpha's bootstrap | \(Format.bootstrap(agreement.alphaBootstrap)) |\n"
    out += "| Gwet's \(agreement.gwetName) | \(Format.coefficient(agreement.gwet)) |\n"
    out += "| Fleiss' kappa | \(Format.coefficient(agreement.fleiss)) |\n"
    out += "| Pairable criteria | \(agreement.pairableUnits) |\n\n"
    out +=
      "\(agreement.interpretation.prefix(1).uppercased() + agreement.interpretation.dropFirst()).\n\n"
    let apart = report.criteriaByDisagreement
    if !apart.isEmpty {
      out +=
        "Criteria by disagreement (relative to chance): "
        + apart.map {
          "\(cell($0.criterion.rawValue)) \(Format.number($0.disagreement, digits: 2))"
        }
        .joined(separator: ", ") + ".\n\n"
    }
    out += roundsMarkdown()
    out += "## Who judged what, when\n\n"
    let verified = !report.trust.isEmpty
    out +=
      "| Reviewer | Criteria judged | Last change | Author | Date | Changes |\(verified ? " Verification |" : "")\n|---|---|---|---|---|---|\(verified ? "---|" : "")\n"
    for entry in history {
      let judged = report.shownEvaluation(of: entry.reviewer)?.judgements.count ?? 0
      out +=
        "| \(entry.reviewer) | \(judged)/\(framework.criteria.count) | `\(entry.commit.short)` \(cell(entry.summary)) | \(cell(entry.author)) | \(entry.date) | \(entry.changes) |"
      out += verified ? " \(report.trust[entry.reviewer]?.rawValue ?? "–") |\n" : "\n"
    }
    return out
  }

  private func roundsMarkdown() -> String {
    guard rounds.count > 1 || rounds.first?.name != "current" else { return "" }
    var out =
      "## Rounds\n\n| Round | Commit | Date | Alpha | Contested | Changes | Outcome |\n|---|---|---|---|---|---|---|\n"
    for round in rounds {
      out += "| \(cell(round.name)) | `\(round.commit.short)` | \(round.date.prefix(10)) | "
      out +=
        "\(round.alpha.map { String(format: "%.3f", $0) } ?? "undefined") | \(round.contested) | \(round.changes.count) | \(cell(round.outcome ?? "")) |\n"
    }
    out += "\n"
    for (previous, round) in zip(rounds, rounds.dropFirst()) where !round.changes.isEmpty {
      out += "**\(cell(previous.name)) → \(cell(round.name))**\n\n"
      for phrase in round.changePhrases { out += "- \(cell(phrase))\n" }
      out += "\n"
    }
    return out
  }

  /// Text from data, safe anywhere in the report (a table cell included): it cannot end a cell
  /// or a line, open a link or an image, or become HTML, which a forge would render.
  func cell(_ text: String) -> String {
    var out = ""
    for character in text {
      switch character {
      case "|": out += "\\|"
      case "[": out += "\\["
      case "]": out += "\\]"
      case "\n", "\r", "\r\n": out += " "
      default:
        // Markup and control characters (an escape sequence for a terminal) as entities.
        if let entity = htmlEntity(character, quotes: false) {
          out += entity
        } else {
          out.append(character)
        }
      }
    }
    return out
  }

  /// A link to a web page (a DOI through its resolver), its destination percent-encoded where
  /// Markdown would end it; any other URL (`javascript:`, `data:`, a path) is shown as text and
  /// is not a link.
  func markdownLink(_ url: String, _ text: String) -> String {
    guard let address = Format.webAddress(url) else { return "\(text): \(cell(url))" }
    var destination = ""
    for scalar in address.unicodeScalars {
      switch scalar {
      case "(", ")", " ", "<", ">", "\\", "\"", "`":
        destination += String(format: "%%%02X", scalar.value)
      case _ where scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value):
        destination += String(scalar).utf8.map { String(format: "%%%02X", $0) }.joined()
      default:
        destination.unicodeScalars.append(scalar)
      }
    }
    return "[\(text)](\(destination))"
  }
}
