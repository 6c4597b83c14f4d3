import ArgumentParser
import Foundation
import ReviewCodec
import ReviewCore
import ReviewRendering
import ReviewStore

struct InitCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "init",
    abstract: "Create a review repository, or make an existing git repository one.",
    discussion: """
      Creates PATH (default: the current directory) as a git repository on branch main when it \
      is not one, then commits templates/ (the built-in frameworks), review.yaml and reviews/. \
      A repository that already has review.yaml or reviews/ is left unchanged.
      """)

  @Argument(help: "The folder to initialise.")
  var path: String = "."

  @OptionGroup var signing: SignOptions

  func run() throws {
    try runReporting {
      switch try ReviewRepository.initialize(
        at: path, environment: environment, sign: signing.sign)
      {
      case .created(let root, let commit):
        say("Initialized review repository in \(root) [\(commit.short)]")
      case .adopted(let root, let commit):
        say("Added review files to the git repository in \(root) [\(commit.short)]")
      case .alreadyInitialized(let root):
        say("\(root) is already a review repository; nothing changed")
      }
    }
  }
}
