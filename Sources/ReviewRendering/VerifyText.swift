import ReviewStore

/// `review verify` for people.
public enum VerifyText {
  /// The last line: how many commits were checked and what they came to.
  public static func summary(_ report: VerifyReport) -> String {
    func count(_ number: Int, _ noun: String) -> String { Format.count(number, noun) }
    let judged = report.commits - report.unverifiable.count
    var line =
      "\(count(report.commits, "commit")) checked: \(judged) by the policy (\(report.signed) signed)"
    if !report.unverifiable.isEmpty {
      line += ", \(report.unverifiable.count) unverifiable (before the policy)"
    }
    line += ", \(count(report.violations.count, "violation"))"
    return line
  }
}
