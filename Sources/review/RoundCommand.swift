import ArgumentParser
import ReviewCodec
import ReviewCore
import ReviewRendering
import ReviewStore

struct RoundCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "round",
    abstract: "Close a round: tag the subject's committed state as review/SUBJECT/NAME.",
    discussion: """
      An annotated tag on HEAD, by the committer identity, as a Delphi study closes a round or the \
      OSI closed a draft. Existing rounds are never moved. Push tags to share them.

      Example: review round llama2 draft-1 -m "after the first panel call"
      """)

  @Argument(help: "The subject.")
  var subject: SubjectID

  @Argument(help: "The round's name (an id, such as draft-1).")
  var name: String

  @Option(name: .shortAndLong, help: "The tag message.")
  var message: String?

  @OptionGroup var signing: SignOptions

  func run() throws {
    try runReporting {
      let round = try History(openRepository()).createRound(
        subject: subject, name: name, message: message, environment: environment,
        sign: signing.sign)
      say("[\(round.commit.short)] round \(round.name) of \(subject): tag \(round.tag)")
    }
  }
}
