import ArgumentParser
import Foundation
import ReviewCodec
import ReviewCore
import ReviewRendering
import ReviewStore

struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Write a subject's consensus report: Markdown, self-contained HTML, or JSON.",
    discussion: """
      The report names the commit it describes: the outcome with each tier's progress, the \
      consensus table, contested criteria with each reviewer's note and evidence, agreement \
      statistics with their reading, and who last changed each evaluation and when. HTML is one \
      file with inline CSS and SVG (a reviewers × criteria heatmap, the outcome as a badge) that \
      needs no network and prints well.

      Example: review report llama2 --format html -o llama2.html
      """)

  @Argument(help: "The subject.")
  var subject: SubjectID

  @Option(help: "The revision to report on (default: HEAD).")
  var at: String = "HEAD"

  @Option(help: "md, html or json.")
  var format: DocumentFormat = .md

  @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
  var output: String?

  func run() throws {
    try runReporting {
      let report: SubjectReport
      do {
        report = try openRepository().report(subject: subject, at: at)
      } catch StoreError.subjectSealed(let status) {
        // A sealed subject's report says who has submitted, in the format asked for.
        return try writeDocument(
          format, markdown: { SealRendering.markdown(status) },
          html: { SealRendering.html(status) }, json: SealRendering.JSON(status), to: output)
      }
      try writeDocument(
        format, markdown: { report.markdown() }, html: { report.html() }, json: report, to: output)
    }
  }
}

extension ReportCommand: Paged {
  var isPaged: Bool { output == nil }
}
