/// The rule for ids of subjects, reviewers, criteria and frameworks: `^[a-z0-9][a-z0-9._-]{0,63}$`,
/// and never `..`, so an id is always one safe path component.
public enum Identifier {
  /// Whether `text` is a valid id.
  public static func isValid(_ text: String) -> Bool {
    problem(text, kind: "id") == nil
  }

  /// What is wrong with `text` as an id of `kind` ("subject", "reviewer"...); nil when valid.
  public static func problem(_ text: String, kind: String) -> String? {
    let bytes = text.utf8
    let rule =
      "ids are 1 to 64 characters of a-z, 0-9, '.', '_', '-', starting with a letter or digit"
    func isLeading(_ byte: UInt8) -> Bool {
      (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte)
        || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
    }
    func isAllowed(_ byte: UInt8) -> Bool {
      isLeading(byte) || byte == UInt8(ascii: ".") || byte == UInt8(ascii: "_")
        || byte == UInt8(ascii: "-")
    }
    let dot = UInt8(ascii: ".")
    guard let first = bytes.first, bytes.count <= 64, isLeading(first),
      bytes.allSatisfy(isAllowed),
      !zip(bytes, bytes.dropFirst()).contains(where: { $0 == dot && $1 == dot })
    else {
      return "invalid \(kind) id '\(text)': \(rule)"
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
