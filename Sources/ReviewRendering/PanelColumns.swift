import ReviewCore
import ReviewStore

extension Round {
  /// Each change since the round before, with whoever made it: `alice datasets level: closed →
  /// open (Alice <alice@example.org>, 1a2b3c4)`.
  public var changePhrases: [String] {
    zip(changes, credits).map { change, credit in
      Format.changePhrase(change)
        + (credit.map { " (\($0.author), \($0.commit.short))" } ?? "")
    }
  }
}

/// One reviewer's column in a report's table: the panel's first, then those not counted, in
/// brackets.
public struct PanelColumn: Sendable {
  /// The reviewer.
  public var reviewer: ReviewerID
  /// The column's title: the id, bracketed when not counted.
  public var title: String
  /// The evaluation shown.
  public var evaluation: Evaluation
}

extension ConsensusReport {
  /// The columns of the consensus table: counted evaluations, then those set aside.
  public var columns: [PanelColumn] {
    evaluations.map {
      PanelColumn(reviewer: $0.reviewer, title: $0.reviewer.rawValue, evaluation: $0)
    }
      + setAside.map {
        PanelColumn(
          reviewer: $0.evaluation.reviewer, title: "[\($0.evaluation.reviewer)]",
          evaluation: $0.evaluation)
      }
  }

  /// Each evaluation not counted in one phrase: who, why, and the outcomes it reaches alone.
  public var notCountedPhrases: [String] {
    setAside.map { entry in
      let reviewer = entry.evaluation.reviewer
      let outcomes = self.outcomes.compactMap { outcome -> String? in
        setAsideOutcomes[reviewer]?[outcome.id].map {
          "\(outcome.title) \(Format.outcomeValue($0))"
        }
      }
      let reached = outcomes.isEmpty ? "" : ": " + outcomes.joined(separator: ", ")
      return "\(reviewer) (\(ConsensusText.reason(entry.reason)))\(reached)"
    }
  }

  /// The sentences a report prints under its consensus table: what is not counted, and who
  /// declared a conflict of interest.
  public var besideThePanel: [String] {
    var sentences: [String] = []
    if !setAside.isEmpty {
      sentences.append(
        "Not counted (shown in brackets): \(notCountedPhrases.joined(separator: "; ")).")
    }
    if !declaredConflicts.isEmpty {
      sentences.append(
        "Declared a conflict of interest on this subject: \(declaredConflicts.map(\.rawValue).joined(separator: ", "))."
      )
    }
    return sentences
  }

  /// The evaluation of a reviewer shown in the report, counted or not.
  public func shownEvaluation(of reviewer: ReviewerID) -> Evaluation? {
    columns.first { $0.reviewer == reviewer }?.evaluation
  }
}
