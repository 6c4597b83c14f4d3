import Foundation
import ReviewCore

/// Delphi feedback in Markdown and HTML: per criterion the panel's levels, the reader's own
/// marked, the median and spread, the status, and the others' notes without names.
public enum FeedbackRendering {
  /// The feedback as Markdown, ready to send to a panelist.
  public static func markdown(_ feedback: Feedback) -> String {
    var lines = [
      "# Feedback on \(feedback.subject)" + (feedback.reviewer.map { " for \($0)" } ?? ""), "",
      "At \(String(feedback.revision.prefix(7)))"
        + (feedback.previousRound.map { ", compared with round \($0)" } ?? ", the first round")
        + ".", "",
    ]
    for item in feedback.items {
      lines.append("## \(item.title) (`\(item.criterion)`)")
      lines.append("")
      lines.append("| level | panelists |")
      lines.append("|---|---|")
      for entry in item.distribution {
        let mine = entry.level == item.own ? " ← yours" : ""
        lines.append("| \(entry.level) | \(entry.count)\(mine) |")
      }
      lines.append("")
      var summary = "Median **\(item.median?.rawValue ?? "none")**"
      if item.spreadLevels.count == 2 {
        summary +=
          item.spreadLevels[0] == item.spreadLevels[1]
          ? ", no spread" : ", spread \(item.spreadLevels[0]) to \(item.spreadLevels[1])"
      }
      summary += "; \(item.status.rawValue)."
      if let previous = item.previous {
        summary +=
          " At round \(previous.round): \(previous.consensus?.rawValue ?? "none") (\(previous.status.rawValue))."
      }
      lines.append(summary)
      if !item.notes.isEmpty {
        lines.append("")
        lines.append("Other panelists' notes:")
        lines += item.notes.map { "- " + $0.replacingOccurrences(of: "\n", with: " ") }
      }
      lines.append("")
    }
    return lines.joined(separator: "\n")
  }

  /// The feedback as a standalone HTML page.
  public static func html(_ feedback: Feedback) -> String {
    var body =
      "<h1>Feedback on \(escape(feedback.subject.rawValue))\(feedback.reviewer.map { " for " + escape($0.rawValue) } ?? "")</h1>\n"
    for item in feedback.items {
      body +=
        "<section><h2>\(escape(item.title)) <code>\(escape(item.criterion.rawValue))</code></h2>\n"
      body +=
        "<table><thead><tr><th scope=\"col\">level</th><th scope=\"col\">panelists</th></tr></thead><tbody>\n"
      for entry in item.distribution {
        let mine = entry.level == item.own ? " <strong>(yours)</strong>" : ""
        body += "<tr><td>\(escape(entry.level.rawValue))</td><td>\(entry.count)\(mine)</td></tr>\n"
      }
      body += "</tbody></table>\n"
      body +=
        "<p>Median <strong>\(escape(item.median?.rawValue ?? "none"))</strong>; \(escape(item.status.rawValue))"
      if let previous = item.previous {
        body +=
          "; at round \(escape(previous.round)): \(escape(previous.consensus?.rawValue ?? "none")) (\(previous.status.rawValue))"
      }
      body += ".</p>\n"
      if !item.notes.isEmpty {
        body += "<ul>" + item.notes.map { "<li>\(escape($0))</li>" }.joined() + "</ul>\n"
      }
      body += "</section>\n"
    }
    return """
      <!DOCTYPE html>
      <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
      <title>Feedback on \(escape(feedback.subject.rawValue))</title></head>
      <body>
      \(body)</body></html>

      """
  }
}
