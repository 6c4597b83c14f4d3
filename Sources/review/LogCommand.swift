import ArgumentParser
import Foundation
import ReviewCodec
import ReviewCore
import ReviewRendering
import ReviewStore

struct LogCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "log",
    abstract: "Show the commits that changed judgements, and what each changed.",
    discussion: """
      Per commit (newest first): id, author, date and message, then each judgement it changed: \
      subject/reviewer, criterion, field, old and new value. Commits that changed no judgement \
      are left out. Merges are compared with their first parent.

      Example: review log pythia --reviewer dave
      """)

  @Argument(help: "Only this subject.")
  var subject: SubjectID?

  @Option(help: "Only this reviewer's judgements.")
  var reviewer: ReviewerID?

  @Option(help: "Only commits not reachable from this revision.")
  var since: String?

  @OptionGroup var options: ReadOptions

  func run() throws {
    try runReporting {
      let repository = try openRepository()
      // Entries are written as soon as they are known, as git log writes them.
      let json = options.format == .json
      let layout =
        json
        ? LogJSON.layout
        : ReadText.logLayout
      let count = try History(repository).log(
        subject: subject, reviewer: reviewer, since: since, at: options.at,
        render: json
          ? LogJSON.object
          : { Array(TerminalText.safe(ReadText.logEntry($0), colour: false).utf8) },
        emit: { FileHandle.standardOutput.write(layout.piece($0, offset: $1)) },
        warn: { printError("warning: " + $0) })
      FileHandle.standardOutput.write(layout.end(count: count))
    }
  }
}
