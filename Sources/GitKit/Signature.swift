import CLibgit2
import Foundation

/// Who made a commit and when: a name, an e-mail, seconds since 1970 and a UTC offset in minutes.
public struct Signature: Hashable, Sendable {
  public var name: String
  public var email: String
  public var time: Int64
  public var offsetMinutes: Int

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
    let local = time + Int64(offsetMinutes) * 60
    let date = Date(timeIntervalSince1970: TimeInterval(local))
    var calendar = Calendar(identifier: .gregorian)
    calendar.timeZone = TimeZone(secondsFromGMT: 0)!
    let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
    let sign = offsetMinutes < 0 ? "-" : "+"
    let offset = abs(offsetMinutes)
    return String(
      format: "%04d-%02d-%02dT%02d:%02d:%02d%@%02d:%02d", c.year!, c.month!, c.day!, c.hour!,
      c.minute!, c.second!, sign, offset / 60, offset % 60)
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
