import ArgumentParser
import ReviewCore
import ReviewRendering
import ReviewStore

struct VerifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract: "Check each commit against the policy as of its first parent; exit 1 on violations.",
    discussion: """
      A change to reviews/S/R.yaml must be authored by R (and signed by one of R's keys when \
      the policy requires signatures), or by a chair with an On-behalf-of: R trailer; \
      review.yaml and templates/ only by a chair; a merge may only take a parent's version of \
      a file or the semantic merge of both (or a chair's resolution of a conflict). Each \
      commit is judged by the policy before it, so a change of policy is judged by the old \
      one. Commits made before review.yaml had a policy are counted as unverifiable.

      Each violation is one line: commit, path, who did what and what the policy allowed.

      Examples:
        review verify                   # all of HEAD's history
        review verify origin/main..HEAD # what a push or pull request brings
      """)

  @Argument(help: "A revision, or A..B for the commits of B not in A (default: HEAD).")
  var range: String = "HEAD"

  @Option(help: "Output format: text or json.")
  var format: OutputFormat = .text

  func run() throws {
    try runReporting {
      let report = try openRepository().verify(range)
      if format == .json {
        try printJSON(report)
      } else {
        for violation in report.violations { say(violation.description) }
        say(VerifyText.summary(report))
      }
      if !report.violations.isEmpty { throw ExitCode.failure }
    }
  }
}
