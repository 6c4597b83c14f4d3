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
      let repository = try openRepository()
      if repository.lacksMergeDriver {
        printError(
          "warning: this clone has no merge driver for review files, so plain git merge merges them line by line; run 'review init' to set it"
        )
      }
      let report = try repository.status(subject: subject, at: options.at)
      if options.format == .json {
        try printJSON(report)
      } else {
        say(ReadText.status(report))
      }
      // As validate: a committed file that does not read is a failure, named on stderr too.
      let unreadable = report.subjects.filter { $0.error != nil }
      guard unreadable.isEmpty else {
        for subject in unreadable {
          printError("error: subject '\(subject.id)' cannot be read: \(subject.error ?? "")")
        }
        throw ExitCode.failure
      }
    }
  }
}
