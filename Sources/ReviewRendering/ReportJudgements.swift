import ReviewCore
import ReviewStore

/// The report's account of the panel's work: every criterion anyone judged, with each
/// reviewer's level, licence, confidence, note and evidence (those not counted in brackets),
/// so that nothing a reviewer wrote is left out of what is published.
extension SubjectReport {
  /// The criteria anyone judged, in the framework's order, each with the columns that judged it.
  var judgedCriteria: [(entry: CriterionConsensus, judgements: [(PanelColumn, Judgement)])] {
    let columns = consensus.columns
    return consensus.criteria.compactMap { entry in
      let judgements = columns.compactMap { column in
        column.evaluation.judgements[entry.criterion].map { (column, $0) }
      }
      return judgements.isEmpty ? nil : (entry, judgements)
    }
  }

  /// `consensus restricted, agreed (3 reviewers)` for a criterion's heading.
  func standing(_ entry: CriterionConsensus) -> String {
    let consensus = entry.consensus.map { "consensus \($0)" } ?? "no consensus"
    return "\(consensus), \(entry.status.rawValue) (\(Format.count(entry.n, "reviewer")))"
  }

  /// The section in Markdown: a heading per criterion, a list item per reviewer.
  func judgementsMarkdown() -> String {
    let criteria = judgedCriteria
    guard !criteria.isEmpty else { return "" }
    var out = "## Every judgement\n\n"
    for (entry, judgements) in criteria {
      let title = consensus.framework.criterion(entry.criterion)?.title ?? entry.criterion.rawValue
      out += "### \(cell(title)) (`\(entry.criterion)`): \(standing(entry))\n\n"
      for (column, judgement) in judgements {
        var facts = ["**\(cell(column.title))**: \(judgement.level)"]
        if let license = judgement.license { facts.append("license `\(cell(license))`") }
        if let confidence = judgement.confidence {
          facts.append("confidence \(confidence.rawValue)")
        }
        out += "- " + facts.joined(separator: " · ") + "\n"
        if let note = judgement.note { out += "  - Note: \(cell(note))\n" }
        if !judgement.evidence.isEmpty {
          out +=
            "  - Evidence: "
            + judgement.evidence.map { markdownLink($0, cell($0)) }.joined(separator: ", ") + "\n"
        }
      }
      out += "\n"
    }
    return out
  }

  /// The section in HTML: each criterion a `<details>`, open (so that it prints whole), that a
  /// reader may fold; its summary says the consensus and status.
  func judgementsHTML() -> String {
    let criteria = judgedCriteria
    guard !criteria.isEmpty else { return "" }
    var html = "<section class=\"work\"><h2>Every judgement</h2>"
    for (entry, judgements) in criteria {
      let title = consensus.framework.criterion(entry.criterion)?.title ?? entry.criterion.rawValue
      html +=
        "<details open><summary><strong>\(escape(title))</strong> <code>\(escape(entry.criterion))</code>: <span class=\"\(entry.status.rawValue)\">\(escape(standing(entry)))</span></summary><ul>"
      for (column, judgement) in judgements {
        html += "<li><strong>\(escape(column.title))</strong>: \(escape(judgement.level))"
        if let license = judgement.license { html += " · license <code>\(escape(license))</code>" }
        if let confidence = judgement.confidence { html += " · confidence \(confidence.rawValue)" }
        if let note = judgement.note { html += "<br><span class=\"note\">\(escape(note))</span>" }
        if !judgement.evidence.isEmpty {
          html +=
            "<br>Evidence: " + judgement.evidence.map { urlLink($0) }.joined(separator: ", ")
        }
        html += "</li>"
      }
      html += "</ul></details>"
    }
    return html + "</section>"
  }

  /// A link whose text is its own address, so that it reads (and prints) as the URL; a DOI
  /// reads as itself and prints its resolver's address after it; a path is text.
  func urlLink(_ url: String) -> String {
    guard let address = Format.webAddress(url) else { return escape(url) }
    let kind = address == url ? " class=\"url\"" : ""
    return "<a\(kind) href=\"\(escape(address))\">\(escape(url))</a>"
  }
}
