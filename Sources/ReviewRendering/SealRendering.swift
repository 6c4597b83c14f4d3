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
  public static func text(_ status: SealStatus) -> String {
    var lines = ["\(status.subject): \(SealText.summary(status))"]
    let sealed = Dictionary(status.seals.map { ($0.reviewer, $0) }, uniquingKeysWith: { a, _ in a })
    let everyone = Array(Set(status.round.panel + status.seals.map(\.reviewer))).sorted()
    let rows = everyone.map { reviewer -> [String] in
      guard let seal = sealed[reviewer] else { return ["  \(reviewer)", "not yet submitted"] }
      let when = "sealed \(SealedRound.isoDate(seal.sealedAt))"
      return ["  \(reviewer)", status.revealed.contains(reviewer) ? when + ", revealed" : when]
    }
    if !rows.isEmpty { lines.append(TerminalText.table(rows)) }
    return lines.joined(separator: "\n")
  }
}
