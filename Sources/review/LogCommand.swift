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
      are left out. Merges are compared with their first parent. At a terminal the output goes \
      through the pager (see 'review --no-pager').

      --since takes a revision (only commits not reachable from it) or a date, and --until a \
      date, as git log takes them: 2024-10-28, "2024-10-28 12:00", 2024-10-28T12:00:00+02:00, \
      "2 weeks ago", yesterday, today, now. A date without a zone is UTC; the commit's \
      committer date is compared.

      Example: review log pythia --reviewer dave --since "1 month ago" -n 5
      """)

  @Argument(help: "Only this subject.")
  var subject: SubjectID?

  @Option(help: "Only this reviewer's judgements.")
  var reviewer: ReviewerID?

  @Option(
    help: ArgumentHelp(
      "Only commits committed at or after this date, or not reachable from this revision.",
      valueName: "DATE|REVISION"))
  var since: String?

  @Option(help: ArgumentHelp("Only commits committed at or before this date.", valueName: "DATE"))
  var until: String?

  @Option(
    name: [.customShort("n"), .customLong("max-count")],
    help: ArgumentHelp("Show at most this many commits.", valueName: "N"))
  var maxCount: Int?

  @Flag(help: "One line per commit: its short id, message and what it changed.")
  var oneline = false

  @OptionGroup var options: ReadOptions

  func validate() throws {
    if let maxCount, maxCount < 0 { throw ValidationError("-n takes a count of 0 or more") }
    if oneline && options.format == .json {
      throw ValidationError("--oneline is a text layout; it does not go with --format json")
    }
  }

  func run() throws {
    try runReporting {
      let repository = try openRepository()
      // Entries are written as soon as they are known, as git log writes them.
      let json = options.format == .json
      let layout = json ? LogJSON.layout : oneline ? ReadText.onelineLayout : ReadText.logLayout
      let text = oneline ? ReadText.logOneline : ReadText.logEntry
      if maxCount == 0 { return FileHandle.standardOutput.write(layout.end(count: 0)) }
      let count = try History(repository).log(
        subject: subject, reviewer: reviewer, since: since, until: until, limit: maxCount,
        at: options.at,
        render: json
          ? LogJSON.object
          : { Array(TerminalText.safe(text($0), colour: false).utf8) },
        emit: { FileHandle.standardOutput.write(layout.piece($0, offset: $1)) },
        warn: { printError("warning: " + $0) })
      FileHandle.standardOutput.write(layout.end(count: count))
    }
  }
}

extension LogCommand: Paged {
  var isPaged: Bool { options.format == .text }
}
