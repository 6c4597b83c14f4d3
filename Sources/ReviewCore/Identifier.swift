import Foundation

/// The rule for ids of subjects, reviewers, criteria and frameworks: `^[a-z0-9][a-z0-9._-]{0,63}$`,
/// never `..`, never ending in `.`, and never a device name Windows reserves (`con`, `nul.x`,
/// `com1`...), so an id is always one safe path component on every system git runs on.
public enum Identifier {
  /// Whether `text` is a valid id. One pass over the bytes: history reads check many.
  public static func isValid(_ text: String) -> Bool {
    var count = 0
    var previous: UInt8 = 0
    for byte in text.utf8 {
      let letterOrDigit = (0x61...0x7A).contains(byte) || (0x30...0x39).contains(byte)
      if count == 0 && !letterOrDigit { return false }
      guard letterOrDigit || byte == 0x2E || byte == 0x5F || byte == 0x2D else { return false }
      if byte == 0x2E && previous == 0x2E { return false }
      previous = byte
      count += 1
      if count > 64 { return false }
    }
    return count > 0 && previous != 0x2E && !isReservedOnWindows(text)
  }

  /// Whether Windows reserves the name before the first `.` for a device (`con`, `aux`, `nul`,
  /// `prn`, `com1`-`com9`, `lpt1`-`lpt9`), so that such a file cannot be checked out there.
  public static func isReservedOnWindows(_ text: String) -> Bool {
    let stem = text.utf8.prefix { $0 != 0x2E }
    guard stem.count == 3 || stem.count == 4 else { return false }
    let name = String(decoding: stem, as: UTF8.self)
    if stem.count == 3 { return ["con", "prn", "aux", "nul"].contains(name) }
    return (name.hasPrefix("com") || name.hasPrefix("lpt")) && ("1"..."9").contains(name.suffix(1))
  }

  /// What is wrong with `text` as an id of `kind` ("subject", "reviewer"...); nil when valid.
  public static func problem(_ text: String, kind: String) -> String? {
    if kind == ReviewerKind.name && text == FileLocation.subjectFileStem {
      return
        "invalid reviewer id '\(text)': \(FileLocation.subjectFileName) is a subject's own file"
    }
    if text.hasSuffix("."), isValid(String(text.dropLast())) || text == "." {
      return "invalid \(kind) id '\(text)': ids do not end in '.'"
    }
    if isReservedOnWindows(text) {
      return "invalid \(kind) id '\(text)': Windows reserves that name for a device"
    }
    guard isValid(text) else {
      return
        "invalid \(kind) id '\(text)': ids are 1 to 64 characters of a-z, 0-9, '.', '_', '-', starting with a letter or digit"
    }
    return nil
  }

  /// Throws `ReviewError.invalidIdentifier` unless `text` is a valid id.
  public static func validate(_ text: String, kind: String) throws {
    if let problem = problem(text, kind: kind) {
      throw ReviewError.invalidIdentifier(problem)
    }
  }
}
