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
  var subject: String?

  @OptionGroup var options: ReadOptions

  func run() throws {
    try runReporting {
      let report = try openRepository().status(subject: subject, at: options.at)
      if options.format == .json { return try printJSON(report) }
      print(
        "at \(String(report.revision.prefix(7))): \(report.subjects.count) subject\(report.subjects.count == 1 ? "" : "s")"
      )
      for subject in report.subjects {
        print("")
        if let error = subject.error {
          print("\(subject.id)  cannot be read: \(error)")
          continue
        }
        let title = subject.title.map { "  \($0)" } ?? ""
        print("\(subject.id)\(title)  (\(subject.framework ?? "?"), \(subject.criteria) criteria)")
        if subject.reviewers.isEmpty { print("  no evaluations yet") }
        let rows = subject.reviewers.map {
          ["  \($0.reviewer)", "\($0.judged)/\(subject.criteria) judged"]
        }
        if !rows.isEmpty { print(TerminalText.table(rows)) }
        if !subject.unjudged.isEmpty {
          print("  not judged by anyone: \(subject.unjudged.joined(separator: ", "))")
        }
      }
      if !report.uncommitted.isEmpty {
        print("\nuncommitted changes under reviews/:")
        print(
          TerminalText.table(
            report.uncommitted.map {
              ["  \($0.staged ? "staged" : "unstaged")", $0.change, $0.path]
            }))
      }
    }
  }
}
