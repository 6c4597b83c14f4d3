import Foundation
import ReviewCore

/// How numbers, statistics, outcome values and changes are written for people: the one
/// formatter the terminal, Markdown and HTML renderings share.
public enum Format {
  /// A number with `digits` decimals, or `undefined`.
  public static func number(_ value: Double?, digits: Int = 3) -> String {
    guard let value else { return "undefined" }
    return String(format: "%.\(digits)f", value)
  }

  /// A percentage with at most one decimal: `40%`, `66.7%`.
  public static func percent(_ value: Double) -> String {
    NumberText.percent(value)
  }

  /// A statistic with three decimals, or `undefined (why)`.
  public static func statistic(_ statistic: Statistic) -> String {
    if let value = statistic.value { return String(format: "%.3f", value) }
    return "undefined (\(statistic.reason ?? ""))"
  }

  /// A chance-corrected coefficient with its uncertainty: `0.825 (SE 0.070, 95% CI 0.676 to
  /// 0.974)`, or `undefined (why)`.
  public static func coefficient(_ result: Result<ChanceCorrectedAgreement, StatisticUndefined>)
    -> String
  {
    switch result {
    case .success(let figures):
      return
        "\(number(figures.value)) (SE \(number(figures.standardError)), \(percent(figures.confidence * 100)) CI \(number(figures.lower)) to \(number(figures.upper)))"
    case .failure(let why):
      return "undefined (\(why.reason))"
    }
  }

  /// Alpha's bootstrap: `95% bootstrap interval 0.310 to 0.741, P(alpha < 0.667) 0.86, P(alpha <
  /// 0.800) 0.99 (1000 draws of 51 pairs)`, or `undefined (why)`.
  public static func bootstrap(_ result: Result<AlphaBootstrap, StatisticUndefined>) -> String {
    switch result {
    case .success(let boot):
      let chances = boot.below.keys.sorted().map { minimum in
        "P(alpha < \(number(minimum))) \(number(boot.below[minimum]!, digits: 2))"
      }
      return
        "\(percent(boot.confidence * 100)) bootstrap interval \(number(boot.lower)) to \(number(boot.upper)), "
        + chances.joined(separator: ", ")
        + " (\(boot.draws) draws of \(count(boot.pairs, "pair")))"
    case .failure(let why):
      return "undefined (\(why.reason))"
    }
  }

  /// An outcome's value: a tier id, a score with one decimal, or each group's band.
  public static func outcomeValue(_ value: OutcomeValue) -> String {
    switch value {
    case .tier(let id): return id
    case .score(let score): return score.map { String(format: "%.1f", $0) } ?? "none"
    case .bands(let bands):
      return bands.keys.sorted().map { "\($0)=\(bands[$0]!)" }.joined(separator: ", ")
    }
  }

  /// A value in a change line, quoted when it has spaces or is empty; `(none)` when absent.
  public static func changeValue(_ text: String?) -> String {
    guard let text else { return "(none)" }
    return text.contains(" ") || text.isEmpty ? "\"\(text)\"" : text
  }

  /// A change as a terminal line: `subject/reviewer criterion field: old -> new` (`+ new` when
  /// added, `- old` when removed).
  public static func changeLine(_ change: JudgementChange) -> String {
    let place = "\(change.subject)/\(change.reviewer)" + (change.criterion.map { " \($0)" } ?? "")
    switch (change.old, change.new) {
    case (nil, let new?): return "\(place) \(change.field): + \(changeValue(new))"
    case (let old?, nil): return "\(place) \(change.field): - \(changeValue(old))"
    default:
      return "\(place) \(change.field): \(changeValue(change.old)) -> \(changeValue(change.new))"
    }
  }

  /// A count with its noun, singular for one: `1 subject`, `2 subjects` (`plural` for a noun
  /// that does not take an s: `criterion`, `criteria`).
  public static func count(_ number: Int, _ noun: String, plural: String? = nil) -> String {
    "\(number) \(number == 1 ? noun : plural ?? noun + "s")"
  }

  /// A change as a report's phrase: `reviewer criterion field: old → new` (`added new`,
  /// `removed old`).
  public static func changePhrase(_ change: JudgementChange) -> String {
    let place =
      change.reviewer.rawValue + (change.criterion.map { " \($0)" } ?? "") + " \(change.field)"
    switch (change.old, change.new) {
    case (nil, let new?): return "\(place): added \(new)"
    case (let old?, nil): return "\(place): removed \(old)"
    default: return "\(place): \(change.old ?? "") → \(change.new ?? "")"
    }
  }

  /// Whether a URL may become a link in a report: `http://` or `https://` only, never
  /// `javascript:`, `data:` or anything else a reader's browser would run or open.
  public static func isWebLink(_ url: String) -> Bool {
    url.hasPrefix("https://") || url.hasPrefix("http://")
  }

  /// Where a reference leads in a browser: a web address as it is, a DOI (`doi:10.…`) through
  /// the DOI resolver, anything else (a path in the repository) nowhere.
  public static func webAddress(_ reference: String) -> String? {
    if isWebLink(reference) { return reference }
    guard reference.lowercased().hasPrefix("doi:"),
      let doi = reference.dropFirst(4).addingPercentEncoding(withAllowedCharacters: doiAllowed)
    else { return nil }
    return "https://doi.org/" + doi
  }

  /// The characters a DOI keeps in the resolver's address: a URL path's, less `;` and `=`.
  private static let doiAllowed = CharacterSet.urlPathAllowed.subtracting(
    CharacterSet(charactersIn: ";="))
}
