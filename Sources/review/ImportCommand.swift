import ArgumentParser
import Foundation
import ReviewCodec
import ReviewCore
import ReviewRendering
import ReviewStore

extension ImportFormat: ExpressibleByArgument {}

struct ImportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "import",
    abstract: "Import Model Openness Tool or Open Source AI Index records as evaluations.",
    discussion: """
      mot: a Model Openness Tool record becomes an evaluation against mof-1.0: a listed component \
      with an open effective license is open, listed otherwise restricted, not listed closed. \
      osai: a European Open Source AI Index record becomes an evaluation against osai-index-2026. \
      The subject (from the record's name, or the index file's name) is created when missing; \
      a Model Openness Tool record is kept whole in its subject.yaml (mot-record:), for \
      'review export mot' to write back. \
      Each record is committed as the evaluation of --reviewer (default: mot, osai-index). \
      The curators' ids are references unless review.yaml registers them otherwise: shown \
      beside the panel with their outcomes, never counted in consensus or agreement.

      Example: review import mot models/Llama-2-7B.yml --subject llama2
      """)

  @Argument(help: "mot or osai.")
  var format: ImportFormat

  @Argument(help: "The record files.")
  var files: [String]

  @Option(help: "The subject to import into (one file only).")
  var subject: SubjectID?

  @Option(help: "Whose evaluation the record becomes (default: mot or osai-index).")
  var reviewer: String?

  @OptionGroup var signing: SignOptions

  func validate() throws {
    if files.isEmpty { throw ValidationError("give at least one record file") }
    if subject != nil && files.count > 1 { throw ValidationError("--subject takes one file only") }
  }

  func run() throws {
    var failed = false
    try runReporting {
      let repository = try openRepository()
      let actor = try repository.actor(
        reviewer: reviewer ?? format.defaultReviewer.rawValue, sign: signing.sign,
        environment: environment)
      let records = files.map { (path: $0, data: FileManager.default.contents(atPath: $0)) }
      for (_, result) in Importer(repository).importRecords(
        format, files: records, subject: subject, actor: actor)
      {
        switch result {
        case .success(let imported):
          if let commit = imported.subjectCommit {
            let file = FileLocation.subject(imported.subject).path
            say(
              imported.subjectCreated
                ? "[\(commit.short)] new subject \(file)"
                : "[\(commit.short)] kept the record's metadata in \(file)")
          }
          reportScore(imported.score)
        case .failure(let error):
          // One bad record must not stop the others; each is reported and the exit is 1.
          printReported(error)
          failed = true
        }
      }
    }
    if failed { throw ExitCode.failure }
  }
}
