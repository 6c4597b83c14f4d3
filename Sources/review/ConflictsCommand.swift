import ArgumentParser
import ReviewCodec
import ReviewCore
import ReviewRendering
import ReviewStore

struct ConflictsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "conflicts",
    abstract: "List the review conflicts of the merge in progress.",
    discussion: """
      The merge is 'review merge', or a plain 'git merge' that stopped on review files (the \
      merge driver found conflicts, or git wrote conflict markers): each review file git left in \
      conflict is merged by meaning from the index's three stages, and what still conflicts is \
      listed. Settle each with 'review resolve', then 'review merge --continue'.
      """)

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
