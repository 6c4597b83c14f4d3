import ArgumentParser
import ReviewCore
import ReviewRendering
import ReviewStore

struct SubjectCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "subject",
    abstract: "Change a subject's title or links, and commit reviews/SUBJECT/subject.yaml.",
    discussion: """
      The framework is not changed: every evaluation was judged against it. --title "" removes \
      the title. A link is an http(s):// URL, a doi:10.… DOI or a path in the repository.

      Example: review subject llama2 --title "Llama 2 7B" --link https://arxiv.org/abs/2307.09288
      """)

  @Argument(help: "The subject.")
  var subject: SubjectID

  @Option(help: "The new title (\"\" removes it).")
  var title: String?

  @Option(help: ArgumentHelp("Add a link (repeatable).", valueName: "URL"))
  var link: [String] = []

  @Option(
    name: .customLong("drop-link"),
    help: ArgumentHelp("Remove a link (repeatable).", valueName: "URL"))
  var dropLink: [String] = []

  @Option(help: "Whose name the commit is authored in (default: REVIEW_REVIEWER, git config).")
  var reviewer: String?

  @Option(name: .shortAndLong, help: "The commit message.")
  var message: String?

  @OptionGroup var signing: SignOptions

  func validate() throws {
    if title == nil && link.isEmpty && dropLink.isEmpty {
      throw ValidationError("nothing to change: give --title, --link or --drop-link")
    }
  }

  func run() throws {
    try runReporting {
      let repository = try openRepository()
      let actor = try repository.actor(
        reviewer: reviewer, sign: signing.sign, environment: environment)
      let (_, commit) = try repository.editSubject(
        subject, SubjectEdit(title: title, addLinks: link, dropLinks: dropLink), actor: actor,
        message: message)
      guard let commit else {
        return say("nothing to commit: subject '\(subject)' already says this")
      }
      say("[\(commit.short)] \(FileLocation.subject(subject).path): updated")
    }
  }
}
