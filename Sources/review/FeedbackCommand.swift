import ArgumentParser
import Foundation
import ReviewCore
import ReviewRendering
import ReviewStore

struct FeedbackCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "feedback",
    abstract: "What a Delphi panel reads between rounds: each one's position against the group.",
    discussion: """
      Per criterion: how many panelists chose each level (with yours marked, given --reviewer), \
      the median and the interquartile spread, whether it is agreed, and the other panelists' \
      notes without their names; then what changed since the previous round. A subject in a \
      sealed round has no feedback until it is revealed.

      Example: review feedback llama2 --reviewer bob --format html -o bob.html
      """)

  @Argument(help: "The subject.")
  var subject: SubjectID

  @Option(help: "The panelist it is for: their own level is marked and their notes left out.")
  var reviewer: ReviewerID?

  @Option(help: "The revision to read (default: HEAD).")
  var at: String = "HEAD"

  @Option(help: "md, html or json.")
  var format: DocumentFormat = .md

  @Option(name: .shortAndLong, help: "Write to this file instead of standard output.")
  var output: String?

  func run() throws {
    try runReporting {
      let feedback = try openRepository().feedback(subject: subject, reviewer: reviewer, at: at)
      try writeDocument(
        format, markdown: { FeedbackRendering.markdown(feedback) },
        html: { FeedbackRendering.html(feedback) }, json: feedback, to: output)
    }
  }
}
