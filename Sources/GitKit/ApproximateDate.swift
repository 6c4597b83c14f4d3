import Foundation

extension GitDate {
  /// A moment as `git log --since` and `--until` read one, in seconds since 1970: any date
  /// `parse` reads; a calendar date `2024-10-28` (its midnight, UTC) or `2024-10-28 12:00`;
  /// `now`, `today` (midnight), `yesterday`; and `N units ago` with units seconds, minutes,
  /// hours, days, weeks, months (30 days) or years (365 days), also written with dots as git
  /// allows (`2.weeks.ago`). Nil for anything else: unlike git, nothing is guessed.
  public static func approximate(_ text: String, now: Int64) -> Int64? {
    if let exact = parse(text) { return exact.time }
    let words = text.lowercased().split { $0 == " " || $0 == "." || $0 == "_" }.map(String.init)
    let day: Int64 = 86_400
    switch words {
    case ["now"]: return now
    case ["today"]: return now - (now % day + day) % day
    case ["yesterday"]: return now - day
    default: break
    }
    if words.count == 3, words[2] == "ago", let count = Int64(words[0]), count >= 0,
      let unit = unitSeconds(words[1])
    {
      let (product, overflow) = count.multipliedReportingOverflow(by: unit)
      return overflow ? nil : now - product
    }
    return calendarDate(text.trimmingCharacters(in: .whitespaces))
  }

  private static func unitSeconds(_ word: String) -> Int64? {
    let singular = word.hasSuffix("s") ? String(word.dropLast()) : word
    switch singular {
    case "second": return 1
    case "minute": return 60
    case "hour": return 3_600
    case "day": return 86_400
    case "week": return 7 * 86_400
    case "month": return 30 * 86_400
    case "year": return 365 * 86_400
    default: return nil
    }
  }

  /// `YYYY-MM-DD`, optionally followed by ` HH:MM`, in UTC.
  private static func calendarDate(_ text: String) -> Int64? {
    let parts = text.split(separator: " ")
    guard parts.count == 1 || parts.count == 2 else { return nil }
    let date = parts[0].split(separator: "-", omittingEmptySubsequences: false)
    guard date.count == 3, date[0].count == 4, date[1].count == 2, date[2].count == 2,
      let year = Int(date[0]), let month = Int(date[1]), let day = Int(date[2])
    else { return nil }
    var clock = [0, 0]
    if parts.count == 2 {
      let fields = parts[1].split(separator: ":", omittingEmptySubsequences: false)
      guard fields.count == 2, fields.allSatisfy({ $0.count == 2 }) else { return nil }
      clock = fields.compactMap { Int($0) }
      guard clock.count == 2 else { return nil }
    }
    return epochSeconds(
      year: year, month: month, day: day, hour: clock[0], minute: clock[1], second: 0, offset: 0)
  }
}
