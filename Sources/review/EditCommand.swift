import ArgumentParser
import Foundation
import ReviewCodec
import ReviewCore
import ReviewRendering
import ReviewStore

struct EditCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "edit",
    abstract: "Edit your evaluation in $EDITOR, validate it, and commit it.",
    discussion: """
      Opens a draft (kept under .git/review/edit/) in $VISUAL, $EDITOR, git config core.editor \
      or vi. When the draft does not validate, nothing is committed, the problems are listed, \
      and the draft is kept: run 'review edit SUBJECT' again to continue from it.
      """)

  @Argument(help: "The subject.")
  var subject: SubjectID

  @OptionGroup var writeOptions: WriteOptions

  func run() throws {
    try runReporting {
      let repository = try openRepository()
      let actor = try repository.actor(
        reviewer: writeOptions.reviewer, onBehalfOf: writeOptions.onBehalfOf,
        sign: writeOptions.signing.sign, environment: environment)
      let draft = try repository.editDraft(subject: subject, actor: actor)
      if draft.resumed { printError("resuming the draft left by an earlier edit: \(draft.path)") }
      let editor =
        [environment["VISUAL"], environment["EDITOR"], repository.git.configString("core.editor")]
        .compactMap { $0 }.first { !$0.isEmpty } ?? "vi"
      let status = try ChildProcess.runInTerminal(shellCommand: editor, arguments: [draft.path])
      guard status == 0 else {
        throw CommandError.editorFailed(editor, status: status, draft: draft.path)
      }
      do {
        guard
          let result = try repository.commitDraft(
            draft, subject: subject, actor: actor, message: writeOptions.message)
        else {
          return say("nothing committed: the new evaluation's draft was left unchanged")
        }
        reportScore(result)
      } catch  where isReported(error) {
        printReported(error)
        printError(
          "error: nothing committed; your edit is kept at \(draft.path): run 'review edit \(subject)' again to fix it"
        )
        throw ExitCode.failure
      }
    }
  }
}
