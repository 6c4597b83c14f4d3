import ReviewCore

/// The comments at the top of an edit draft: what is judged, on which levels, and how a
/// judgement is written. The reader drops them (lines starting with #).
public enum DraftComments {
  /// The comment block for `reviewer`'s evaluation of `subject` against `framework`.
  public static func header(subject: SubjectID, reviewer: ReviewerID, framework: Framework)
    -> String
  {
    var lines = [
      "The evaluation of \(subject) by \(reviewer), against \(framework.id) (\(framework.title)).",
      "Lines starting with # are not kept. A judgement is written under criteria:",
      "  CRITERION:",
      "    level: LEVEL",
      "    license: SPDX expression      (optional)",
      "    evidence: [URL, ...]          (optional)",
      "    note: text                    (optional)",
      "    confidence: low|medium|high   (optional)",
      "",
      "Levels (\(framework.scale.kind.rawValue)):",
    ]
    for level in framework.scale.levels {
      lines.append("  \(level.id): \(level.label) (\(level.value.templateText))")
    }
    lines += ["", "Criteria:"]
    for criterion in framework.criteria {
      let facts = [criterion.group, criterion.required ? "required" : nil].compactMap { $0 }
      lines.append(
        "  \(criterion.id): \(criterion.title)"
          + (facts.isEmpty ? "" : " [\(facts.joined(separator: ", "))]"))
      if let description = criterion.description {
        lines += TextWrap.lines(description, width: 90).map { "      " + $0 }
      }
    }
    return lines.map { $0.isEmpty ? "#\n" : "# \($0)\n" }.joined()
  }
}

extension DraftComments {
  /// The comments above a committed copy that does not read: what is wrong with it, at its
  /// committed lines.
  public static func brokenCommittedCopy(_ problems: [Diagnostic]) -> String {
    let lines =
      ["", "The committed file below does not read; fix it here and save:"]
      + problems.map { "  \($0.description)" } + [""]
    return lines.map { $0.isEmpty ? "#\n" : "# \($0)\n" }.joined()
  }
}

extension Double {
  /// A level's value as a template writes it: whole numbers without a decimal point.
  public var templateText: String {
    self == rounded() && abs(self) < 1e15 ? String(format: "%.0f", self == 0 ? 0 : self) : "\(self)"
  }
}
