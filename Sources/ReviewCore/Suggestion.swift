/// The nearest of some names to a mistyped one, for "did you mean ...?": the candidate fewest
/// edits away (insertions, deletions, substitutions and swaps of two neighbours), when it is
/// close enough to be a slip rather than another word.
public enum Suggestion {
  /// The candidate nearest to `text`, or nil when none is within a slip of it: at most two
  /// edits, and fewer than half of `text`'s characters. A tie goes to the earlier candidate.
  public static func nearest<Names: Sequence>(to text: String, among candidates: Names) -> String?
  where Names.Element == String {
    let typed = Array(text.lowercased())
    let limit = min(2, max(1, (typed.count - 1) / 2))
    var best: (name: String, distance: Int)?
    for candidate in candidates where candidate != text {
      let distance = editDistance(typed, Array(candidate.lowercased()))
      if distance <= limit, distance < (best?.distance ?? .max) { best = (candidate, distance) }
    }
    return best?.name
  }

  /// The optimal string alignment distance: Levenshtein's, with a swap of neighbours as one edit.
  static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
    if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
    var previous2 = [Int](repeating: 0, count: b.count + 1)
    var previous = Array(0...b.count)
    var current = [Int](repeating: 0, count: b.count + 1)
    for i in 1...a.count {
      current[0] = i
      for j in 1...b.count {
        let cost = a[i - 1] == b[j - 1] ? 0 : 1
        current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
        if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
          current[j] = min(current[j], previous2[j - 2] + 1)
        }
      }
      (previous2, previous, current) = (previous, current, previous2)
    }
    return previous[b.count]
  }

  /// `; did you mean 'name'?` for a suggestion, else nothing.
  public static func phrase(_ name: String?) -> String {
    name.map { "; did you mean '\($0)'?" } ?? ""
  }
}
