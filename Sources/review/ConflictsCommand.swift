import ArgumentParser
import ReviewCodec
import ReviewCore
import ReviewRendering
import ReviewStore

struct ConflictsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "conflicts",
    abstract: "List the conflicts of the review merge in progress.")

  @Option(help: "Output format: text or json.")
  var format: OutputFormat = .text

  func run() throws {
    try runReporting {
      let conflicts = try MergeSession(openRepository()).conflicts()
      if format == .json { return try printJSON(conflicts) }
      let rows = conflicts.map {
        [
          $0.subject.rawValue, $0.reviewer?.rawValue ?? FileLocation.subjectFileStem,
          $0.criterion?.rawValue ?? "-",
          $0.field, $0.base ?? "(none)",
          $0.ours ?? "(none)", $0.theirs ?? "(none)",
        ]
      }
      say(
        rows.isEmpty
          ? "no conflicts left; run 'review merge --continue'"
          : TerminalText.table(
            [["SUBJECT", "REVIEWER", "CRITERION", "FIELD", "BASE", "OURS", "THEIRS"]] + rows))
    }
  }
}
