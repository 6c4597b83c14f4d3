import ArgumentParser
import Foundation
import GitKit
import ReviewCodec
import ReviewCore
import ReviewRendering
import ReviewStore

struct RoundCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "round",
    abstract: "Mark a round (tag review/SUBJECT/NAME), or open and close a sealed round.",
    discussion: """
      'review round SUBJECT NAME' tags the subject's committed state as a round, as a Delphi \
      study closes a round or the OSI closed a draft. 'review round open SUBJECT NAME --sealed' \
      opens a sealed round: until the chair closes it, 'score' and 'edit' commit evaluations of \
      the subject encrypted to their reviewer and the chairs. 'review round close SUBJECT NAME' \
      closes it, reveals every seal the chair's key opens and tags the round.
      """,
    subcommands: [RoundTagCommand.self, RoundOpenCommand.self, RoundCloseCommand.self],
    defaultSubcommand: RoundTagCommand.self)
}

struct RoundTagCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tag",
    abstract: "Tag the subject's committed state as review/SUBJECT/NAME.",
    discussion: """
      An annotated tag on HEAD, by the committer identity. Existing rounds are never moved. Push \
      tags to share them.

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

struct RoundOpenCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "open",
    abstract: "Open a sealed round of a subject (a chair's).",
    discussion: """
      Commits reviews/SUBJECT/sealed/round.yaml with the panel (the registry's panelists \
      counted on the subject) and the deadline. Every panelist and at least one chair need an \
      ssh-ed25519 key or an age recipient in review.yaml.

      Example: review round open llama2 delphi-1 --sealed --until 2026-12-09
      """)

  @Argument(help: "The subject.")
  var subject: SubjectID

  @Argument(help: "The round's name (an id, such as delphi-1).")
  var name: String

  @Flag(help: "Seal the evaluations until the round closes (required).")
  var sealed = false

  @Option(help: "The deadline: no seal is taken after it (a date, as git log --until reads it).")
  var until: String?

  @OptionGroup var signing: SignOptions

  func validate() throws {
    guard sealed else {
      throw ValidationError(
        "only sealed rounds are opened: give --sealed (to mark a round, use 'review round SUBJECT NAME')"
      )
    }
  }

  func run() throws {
    try runReporting {
      let repository = try openRepository()
      var deadline: Int64?
      if let until {
        guard
          let time = GitDate.approximate(until, now: Int64(Date().timeIntervalSince1970))
        else { throw StoreError.notADate(until, revisionAllowed: false) }
        deadline = time
      }
      let actor = try repository.roundActor(sign: signing.sign)
      let result = try repository.openSealedRound(
        subject: subject, name: name, until: deadline, actor: actor)
      say(
        "[\(result.commits[0].short)] \(subject): \(SealText.summary(result.status)); panel \(result.status.round.panel.map(\.rawValue).joined(separator: ", "))"
      )
    }
  }
}

struct RoundCloseCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "close",
    abstract: "Close a sealed round, reveal what the chair's key opens, and tag the round.",
    discussion: """
      Commits the round as closed (no more seals), then, with the key git config \
      review.identity names, reveals every sealed evaluation (one commit each, on the \
      reviewer's behalf) and tags the result as review/SUBJECT/NAME once all are revealed.
      """)

  @Argument(help: "The subject.")
  var subject: SubjectID

  @Argument(help: "The round's name.")
  var name: String

  @OptionGroup var signing: SignOptions

  func run() throws {
    try runReporting {
      let repository = try openRepository()
      let actor = try repository.roundActor(sign: signing.sign)
      let result = try repository.closeSealedRound(
        subject: subject, name: name, actor: actor, identity: try repository.sealIdentity(),
        environment: environment, sign: signing.sign)
      say("[\(result.commits[0].short)] closed round \(name) of \(subject)")
      if !result.revealed.isEmpty {
        say("revealed \(result.revealed.map(\.rawValue).joined(separator: ", "))")
      }
      if let tag = result.tag {
        say("tagged \(tag)")
      } else {
        say(
          "\(SealText.summary(result.status)); each reviewer reveals with 'review reveal \(subject)'"
        )
      }
    }
  }
}

struct RevealCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "reveal",
    abstract: "Commit the plaintext of sealed evaluations once their round is closed.",
    discussion: """
      Opens each seal with the key git config review.identity names (else user.signingkey when \
      it is an OpenSSH private key file), checks it against its commitment, and commits the \
      evaluation exactly as sealed with its nonce, one commit per reviewer. A reviewer reveals \
      their own; a chair reveals anyone's (on their behalf).
      """)

  @Argument(help: "The subject.")
  var subject: SubjectID

  @Argument(help: "Only this reviewer's seal (default: every seal the key opens).")
  var reviewer: ReviewerID?

  @OptionGroup var signing: SignOptions

  func run() throws {
    try runReporting {
      let repository = try openRepository()
      guard let identity = try repository.sealIdentity() else { throw StoreError.noIdentity }
      let actor = try repository.roundActor(sign: signing.sign)
      let result = try repository.reveal(
        subject: subject, reviewer: reviewer, actor: actor, identity: identity)
      for (commit, who) in zip(result.commits, result.revealed) {
        say(
          "[\(commit.short)] revealed \(FileLocation.evaluation(subject: subject, reviewer: who).path)"
        )
      }
      say(SealText.summary(result.status))
    }
  }
}

extension ReviewRepository {
  /// Whoever runs a round command: the git identity, with the reviewer id if one is set (a
  /// reviewer revealing their own) and none required (a chair opening or closing).
  func roundActor(sign: Bool?) throws -> Actor {
    try actor(reviewer: nil, sign: sign, environment: environment, requireReviewer: false)
  }
}
