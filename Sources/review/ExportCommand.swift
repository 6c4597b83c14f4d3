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
      A subject imported with 'review import mot' gets its record back exactly, except the \
      components the panel judged differently (another level, or another license among the \
      agreeing reviewers): those are dropped when closed, else written with the panel's license \
      and first evidence; components the record does not list and the panel puts above \
      'closed' are added. Any other subject gets a new record listing each criterion whose \
      consensus is above 'closed'. The record follows the tool's mof_schema.json.
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
