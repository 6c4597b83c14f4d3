import ArgumentParser
import Foundation
import ReviewCodec
import ReviewCore
import ReviewRendering
import ReviewStore

struct ExportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "export",
    abstract: "Export a subject's consensus as a Model Openness Tool record.",
    discussion: """
      Each criterion whose consensus is above 'closed' becomes a listed component, with the \
      license most agreeing reviewers gave and their first evidence URL as its path. The record \
      follows the tool's mof_schema.json.
      """)

  @Argument(help: "mot.")
  var format: ExportFormat

  @Argument(help: "The subject.")
  var subject: SubjectID

  @Option(help: "The revision to read (default: HEAD).")
  var at: String = "HEAD"

  @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
  var output: String?

  enum ExportFormat: String, ExpressibleByArgument { case mot }

  func run() throws {
    try runReporting {
      let repository = try openRepository()
      let report = try repository.consensus(subject: subject, at: at)
      let date = try repository.commitDate(at: at)
      try OutputFile.write(try report.motRecord(date: date), to: output)
    }
  }
}
