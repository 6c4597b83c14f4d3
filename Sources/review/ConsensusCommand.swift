import ArgumentParser
import ReviewCodec
import ReviewCore
import ReviewRendering
import ReviewStore

extension AlphaMetric: ExpressibleByArgument {}

struct ConsensusCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "consensus",
    abstract: "Compute the panel's consensus, agreement and outcomes from committed evaluations.",
    discussion: """
      Per criterion: each reviewer's level, the consensus by the framework's rule (overridable in \
      review.yaml), its support and status (agreed, contested, insufficient). Then Krippendorff's \
      alpha, percent agreement and Fleiss' kappa over the criteria, and the framework's outcomes \
      (such as the MOF class), marked provisional while a criterion they depend on is not agreed.
      With --all: one line per subject, and agreement over all subjects of each framework.
      """)

  @Argument(help: "The subject (or --all).")
  var subject: SubjectID?

  @Flag(help: "Every subject, one line each, with agreement per framework.")
  var all = false

  @Option(help: "The alpha metric (default: the scale's kind): nominal, ordinal, interval, ratio.")
  var metric: AlphaMetric?

  @OptionGroup var options: ReadOptions

  func validate() throws {
    if all == (subject != nil) { throw ValidationError("give a SUBJECT or --all") }
  }

  func run() throws {
    try runReporting {
      let repository = try openRepository()
      if all {
        let summary = try repository.consensusOfAll(at: options.at, metric: metric)
        if options.format == .json {
          try printJSON(summary)
        } else {
          say(ConsensusText.summary(summary))
        }
        summary.failures.forEach { printError("error: \($0.subject): \($0.error)") }
        // The other subjects are reported; the status says that not all could be.
        if !summary.failures.isEmpty { throw ExitCode.failure }
      } else if let subject {
        let report: ConsensusReport
        do {
          report = try repository.consensus(subject: subject, at: options.at, metric: metric)
        } catch StoreError.subjectSealed(let status) where options.format == .json {
          return try printJSON(SealRendering.JSON(status))
        }
        if options.format == .json { return try printJSON(report) }
        say(ConsensusText.report(report, colour: useColour))
      }
    }
  }
}

extension ConsensusCommand: Paged {
  var isPaged: Bool { options.format == .text }
}
