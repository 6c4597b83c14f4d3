import Foundation
import ReviewCore
import ReviewStore

/// A sealed round as people and programs read it: who has submitted and when, never what.
public enum SealRendering {
  /// The JSON shape of a sealed subject: `{"subject", "sealed": {...}}`.
  public struct JSON: Encodable {
    var subject: String
    var sealed: SealStatus

    /// The shape of one status.
    public init(_ status: SealStatus) {
      subject = status.subject.rawValue
      sealed = status
    }
  }

  /// The summary line and one line per panelist: sealed when, revealed, or not yet submitted.
  public static func text(_ status: SealStatus, named: Bool = true) -> String {
    var lines = [(named ? "\(status.subject): " : "") + SealText.summary(status)]
    let rows = rows(status).map { ["  \($0.0)", $0.1] }
    if !rows.isEmpty { lines.append(TerminalText.table(rows)) }
    return lines.joined(separator: "\n")
  }

  /// Who has submitted, one row per panelist: reviewer and what they have done.
  private static func rows(_ status: SealStatus) -> [(String, String)] {
    let sealed = Dictionary(status.seals.map { ($0.reviewer, $0) }, uniquingKeysWith: { a, _ in a })
    return Array(Set(status.round.panel + status.seals.map(\.reviewer))).sorted().map { reviewer in
      guard let seal = sealed[reviewer] else { return (reviewer.rawValue, "not yet submitted") }
      let when = "sealed \(SealedRound.isoDate(seal.sealedAt))"
      return (reviewer.rawValue, status.revealed.contains(reviewer) ? when + ", revealed" : when)
    }
  }

  /// The report of a sealed subject in Markdown: the round and who has submitted.
  public static func markdown(_ status: SealStatus) -> String {
    ([
      "# \(status.subject)", "",
      SealText.summary(status).prefix(1).uppercased()
        + SealText.summary(status).dropFirst() + ".", "", "| Reviewer | Submission |", "|---|---|",
    ]
      + rows(status).map { "| \($0.0) | \($0.1) |" }).joined(separator: "\n") + "\n"
  }

  /// The report of a sealed subject as a standalone HTML page.
  public static func html(_ status: SealStatus) -> String {
    let body = rows(status).map { "<tr><td>\(escape($0.0))</td><td>\(escape($0.1))</td></tr>" }
      .joined(separator: "\n")
    return """
      <!DOCTYPE html>
      <html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
      <title>\(escape(status.subject.rawValue)): sealed</title></head>
      <body><h1>\(escape(status.subject.rawValue))</h1>
      <p>\(escape(SealText.summary(status)))</p>
      <table><thead><tr><th scope="col">Reviewer</th><th scope="col">Submission</th></tr></thead><tbody>
      \(body)
      </tbody></table></body></html>

      """
  }
}
