import Foundation

/// The date formats git accepts in `GIT_AUTHOR_DATE` and `GIT_COMMITTER_DATE`.
///
/// - git's internal format: `1700000000 +0100`, also written `@1700000000 +0100` or `@1700000000`;
/// - RFC 2822: `Thu, 07 Apr 2005 22:13:13 +0200` (the weekday is optional);
/// - ISO 8601: `2005-04-07T22:13:13+02:00`, `2005-04-07 22:13:13 +0200`, `2005-04-07T22:13:13Z`,
///   with the zone optional (then UTC).
public enum GitDate {
  /// Parses a date; nil when it is in none of the formats.
  public static func parse(_ text: String) -> (time: Int64, offsetMinutes: Int)? {
    let trimmed = text.trimmingCharacters(in: .whitespaces)
    return parseInternal(trimmed) ?? parseISO(trimmed) ?? parseRFC2822(trimmed)
  }

  private static func parseOffset(_ text: Substring) -> Int? {
    var body = text
    if body == "Z" || body == "z" || body == "UTC" || body == "GMT" { return 0 }
    guard let sign = body.first, sign == "+" || sign == "-" else { return nil }
    body = body.dropFirst()
    let digits = body.filter { $0 != ":" }
    guard digits.count == 4 || digits.count == 2, digits.allSatisfy(\.isASCIIDigitChar),
      let value = Int(digits)
    else { return nil }
    let hours = digits.count == 4 ? value / 100 : value
    let minutes = digits.count == 4 ? value % 100 : 0
    guard hours <= 14, minutes < 60 else { return nil }
    return (sign == "-" ? -1 : 1) * (hours * 60 + minutes)
  }

  private static func parseInternal(_ text: String) -> (Int64, Int)? {
    var body = Substring(text)
    let explicit = body.hasPrefix("@")
    if explicit { body = body.dropFirst() }
    let parts = body.split(separator: " ")
    guard parts.count == 1 || parts.count == 2, let seconds = Int64(parts[0]) else { return nil }
    if parts.count == 1 {
      // A bare number is a timestamp only when marked with @ (git reads it loosely otherwise).
      guard explicit else { return nil }
      return (seconds, 0)
    }
    guard let offset = parseOffset(parts[1]) else { return nil }
    return (seconds, offset)
  }

  static func epochSeconds(
    year: Int, month: Int, day: Int, hour: Int, minute: Int, second: Int, offset: Int
  ) -> Int64? {
    guard (1...12).contains(month), (1...31).contains(day), (0...23).contains(hour),
      (0...59).contains(minute), (0...60).contains(second)
    else { return nil }
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(secondsFromGMT: 0)!
    let components = DateComponents(
      year: year, month: month, day: day, hour: hour, minute: minute, second: second)
    guard calendar.date(from: components) != nil,
      let date = calendar.date(from: components),
      calendar.component(.day, from: date) == day
    else { return nil }
    return Int64(date.timeIntervalSince1970) - Int64(offset * 60)
  }

  private static func parseISO(_ text: String) -> (Int64, Int)? {
    // YYYY-MM-DD[T ]HH:MM:SS[.fraction][zone]
    let pattern =
      #"^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2}):(\d{2})(?:\.\d+)? ?(Z|z|[+-]\d{2}:?\d{2})?$"#
    guard let regex = try? NSRegularExpression(pattern: pattern),
      let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text))
    else { return nil }
    func group(_ index: Int) -> Substring? {
      guard let range = Range(match.range(at: index), in: text) else { return nil }
      return text[range]
    }
    let numbers = (1...6).compactMap { group($0).flatMap { Int($0) } }
    guard numbers.count == 6 else { return nil }
    let offset = group(7).map { parseOffset($0) } ?? 0
    guard let offset else { return nil }
    guard
      let seconds = epochSeconds(
        year: numbers[0], month: numbers[1], day: numbers[2], hour: numbers[3],
        minute: numbers[4], second: numbers[5], offset: offset)
    else { return nil }
    return (seconds, offset)
  }

  private static let months = [
    "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
  ]

  private static func parseRFC2822(_ text: String) -> (Int64, Int)? {
    var parts = text.replacingOccurrences(of: ",", with: " ").split(separator: " ")
    if let first = parts.first, Int(first) == nil { parts.removeFirst() }  // weekday
    guard parts.count == 5, let day = Int(parts[0]),
      let month = months.firstIndex(of: parts[1].prefix(3).lowercased()), let year = Int(parts[2])
    else { return nil }
    let clock = parts[3].split(separator: ":").compactMap { Int($0) }
    guard clock.count == 3 || clock.count == 2, let offset = parseOffset(parts[4]) else {
      return nil
    }
    guard
      let seconds = epochSeconds(
        year: year, month: month + 1, day: day, hour: clock[0], minute: clock[1],
        second: clock.count == 3 ? clock[2] : 0, offset: offset)
    else { return nil }
    return (seconds, offset)
  }
}

extension Character {
  var isASCIIDigitChar: Bool { isASCII && isNumber }
}
