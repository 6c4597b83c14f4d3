/// What a judgement's evidence may be: where a reader can check the facts. A web address
/// (`http://` or `https://` and a host), a DOI (`doi:10.…`), or a path in the repository
/// (relative, inside it: no leading `/`, no `..`, no scheme).
public enum EvidenceReference {
  /// Why `text` is no evidence reference, or nil when it is one.
  public static func problem(_ text: String) -> String? {
    let refusal =
      "evidence '\(text)' is not a link: give an http(s):// URL, a doi:10.… DOI, or a path in the repository"
    guard !text.isEmpty,
      !text.unicodeScalars.contains(where: {
        $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7f
      })
    else { return refusal }
    let lower = text.lowercased()
    for scheme in ["https://", "http://"] where lower.hasPrefix(scheme) {
      let host = text.dropFirst(scheme.count).prefix { $0 != "/" && $0 != "?" && $0 != "#" }
      return host.isEmpty ? refusal : nil
    }
    if lower.hasPrefix("doi:") {
      return text.dropFirst(4).hasPrefix("10.") && text.contains("/") ? nil : refusal
    }
    // A scheme (`ftp:`, `file:`, `javascript:`) before any slash is not a path.
    let beforeSlash = text.prefix { $0 != "/" }
    if beforeSlash.contains(":") || text.hasPrefix("/") || text.hasPrefix("~") { return refusal }
    if text.split(separator: "/", omittingEmptySubsequences: false).contains(where: { $0 == ".." })
    {
      return refusal
    }
    return nil
  }

  /// Whether `text` is an evidence reference.
  public static func isValid(_ text: String) -> Bool { problem(text) == nil }
}
