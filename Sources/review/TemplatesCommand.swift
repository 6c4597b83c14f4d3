import ArgumentParser
import ReviewCodec
import ReviewCore
import ReviewRendering
import ReviewStore

struct TemplatesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "templates",
    abstract: "List the frameworks available: the repository's templates/ and the built-in ones.")

  @OptionGroup var options: ReadOptions

  func run() throws {
    try runReporting {
      let repository = try? openRepository()
      let catalogue = try FrameworkCatalogue.load(repository: repository, at: options.at)
      if options.format == .json { return try printJSON(catalogue) }
      let rows =
        [["ID", "TITLE", "CRITERIA", "ORIGIN", "SOURCE"]]
        + catalogue.frameworks.map {
          [$0.id.rawValue, $0.title, "\($0.criteria)", $0.origin, $0.source ?? ""]
        }
      say(TerminalText.table(rows))
      catalogue.problems.forEach { printError($0.description) }
    }
  }
}
