import ArgumentParser
import ReviewCodec
import ReviewCore
import ReviewRendering
import ReviewStore

struct ShowCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "show",
    abstract: "Show a subject's evaluations as committed, or one reviewer's.",
    discussion: """
      With a reviewer: each judgement with its license, confidence, evidence and note. Without: \
      a table of criteria by reviewers.
      """)

  @Argument(help: "The subject.")
  var subject: SubjectID

  @Argument(help: "One reviewer, for their whole evaluation.")
  var reviewer: ReviewerID?

  @OptionGroup var options: ReadOptions

  func run() throws {
    try runReporting {
      let report = try openRepository().show(subject: subject, reviewer: reviewer, at: options.at)
      if options.format == .json { return try printJSON(report) }
      say(ReadText.evaluations(report, single: reviewer != nil, colour: useColour))
    }
  }
}

extension ShowCommand: Paged {
  var isPaged: Bool { options.format == .text }
}
