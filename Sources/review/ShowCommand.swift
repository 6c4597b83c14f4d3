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
  var subject: String

  @Argument(help: "One reviewer, for their whole evaluation.")
  var reviewer: String?

  @OptionGroup var options: ReadOptions

  func run() throws {
    try runReporting {
      let report = try openRepository().show(subject: subject, reviewer: reviewer, at: options.at)
      if options.format == .json { return try printJSON(report) }
      let framework = report.framework
      print(
        "\(report.subject.id)\(report.subject.title.map { "  \($0)" } ?? "")  (\(framework.id), at \(String(report.revision.prefix(7))))"
      )
      if report.evaluations.isEmpty {
        print("no evaluations yet")
        return
      }
      if let evaluation = report.evaluations.first, reviewer != nil {
        printOne(evaluation, framework: framework)
      } else {
        let header = ["CRITERION"] + report.evaluations.map(\.reviewer)
        let rows = framework.criteria.map { criterion in
          [criterion.id]
            + report.evaluations.map { evaluation in
              evaluation.judgements[criterion.id].map {
                TerminalText.level($0.level, in: framework, colour: useColour)
              }
                ?? "-"
            }
        }
        print(TerminalText.table([header] + rows))
      }
    }
  }

  private func printOne(_ evaluation: Evaluation, framework: Framework) {
    let rows = framework.criteria.compactMap { criterion -> [String]? in
      guard let judgement = evaluation.judgements[criterion.id] else { return nil }
      return [
        criterion.id, TerminalText.level(judgement.level, in: framework, colour: useColour),
        judgement.license ?? "",
        judgement.confidence?.rawValue ?? "",
      ]
    }
    print(TerminalText.table([["CRITERION", "LEVEL", "LICENSE", "CONFIDENCE"]] + rows))
    for criterion in framework.criteria {
      guard let judgement = evaluation.judgements[criterion.id],
        judgement.note != nil || !judgement.evidence.isEmpty
      else { continue }
      print("\n\(criterion.id):")
      if let note = judgement.note { print("  \(note)") }
      for url in judgement.evidence { print("  evidence: \(url)") }
    }
    let missing = framework.criteria.filter { evaluation.judgements[$0.id] == nil }.map(\.id)
    if !missing.isEmpty { print("\nnot judged: \(missing.joined(separator: ", "))") }
  }
}
