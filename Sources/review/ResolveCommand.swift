import ArgumentParser
import ReviewCodec
import ReviewCore
import ReviewRendering
import ReviewStore

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

  @Argument(help: "The subject.") var subject: SubjectID
  @Argument(help: "The reviewer, or 'subject' for the subject file.") var reviewer: String
  @Argument(help: "The criterion.") var criterion: CriterionID?

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
      let left = try MergeSession(openRepository()).resolve(
        subject: subject,
        reviewer: reviewer.isEmpty || reviewer == FileLocation.subjectFileStem
          ? nil : ReviewerID(reviewer),
        criterion: criterion, resolution)
      say(
        left.isEmpty
          ? "all conflicts resolved; run 'review merge --continue'"
          : "\(left.count) conflict\(left.count == 1 ? "" : "s") left")
    }
  }
}
