import ReviewCodec
import ReviewCore

/// A framework whole, for people: what it is, its scale, its consensus rule, every criterion
/// with its title, group, whether it is required and what exactly is judged, and its outcomes.
public enum FrameworkText {
  /// The text of `review templates ID`; `origin` says where the framework was read from.
  public static func describe(_ framework: Framework, origin: String, width: Int = 80) -> String {
    var lines = ["\(framework.id): \(framework.title) (\(origin))"]
    if let source = framework.source { lines.append("source: \(source)") }
    if let description = framework.description {
      lines += [""] + TextWrap.lines(description, width: width)
    }
    lines += ["", "scale (\(framework.scale.kind.rawValue)):"]
    lines += indented(
      TerminalText.table(
        [["LEVEL", "LABEL", "VALUE"]]
          + framework.scale.levels.map { [$0.id.rawValue, $0.label, $0.value.templateText] }))
    lines += ["", "consensus: \(rule(framework.consensus))"]
    lines += ["", "criteria (\(framework.criteria.count)):"]
    for criterion in framework.criteria {
      let facts = [criterion.group, criterion.kind, criterion.required ? "required" : nil]
        .compactMap { $0 }
      lines.append(
        "  \(criterion.id): \(criterion.title)"
          + (facts.isEmpty ? "" : " [\(facts.joined(separator: ", "))]"))
      if let description = criterion.description {
        lines += TextWrap.lines(description, width: width - 6).map { "      " + $0 }
      }
    }
    if !framework.outcomes.isEmpty {
      lines += ["", "outcomes:"]
      for outcome in framework.outcomes { lines += self.outcome(outcome) }
    }
    return lines.joined(separator: "\n")
  }

  /// A consensus rule in a line: `median; agreed at support ≥ 2/3; at least 2 reviewers`.
  public static func rule(_ rule: ConsensusRule) -> String {
    "\(rule.method.rawValue); agreed at support ≥ \(rule.threshold); at least \(Format.count(rule.minimumReviewers, "reviewer"))"
  }

  private static func outcome(_ outcome: Outcome) -> [String] {
    switch outcome {
    case .tiers(let tiers):
      var lines = [
        "  \(tiers.id): \(tiers.title) (tiers; a criterion counts at \(tiers.countsAt) or above)"
      ]
      for tier in tiers.tiers {
        lines += TextWrap.lines("\(tier.id) \(tier.label): adds \(list(tier.criteria))", width: 74)
          .enumerated().map { ($0.offset == 0 ? "    " : "        ") + $0.element }
      }
      for substitute in tiers.substitutes {
        lines.append("    \(substitute.by) may stand in for \(substitute.criterion)")
      }
      lines.append("    otherwise \(tiers.none.id) \(tiers.none.label)")
      return lines
    case .score(let score):
      let over = score.criteria.map { list($0) } ?? "every criterion"
      let percent = score.percent ? ", as a percentage of the top level's value" : ""
      return [
        "  \(score.id): \(score.title) (the \(score.method.rawValue) of the level values over \(over)\(percent))"
      ]
    case .voteRubric(let rubric):
      var lines = [
        "  \(rubric.id): \(rubric.title) (votes: a judgement at \(rubric.countsAt) or above; µ is the mean count over groups)"
      ]
      for band in rubric.bands {
        lines.append("    \(band.id) \(band.label): at least \(band.atLeast) × µ")
      }
      return lines
    }
  }

  private static func list(_ criteria: [CriterionID]) -> String {
    criteria.isEmpty ? "no criteria" : criteria.map(\.rawValue).joined(separator: ", ")
  }

  private static func indented(_ text: String) -> [String] {
    text.split(separator: "\n", omittingEmptySubsequences: false).map { "  " + $0 }
  }
}
