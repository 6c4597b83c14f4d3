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
      left for them (resolve them, git add, git commit; or 'review merge --abort').
      """)

  @Argument(help: "The branch or commit to merge.")
  var branch: String?

  @Flag(name: .customLong("continue"), help: "Commit the merge once every conflict is resolved.")
  var continueMerge = false

  @Flag(help: "Abandon the merge in progress.")
  var abort = false

  @Option(name: .shortAndLong, help: "The merge commit's message.")
  var message: String?

  func validate() throws {
    let modes = [branch != nil, continueMerge, abort].filter { $0 }.count
    if modes != 1 { throw ValidationError("give a BRANCH, --continue or --abort") }
  }

  func run() throws {
    try runReporting {
      let repository = try openRepository()
      if abort {
        try repository.abortMerge()
        print("merge aborted")
        return
      }
      if continueMerge {
        let commit = try repository.continueMerge(environment: environment)
        print("[\(commit.short)] merge committed")
        return
      }
      switch try repository.merge(branch!, environment: environment, message: message) {
      case .upToDate:
        print("Already up to date.")
      case .fastForward(let commit):
        print("Fast-forward to \(commit.short)")
      case .merged(let commit):
        print("[\(commit.short)] merged \(branch!)")
      case .conflicts(let conflicts):
        printConflicts(review: conflicts)
        printError(
          "error: \(conflicts.count) conflict\(conflicts.count == 1 ? "" : "s") in evaluations; nothing committed. Settle them with 'review resolve', then 'review merge --continue'"
        )
        throw ExitCode.failure
      case .gitConflicts(let paths, let review):
        printConflicts(paths: paths, review: review)
        printError(
          "error: files outside reviews/ conflict; fix them, 'git add' them and 'git commit', or 'review merge --abort'"
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

struct ConflictsCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "conflicts",
    abstract: "List the conflicts of the review merge in progress.")

  @Option(help: "Output format: text or json.")
  var format: OutputFormat = .text

  func run() throws {
    try runReporting {
      let conflicts = try openRepository().mergeConflicts()
      if format == .json { return try printJSON(conflicts) }
      let rows = conflicts.map {
        [
          $0.subject, $0.reviewer ?? "subject", $0.criterion ?? "-", $0.field, $0.base ?? "(none)",
          $0.ours ?? "(none)", $0.theirs ?? "(none)",
        ]
      }
      print(
        rows.isEmpty
          ? "no conflicts left; run 'review merge --continue'"
          : TerminalText.table(
            [["SUBJECT", "REVIEWER", "CRITERION", "FIELD", "BASE", "OURS", "THEIRS"]] + rows))
    }
  }
}

struct ResolveCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "resolve",
    abstract: "Settle a conflict of the review merge in progress.",
    discussion: """
      Settles every conflicted field of one judgement (or, without CRITERION, of the \
      evaluation's own fields, or a whole-file conflict): --ours keeps our values, --theirs \
      takes theirs, --level and the other field options set a judgement's values explicitly \
      (conflicted fields not given keep ours). For a subject file, REVIEWER is 'subject' (the \
      file's name; "" is read the same).

      Example: review resolve llama2 alice datasets --level restricted --note "agreed on the call"
      """)

  @Argument(help: "The subject.") var subject: String
  @Argument(help: "The reviewer, or 'subject' for the subject file.") var reviewer: String
  @Argument(help: "The criterion.") var criterion: String?

  @Flag(help: "Keep our values.") var ours = false
  @Flag(help: "Take their values.") var theirs = false
  @Option(help: "Set the level.") var level: String?
  @Option(help: "Set the license (SPDX).") var license: String?
  @Option(help: "Set the note.") var note: String?
  @Option(help: "Set the confidence.") var confidence: String?

  /// The values given, by judgement field.
  private var values: [JudgementField: String] {
    let given: [(JudgementField, String?)] = [
      (.level, level), (.license, license), (.note, note), (.confidence, confidence),
    ]
    return Dictionary(
      uniqueKeysWithValues: given.compactMap { field, value in value.map { (field, $0) } })
  }

  func validate() throws {
    let explicit = !values.isEmpty
    if [ours, theirs, explicit].filter({ $0 }).count != 1 {
      throw ValidationError("give one of --ours, --theirs, or values (--level ...)")
    }
  }

  func run() throws {
    try runReporting {
      let resolution: Resolution =
        ours
        ? .ours
        : theirs
          ? .theirs : .values(values)
      let left = try openRepository().resolve(
        subject: subject, reviewer: reviewer.isEmpty || reviewer == "subject" ? nil : reviewer,
        criterion: criterion, resolution)
      print(
        left.isEmpty
          ? "all conflicts resolved; run 'review merge --continue'"
          : "\(left.count) conflict\(left.count == 1 ? "" : "s") left")
    }
  }
}
