import ArgumentParser
import ReviewCodec
import ReviewCore
import ReviewRendering
import ReviewStore

struct MergeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge",
    abstract: "Merge a branch: evaluations by meaning, other files as git would.",
    discussion: """
      Fast-forwards when it can. Otherwise every review file is merged three-way by meaning and \
      every other file as git merges it. With no conflict a merge commit with both parents is \
      made. When evaluations conflict nothing is committed or written: list the conflicts with \
      'review conflicts', settle them with 'review resolve', then 'review merge --continue' (or \
      'review merge --abort'). When files outside reviews/ conflict, git's usual merge state is \
      left for them (resolve them and git add them, settle review conflicts with 'review \
      resolve', then 'review merge --continue' or git commit; or 'review merge --abort'). A plain \
      'git merge' that stops on review files is taken up the same way: 'review conflicts' lists \
      their conflicts, 'review resolve' writes and stages each file once settled, and 'review \
      merge --continue' (or git commit) commits the merge.
      """)

  @Argument(help: "The branch or commit to merge.")
  var branch: String?

  @Flag(name: .customLong("continue"), help: "Commit the merge once every conflict is resolved.")
  var continueMerge = false

  @Flag(help: "Abandon the merge in progress.")
  var abort = false

  @Option(name: .shortAndLong, help: "The merge commit's message.")
  var message: String?

  @Flag(
    name: .customLong("allow-unverified"),
    help: "Merge even when incoming commits break the policy; the merge commit records them.")
  var allowUnverified = false

  @OptionGroup var signing: SignOptions

  func validate() throws {
    let modes = [branch != nil, continueMerge, abort].filter { $0 }.count
    if modes != 1 { throw ValidationError("give a BRANCH, --continue or --abort") }
  }

  func run() throws {
    try runReporting {
      let repository = try openRepository()
      if abort {
        try MergeSession(repository).abort()
        say("merge aborted")
        return
      }
      if continueMerge {
        let commit = try MergeSession(repository).continue(
          environment: environment, sign: signing.sign)
        say("[\(commit.short)] merge committed")
        return
      }
      switch try MergeSession(repository).merge(
        branch!, environment: environment, message: message, sign: signing.sign,
        allowUnverified: allowUnverified)
      {
      case .upToDate:
        say("Already up to date.")
      case .fastForward(let commit):
        say("Fast-forward to \(commit.short)")
      case .merged(let commit):
        say("[\(commit.short)] merged \(branch!)")
      case .conflicts(let conflicts):
        printConflicts(review: conflicts)
        printError(
          "error: \(conflicts.count) conflict\(conflicts.count == 1 ? "" : "s") in evaluations; nothing committed. Settle them with 'review resolve', then 'review merge --continue'"
        )
        throw ExitCode.failure
      case .gitConflicts(let paths, let review):
        printConflicts(paths: paths, review: review)
        printError(
          "error: files outside reviews/ conflict; fix them and 'git add' them, settle any review conflict with 'review resolve', then 'review merge --continue' (or 'review merge --abort')"
        )
        throw ExitCode.failure
      }
    }
  }
}

/// One line per conflicted file outside reviews/ and per conflicted review field, as git
/// prints its CONFLICT lines.
func printConflicts(paths: [String] = [], review: [MergeConflict]) {
  paths.forEach { printError("CONFLICT (content): \($0)") }
  review.forEach { printError("CONFLICT (review): \($0)") }
}
