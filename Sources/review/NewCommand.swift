import ArgumentParser
import ReviewCodec
import ReviewCore
import ReviewRendering
import ReviewStore

struct NewCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "new",
    abstract: "Open an assessment: create and commit reviews/SUBJECT/subject.yaml.",
    discussion: """
      The framework defaults to review.yaml's default-framework (mof-1.0 when unset).

      Example: review new llama2 --title "Llama 2 7B" --link https://huggingface.co/meta-llama/Llama-2-7b-hf
      """)

  @Argument(help: "The subject id: a-z, 0-9, '.', '_', '-'.")
  var subject: SubjectID

  @Option(help: "The framework to assess against.")
  var framework: FrameworkID?

  @Option(help: "A human-readable title.")
  var title: String?

  @Option(name: .customLong("link"), help: "A link to the subject (repeatable).")
  var links: [String] = []

  @Option(help: "Whose name the commit is authored in (default: REVIEW_REVIEWER, git config).")
  var reviewer: String?

  @OptionGroup var signing: SignOptions

  func validate() throws {
    if let problem = Identifier.problem(subject) { throw ValidationError(problem) }
  }

  func run() throws {
    try runReporting {
      let repository = try openRepository()
      let actor = try repository.actor(
        reviewer: reviewer, sign: signing.sign, environment: environment)
      let (subject, commit) = try repository.newSubject(
        subject, framework: framework, title: title, links: links, actor: actor)
      say(
        "[\(commit.short)] new subject \(FileLocation.subject(subject.id).path) (\(subject.framework))"
      )
    }
  }
}
