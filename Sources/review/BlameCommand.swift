import ArgumentParser
import ReviewCodec
import ReviewCore
import ReviewRendering
import ReviewStore

struct BlameCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "blame",
    abstract: "Show, for each of a reviewer's current judgements, the commit that set it.")

  @Argument(help: "The subject.")
  var subject: SubjectID

  @Argument(help: "The reviewer.")
  var reviewer: ReviewerID

  @OptionGroup var options: ReadOptions

  func run() throws {
    try runReporting {
      let lines = try History(openRepository()).blame(
        subject: subject, reviewer: reviewer, at: options.at)
      if options.format == .json { return try printJSON(lines) }
      say(
        TerminalText.table(
          lines.map {
            [
              $0.commit.short, $0.criterion.rawValue, $0.level.rawValue,
              "\($0.author) <\($0.email)>",
              String($0.date.prefix(10)), $0.summary,
            ]
          }))
    }
  }
}

extension BlameCommand: Paged {
  var isPaged: Bool { options.format == .text }
}
