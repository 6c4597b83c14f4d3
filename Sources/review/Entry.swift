import ArgumentParser
import Foundation

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
    do {
      var command = try Review.parseAsRoot(arguments)
      try command.run()
    } catch {
      let code = Review.exitCode(for: error)
      let message = Review.fullMessage(for: error)
      if code == .success {
        if !message.isEmpty { print(message) }
        exit(0)
      }
      if !message.isEmpty {
        // git's convention: "error: what is wrong", lower case.
        let text =
          message.hasPrefix("Error: ") ? "error: " + message.dropFirst(7) : Substring(message)
        FileHandle.standardError.write(Data((text + "\n").utf8))
      }
      exit(code.rawValue)
    }
  }
}

/// The `review` command: assessments as files in a git repository.
struct Review: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "review",
    abstract: "Assess AI models (or anything else) against a rubric, as a panel, in git.",
    usage: "review [-C PATH] <subcommand> [<options>]",
    discussion: """
      Each reviewer commits their own evaluation under reviews/<subject>/<reviewer>.yaml; read \
      commands read committed objects at a revision. Run 'review -C PATH <command>' to work in \
      PATH, as with git.
      """,
    version: "0.1.0",
    subcommands: [
      InitCommand.self, TemplatesCommand.self, NewCommand.self, ScoreCommand.self,
      EditCommand.self, ShowCommand.self, StatusCommand.self, ValidateCommand.self,
      ConsensusCommand.self, ReportCommand.self, ImportCommand.self, ExportCommand.self,
      LogCommand.self, DiffCommand.self, BlameCommand.self, RoundCommand.self, RoundsCommand.self,
      MergeCommand.self, ConflictsCommand.self, ResolveCommand.self, MergeDriverCommand.self,
      SyncCommand.self, VerifyCommand.self,
    ]
  )
}
