import ArgumentParser
import ReviewCodec
import ReviewCore
import ReviewRendering
import ReviewStore

struct RoundsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "rounds",
    abstract: "List a subject's rounds with the panel's consensus at each.")

  @Argument(help: "The subject.")
  var subject: SubjectID

  @Option(help: "Output format: text or json.")
  var format: OutputFormat = .text

  func run() throws {
    try runReporting {
      let history = History(try openRepository())
      let rounds = try history.rounds(subject: subject)
      let stopping = try history.stopping(subject: subject, rounds: rounds.count)
      if format == .json { return try printJSON(RoundsJSON(rounds: rounds, stopping: stopping)) }
      let rows = rounds.map {
        [
          $0.name, $0.commit.short, String($0.date.prefix(10)),
          Format.number($0.alpha),
          "\($0.contested)", "\($0.changes.count)", $0.outcome ?? "", $0.message,
        ]
      }
      say(
        TerminalText.table(
          [["ROUND", "COMMIT", "DATE", "ALPHA", "CONTESTED", "CHANGES", "OUTCOME", "MESSAGE"]]
            + rows))
      if let decision = stopping.decision {
        let held = decision.conditions.map {
          "\($0.rule): \($0.holds ? "yes" : "no") (\($0.observed))"
        }
        say(
          "\nstopping rule: \(decision.stop ? "stop" : "go on to another round")\n"
            + held.map { "  " + $0 }.joined(separator: "\n"))
      } else if let reason = stopping.reason {
        say("\nstopping rule: \(reason)")
      }
    }
  }
}

/// `{"rounds": [...], "stopping": {"decision": {"stop", "conditions"}, "reason"}}`.
private struct RoundsJSON: Encodable {
  var rounds: [Round]
  var stopping: StoppingReport
}

extension RoundsCommand: Paged {
  var isPaged: Bool { format == .text }
}
