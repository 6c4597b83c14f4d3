import ArgumentParser
import ReviewCodec
import ReviewCore
import ReviewRendering
import ReviewStore

struct StatusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "status",
    abstract: "Show each subject's framework, reviewers and progress, and uncommitted changes.",
    discussion: """
      Reads the committed state at --at (default HEAD); the uncommitted changes under reviews/ \
      come from the working tree.
      """)

  @Argument(help: "One subject (default: all).")
  var subject: SubjectID?

  @OptionGroup var options: ReadOptions

  func run() throws {
    try runReporting {
      let report = try openRepository().status(subject: subject, at: options.at)
      if options.format == .json { return try printJSON(report) }
      say(ReadText.status(report))
    }
  }
}
