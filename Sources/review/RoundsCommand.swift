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
      let rounds = try History(openRepository()).rounds(subject: subject)
      if format == .json { return try printJSON(rounds) }
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
    }
  }
}

extension RoundsCommand: Paged {
  var isPaged: Bool { format == .text }
}
