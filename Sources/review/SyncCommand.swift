import ArgumentParser
import ReviewCodec
import ReviewCore
import ReviewRendering
import ReviewStore

struct SyncCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sync",
    abstract: "Fetch, merge by meaning, and push, through any git remote; never forces.",
    discussion: """
      Works with any remote git can reach: a bare repository's path, git://, a forge. When the \
      push is rejected because someone pushed meanwhile, it fetches and merges again (up to 5 \
      times). When evaluations conflict it stops with the merge in progress: 'review conflicts', \
      'review resolve', 'review merge --continue', then 'review sync' again.
      """)

  @Argument(help: "The remote (default: the branch's upstream, origin, or the only remote).")
  var remote: String?

  @Option(help: "The remote branch (default: the current branch's name).")
  var branch: String?

  @Flag(
    name: .customLong("allow-unverified"),
    help: "Merge even when incoming commits break the policy; the merge commit records them.")
  var allowUnverified = false

  @OptionGroup var signing: SignOptions

  func run() throws {
    try runReporting {
      let result = try Sync(openRepository()).sync(
        remote: remote, branch: branch, environment: environment, sign: signing.sign,
        allowUnverified: allowUnverified)
      for merge in result.merges {
        switch merge {
        case .upToDate: break
        case .fastForward(let commit): say("fast-forward to \(commit.short)")
        case .merged(let commit):
          say("[\(commit.short)] merged \(result.remote)/\(result.branch)")
        case .conflicts(let conflicts):
          printConflicts(review: conflicts)
          printError(
            "error: sync stopped: settle the conflicts with 'review resolve', run 'review merge --continue', then 'review sync' again"
          )
          throw ExitCode.failure
        case .gitConflicts(let paths, let review):
          printConflicts(paths: paths, review: review)
          printError(
            "error: sync stopped: files outside reviews/ conflict; fix them, git add, git commit, then 'review sync' again"
          )
          throw ExitCode.failure
        }
      }
      if let pushed = result.pushed {
        say(
          "\(result.remote)/\(result.branch) is at \(pushed.short)\(result.attempts > 1 ? " (after \(result.attempts) attempts)" : "")"
        )
      }
      for (tag, reason) in result.tagsRefused.sorted(by: { $0.key < $1.key }) {
        printError("warning: \(result.remote) refused \(tag): \(reason)")
      }
    }
  }
}
