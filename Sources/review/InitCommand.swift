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
      A repository that already has review.yaml or reviews/ is left unchanged, but for the \
      merge driver, which a fresh clone does not have: init sets it (merge.review.driver in \
      .git/config) so that plain git merge and git pull merge review files by meaning.

      With --bare, makes PATH a bare hub on branch main for the panel to push to and clone \
      from (a hub made with 'git init --bare' has HEAD on master, and clones of it check out \
      nothing); an existing bare repository with no commits is pointed at main.
      """)

  @Argument(help: "The folder to initialise.")
  var path: String = "."

  @Flag(help: "Make a bare hub on main to push to and clone from.")
  var bare = false

  @OptionGroup var signing: SignOptions

  func run() throws {
    try runReporting {
      let outcome =
        bare
        ? try ReviewRepository.initializeHub(at: path)
        : try ReviewRepository.initialize(at: path, environment: environment, sign: signing.sign)
      switch outcome {
      case .created(let root, let commit):
        say("Initialized review repository in \(root) [\(commit.short)]")
      case .adopted(let root, let commit):
        say("Added review files to the git repository in \(root) [\(commit.short)]")
      case .alreadyInitialized(let root, configuredDriver: true):
        say(
          "\(root) is already a review repository; set its merge driver (merge.review.driver), which a clone does not copy"
        )
      case .alreadyInitialized(let root, configuredDriver: false):
        say("\(root) is already a review repository; nothing changed")
      case .hub(let path, let created):
        say(
          created
            ? "Initialized empty review hub in \(path) (bare, HEAD on main): push to it ('git push -u \(path) main' or 'review sync'), clone it with git clone"
            : "Pointed the bare repository \(path) at main: clones of it check out main"
        )
      }
    }
  }
}
