import ArgumentParser
import Foundation
import ReviewCore

/// Handles git's `-C PATH` (run as if started in PATH, repeatable) before the commands parse.
@main
enum Entry {
  static func main() {
    var arguments = Array(CommandLine.arguments.dropFirst())
    while let first = arguments.first, first == "-C" || (first.hasPrefix("-C") && first.count > 2) {
      let path: String
      if first == "-C" {
        guard arguments.count > 1 else {
          FileHandle.standardError.write(Data("error: -C needs a path\n".utf8))
          exit(64)
        }
        path = arguments[1]
        arguments.removeFirst(2)
      } else {
        path = String(first.dropFirst(2))
        arguments.removeFirst()
      }
      guard path.isEmpty || FileManager.default.changeCurrentDirectoryPath(path) else {
        FileHandle.standardError.write(
          Data("error: cannot change to '\(path)': no such directory\n".utf8))
        exit(1)
      }
    }
    var paging: Bool? = nil
    while let first = arguments.first, ["--no-pager", "-P", "-p", "--paginate"].contains(first) {
      paging = first == "-p" || first == "--paginate"
      arguments.removeFirst()
    }
    if let refusal = Self.refuseUnknownCommand(arguments) {
      FileHandle.standardError.write(Data(refusal.utf8))
      exit(1)
    }
    if arguments.isEmpty {
      // As git: the help, and a failure, for a command that was not given.
      print(Review.helpMessage())
      exit(1)
    }
    do {
      var command = try Review.parseAsRoot(arguments)
      if paging ?? ((command as? any Paged)?.isPaged ?? false) { Pager.start() }
      try command.run()
      Self.exit(0)
    } catch {
      let code = Review.exitCode(for: error)
      let message = Review.fullMessage(for: error)
      if code == .success {
        if !message.isEmpty { print(message) }
        Self.exit(0)
      }
      if !message.isEmpty {
        // git's convention: "error: what is wrong", lower case.
        let text =
          message.hasPrefix("Error: ") ? "error: " + message.dropFirst(7) : Substring(message)
        FileHandle.standardError.write(Data((text + "\n").utf8))
      }
      Self.exit(code.rawValue)
    }
  }

  /// Waits for the pager, if one runs, then exits.
  static func exit(_ code: Int32) -> Never {
    Pager.finish()
    Foundation.exit(code)
  }

  /// The error for a first word that names no command (`review scroe`, `review help scroe`),
  /// with the nearest command; nil when the words are for the parser.
  static func refuseUnknownCommand(_ arguments: [String]) -> String? {
    let names = Review.configuration.subcommands.compactMap { $0.configuration.commandName }
    var words = arguments
    if words.first == "help" { words.removeFirst() }
    guard let word = words.first, !word.hasPrefix("-"), !names.contains(word), word != "help"
    else { return nil }
    let suggestion = Suggestion.nearest(to: word, among: names)
    return
      "error: '\(word)' is not a review command\(Suggestion.phrase(suggestion)) (see 'review --help')\n"
  }
}

/// The `review` command: assessments as files in a git repository.
struct Review: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "review",
    abstract: "Assess AI models (or anything else) against a rubric, as a panel, in git.",
    usage: "review [-C PATH] [--no-pager | -P | --paginate | -p] <subcommand> [<options>]",
    discussion: """
      Each reviewer commits their own evaluation under reviews/<subject>/<reviewer>.yaml; read \
      commands read committed objects at a revision. Run 'review -C PATH <command>' to work in \
      PATH, as with git. At a terminal, log, diff, blame, show, templates, consensus, rounds \
      and report go through the pager as git's do (GIT_PAGER, git config core.pager, PAGER, \
      else less, with LESS=FRX); --no-pager or -P writes straight out, --paginate or -p \
      pages any command.
      """,
    version: "0.1.0",
    subcommands: [
      InitCommand.self, TemplatesCommand.self, NewCommand.self, SubjectCommand.self,
      ScoreCommand.self,
      EditCommand.self, ShowCommand.self, StatusCommand.self, ValidateCommand.self,
      ConsensusCommand.self, ReportCommand.self, ImportCommand.self, ExportCommand.self,
      LogCommand.self, DiffCommand.self, BlameCommand.self, RoundCommand.self, RoundsCommand.self,
      RevealCommand.self, FeedbackCommand.self,
      MergeCommand.self, ConflictsCommand.self, ResolveCommand.self, MergeDriverCommand.self,
      SyncCommand.self, VerifyCommand.self,
    ]
  )
}
