import ArgumentParser
import ReviewCodec
import ReviewCore
import ReviewRendering
import ReviewStore

struct ValidateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "validate",
    abstract: "Check every template, subject and evaluation; exit 1 when any has a problem.",
    discussion: """
      Reads the working tree (for a pre-commit hook), or a commit with --rev. Each problem is \
      printed as path:line:column: error: message.
      """)

  @Option(help: "Check this revision instead of the working tree.")
  var rev: String?

  @Option(help: "Output format: text or json.")
  var format: OutputFormat = .text

  func run() throws {
    try runReporting {
      let problems = try openRepository().validate(revision: rev)
      if format == .json {
        try printJSON(problems)
      } else if problems.isEmpty {
        say("no problems found")
      } else {
        problems.forEach { printError($0.description) }
      }
      if !problems.isEmpty { throw ExitCode.failure }
    }
  }
}
