import ArgumentParser
import Foundation
import ReviewCodec
import ReviewCore
import ReviewRendering
import ReviewStore

struct MergeDriverCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "merge-driver",
    abstract: "Merge one review file by meaning, as a git merge driver.",
    discussion: """
      git runs it for files under reviews/ once 'review init' has written .gitattributes \
      (reviews/**/*.yaml merge=review) and set merge.review.driver in .git/config. It writes the \
      merged file over OURS, prints each conflict (subject, reviewer, criterion, field, base, ours, \
      theirs), and exits 1 when there are conflicts so git stops; the file then holds our side \
      for the conflicted fields, without markers. Our and their versions must fit the framework \
      of the working tree (criteria and levels); when one does not, OURS is left as it was and \
      git stops.
      """)

  @Argument(help: "The common ancestor's version (%O).") var base: String
  @Argument(help: "Our version, overwritten with the result (%A).") var ours: String
  @Argument(help: "Their version (%B).") var theirs: String
  @Argument(help: "The file's path in the repository (%P).") var path: String

  func run() throws {
    try runReporting {
      func read(_ file: String) throws -> Data {
        guard let data = FileManager.default.contents(atPath: file) else {
          throw CommandError.cannotRead(path: file)
        }
        return data
      }
      switch SealLocation(path: path) {
      case .seal:
        let merged = try SealMerge.mergeSeal(
          base: try read(base), ours: try read(ours), theirs: try read(theirs), path: path)
        return try OutputFile.write(merged, to: ours)
      case .round, .nonce:
        guard
          let merged = SealMerge.mergeRound(
            base: try read(base), ours: try read(ours), theirs: try read(theirs))
        else {
          printError("CONFLICT (review): \(path) changed differently on both sides")
          throw ExitCode.failure
        }
        return try OutputFile.write(merged, to: ours)
      case nil:
        break
      }
      let frameworks = try FrameworkCatalogue.frameworks(repository: try? openRepository())
      let result = try SemanticMerge.mergeFile(
        path: path, base: try read(base), ours: try read(ours), theirs: try read(theirs),
        frameworks: frameworks, checkFramework: true)
      try OutputFile.write(result.contents ?? Data(), to: ours)
      for conflict in result.conflicts { printError("CONFLICT (review): \(conflict)") }
      if !result.conflicts.isEmpty { throw ExitCode.failure }
    }
  }
}
