import CLibgit2
import Foundation

/// Who made a commit and when: a name, an e-mail, seconds since 1970 and a UTC offset in minutes.
public struct Signature: Hashable, Sendable {
  /// The name, as in git config `user.name`.
  public var name: String
  /// The e-mail address, as in git config `user.email`.
  public var email: String
  /// Seconds since the Unix epoch.
  public var time: Int64
  /// The time zone's offset from UTC in minutes.
  public var offsetMinutes: Int

  /// Creates a value with each field given.
  public init(name: String, email: String, time: Int64, offsetMinutes: Int) {
    self.name = name
    self.email = email
    self.time = time
    self.offsetMinutes = offsetMinutes
  }

  init(_ pointer: UnsafePointer<git_signature>) {
    let raw = pointer.pointee
    name = raw.name.map { String(cString: $0) } ?? ""
    email = raw.email.map { String(cString: $0) } ?? ""
    time = Int64(raw.when.time)
    offsetMinutes = Int(raw.when.offset)
  }

  /// The date as an ISO 8601 string in the signature's own offset, like `git log --date=iso-strict`.
  public var isoDate: String {
    // Civil date from days since 1970 (Howard Hinnant's algorithm): no Calendar, no formatter,
    // since a history read formats one date per commit.
    let local = time + Int64(offsetMinutes) * 60
    let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
    let seconds = Int(local - days * 86_400)
    let z = days + 719_468
    let era = (z >= 0 ? z : z - 146_096) / 146_097
    let dayOfEra = z - era * 146_097
    let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
    let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
    let monthIndex = (5 * dayOfYear + 2) / 153
    let day = dayOfYear - (153 * monthIndex + 2) / 5 + 1
    let month = monthIndex < 10 ? monthIndex + 3 : monthIndex - 9
    let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
    func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
    let offset = abs(offsetMinutes)
    return
      "\(year)-\(two(Int(month)))-\(two(Int(day)))T\(two(seconds / 3_600)):\(two(seconds / 60 % 60)):\(two(seconds % 60))"
      + "\(offsetMinutes < 0 ? "-" : "+")\(two(offset / 60)):\(two(offset % 60))"
  }

  /// Calls `body` with a libgit2 signature built from this value.
  func withRaw<T>(_ body: (UnsafePointer<git_signature>) throws -> T) throws -> T {
    var pointer: UnsafeMutablePointer<git_signature>?
    try check("git_signature_new(\(name) <\(email)>)") {
      git_signature_new(&pointer, name, email, git_time_t(time), Int32(offsetMinutes))
    }
    defer { git_signature_free(pointer) }
    return try body(pointer!)
  }
}

/// Which end of a commit a signature is for: the author wrote the change, the committer recorded it.
public enum SignatureRole: String, Sendable {
  case author
  case committer
}

extension Signature {
  /// Resolves a signature the way git does: `GIT_<ROLE>_NAME`, `GIT_<ROLE>_EMAIL` and
  /// `GIT_<ROLE>_DATE` from the environment win; then `preferred` (for example a registry of
  /// reviewers); then the config's `<role>.name`/`<role>.email`, then `user.name`/`user.email`,
  /// then `EMAIL` for the e-mail. The time is now unless the environment gives one.
  public static func resolve(
    role: SignatureRole, environment: [String: String], config: (String) -> String?,
    preferred: (name: String?, email: String?) = (nil, nil), now: Date = Date()
  ) throws -> Signature {
    let prefix = "GIT_\(role.rawValue.uppercased())"
    func nonEmpty(_ value: String?) -> String? {
      guard let value, !value.trimmingCharacters(in: .whitespaces).isEmpty else { return nil }
      return value
    }
    let name =
      nonEmpty(environment["\(prefix)_NAME"]) ?? nonEmpty(preferred.name)
      ?? nonEmpty(config("\(role.rawValue).name")) ?? nonEmpty(config("user.name"))
    let email =
      nonEmpty(environment["\(prefix)_EMAIL"]) ?? nonEmpty(preferred.email)
      ?? nonEmpty(config("\(role.rawValue).email")) ?? nonEmpty(config("user.email"))
      ?? nonEmpty(environment["EMAIL"])
    guard let name, let email else { throw GitError.missingIdentity(role: role.rawValue) }
    if let date = nonEmpty(environment["\(prefix)_DATE"]) {
      guard let parsed = GitDate.parse(date) else {
        throw GitError.invalidDate(variable: "\(prefix)_DATE", value: date)
      }
      return Signature(
        name: name, email: email, time: parsed.time, offsetMinutes: parsed.offsetMinutes)
    }
    let offset = TimeZone.current.secondsFromGMT(for: now) / 60
    return Signature(
      name: name, email: email, time: Int64(now.timeIntervalSince1970.rounded(.down)),
      offsetMinutes: offset)
  }
}
