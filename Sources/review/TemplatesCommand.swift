import ArgumentParser
import ReviewCodec
import ReviewCore
import ReviewRendering
import ReviewStore

struct TemplatesCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "templates",
    abstract: "List the frameworks available, or show one whole.",
    discussion: """
      Without an id, lists the repository's templates/ and the built-in frameworks. With one, \
      shows that framework: its scale with each level's label and value, its consensus rule, \
      every criterion with its title, group, whether it is required and what is judged, and its \
      outcomes.
      """)

  @Argument(help: "A framework to show whole.")
  var framework: FrameworkID?

  @OptionGroup var options: ReadOptions

  func run() throws {
    try runReporting {
      let repository = try? openRepository()
      if let framework {
        let (found, origin) = try FrameworkCatalogue.framework(
          framework, repository: repository, at: options.at)
        if options.format == .json { return try printJSON(FrameworkJSON(found, origin: origin)) }
        return say(FrameworkText.describe(found, origin: origin))
      }
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

extension TemplatesCommand: Paged {
  var isPaged: Bool { options.format == .text }
}
