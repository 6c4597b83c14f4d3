import ArgumentParser
import Foundation
import ReviewCodec
import ReviewCore
import ReviewRendering
import ReviewStore

struct ScoreCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "score",
    abstract: "Record your judgements of a subject and commit your evaluation file.",
    discussion: """
      Changes only the reviewer's own file, reviews/SUBJECT/REVIEWER.yaml, in one commit \
      authored by the reviewer; other staged or modified files are left as they are. Fields \
      not named keep their values; an empty value (--note C=) clears a field.

      Examples:
        review score llama2 datasets=closed model-parameters-final=restricted \\
          --license model-parameters-final=LicenseRef-Llama-2-Community \\
          --evidence model-parameters-final=https://ai.meta.com/llama/license/
        review score llama2 --file draft.yaml
      """)

  @Argument(help: "The subject.")
  var subject: SubjectID

  @Argument(help: "Judgements as CRITERION=LEVEL.")
  var judgements: [String] = []

  @Option(help: ArgumentHelp("The SPDX license of a criterion's component.", valueName: "C=SPDX"))
  var license: [String] = []

  @Option(
    help: ArgumentHelp("Add an evidence URL to a criterion (repeatable).", valueName: "C=URL"))
  var evidence: [String] = []

  @Option(
    name: .customLong("drop-evidence"),
    help: ArgumentHelp("Remove an evidence URL from a criterion.", valueName: "C=URL"))
  var dropEvidence: [String] = []

  @Option(help: ArgumentHelp("A note explaining a judgement.", valueName: "C=TEXT"))
  var note: [String] = []

  @Option(help: ArgumentHelp("How sure you are: low, medium or high.", valueName: "C=LEVEL"))
  var confidence: [String] = []

  @Option(help: ArgumentHelp("Remove your judgement of a criterion.", valueName: "CRITERION"))
  var unset: [String] = []

  @Option(help: "Read the whole evaluation from a YAML file instead.")
  var file: String?

  @OptionGroup var writeOptions: WriteOptions

  func validate() throws {
    let hasChanges =
      !judgements.isEmpty || !license.isEmpty || !evidence.isEmpty || !dropEvidence.isEmpty
      || !note.isEmpty || !confidence.isEmpty || !unset.isEmpty
    if file != nil && hasChanges {
      throw ValidationError(
        "--file replaces the whole evaluation; give no other judgements with it")
    }
    if file == nil && !hasChanges {
      throw ValidationError("nothing to score: give CRITERION=LEVEL, a field option, or --file")
    }
    _ = try changes()
  }

  /// Splits `C=VALUE` at the first `=`.
  private func pair(_ text: String, option: String) throws -> (String, String) {
    guard let index = text.firstIndex(of: "="), index != text.startIndex else {
      throw ValidationError(
        "\(option == "the level" ? "judgement" : option) '\(text)' must be CRITERION=VALUE")
    }
    return (String(text[..<index]), String(text[text.index(after: index)...]))
  }

  /// The changes the arguments ask for, one per criterion; a field given twice is refused.
  func changes() throws -> [ScoreChange] {
    var byCriterion: [CriterionID: ScoreChange] = [:]
    var order: [CriterionID] = []
    func update(_ text: String, _ body: (inout ScoreChange) throws -> Void) throws {
      if let problem = Identifier.problem(text, kind: "criterion") {
        throw ValidationError(problem)
      }
      let criterion = CriterionID(text)
      if byCriterion[criterion] == nil {
        byCriterion[criterion] = ScoreChange(criterion: criterion)
        order.append(criterion)
      }
      try body(&byCriterion[criterion]!)
    }
    // Fields a criterion may have once per command, and lists it may gather.
    let singles: [(option: String, values: [String], field: JudgementField)] = [
      ("the level", judgements, .level), ("--license", license, .license),
      ("--note", note, .note), ("--confidence", confidence, .confidence),
    ]
    for (option, values, field) in singles {
      for text in values {
        let (criterion, value) = try pair(text, option: option)
        try update(criterion) { change in
          guard change.values[field] == nil else {
            throw ValidationError("\(option) of '\(criterion)' is given twice")
          }
          change.values[field] = value
        }
      }
    }
    let lists: [(option: String, values: [String], field: JudgementField, adds: Bool)] = [
      ("--evidence", evidence, .evidence, true),
      ("--drop-evidence", dropEvidence, .evidence, false),
    ]
    for (option, values, field, adds) in lists {
      for text in values {
        let (criterion, value) = try pair(text, option: option)
        try update(criterion) { change in
          if adds {
            change.added[field, default: []].append(value)
          } else {
            change.removed[field, default: []].append(value)
          }
        }
      }
    }
    for criterion in unset {
      try update(criterion) { $0.unset = true }
    }
    return order.map { byCriterion[$0]! }
  }

  func run() throws {
    try runReporting {
      let repository = try openRepository()
      let actor = try repository.actor(
        reviewer: writeOptions.reviewer, onBehalfOf: writeOptions.onBehalfOf,
        sign: writeOptions.signing.sign, environment: environment)
      let result: ScoreResult
      if let file {
        guard let data = FileManager.default.contents(atPath: file) else {
          throw CommandError.cannotRead(path: file)
        }
        result = try repository.score(
          subject, file: data, path: file, actor: actor, message: writeOptions.message)
      } else {
        result = try repository.score(
          subject, changes: try changes(), actor: actor, message: writeOptions.message)
      }
      reportScore(result)
    }
  }
}

/// Prints what a write of an evaluation did, the way `git commit` does.
func reportScore(_ result: ScoreResult) {
  guard let commit = result.commit else {
    say(
      "nothing to commit: \(result.evaluation.reviewer)'s evaluation of \(result.evaluation.subject) already says this"
    )
    return
  }
  let count = result.changedCriteria.count
  if let sealed = result.sealedPath {
    say(
      "[\(commit.short)] \(sealed): sealed (\(count) judgement\(count == 1 ? "" : "s") changed); nobody but you and the chairs can read it until the round closes"
    )
    return
  }
  var names = result.changedCriteria.prefix(5).map(\.rawValue).joined(separator: ", ")
  if count > 5 { names += ", +\(count - 5) more" }
  say(
    "[\(commit.short)] \(result.evaluation.path): \(count) judgement\(count == 1 ? "" : "s") changed (\(names))"
  )
}
