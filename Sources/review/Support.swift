import ArgumentParser
import Foundation
import GitKit
import ReviewCodec
import ReviewCore
import ReviewRendering
import ReviewStore

/// Output formats of read commands.
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
  case text, json
}

/// The options every read command takes: which revision, and which format.
struct ReadOptions: ParsableArguments {
  @Option(help: "The revision to read (default: HEAD).")
  var at: String = "HEAD"

  @Option(help: "Output format: text or json.")
  var format: OutputFormat = .text
}

/// The options every write of an evaluation takes: whose, and the commit message.
struct WriteOptions: ParsableArguments {
  @Option(
    help: "Your reviewer id (default: REVIEW_REVIEWER, git config review.reviewer, user.email).")
  var reviewer: String?

  @Option(name: .shortAndLong, help: "The commit message.")
  var message: String?

  @Option(
    name: .customLong("on-behalf-of"),
    help: ArgumentHelp(
      "As a chair, record this reviewer's evaluation for them (an On-behalf-of: trailer).",
      valueName: "REVIEWER"))
  var onBehalfOf: String?

  @OptionGroup var signing: SignOptions

  func validate() throws {
    if let onBehalfOf, let reviewer, reviewer != onBehalfOf {
      throw ValidationError(
        "--reviewer \(reviewer) and --on-behalf-of \(onBehalfOf) name two reviewers")
    }
  }
}

/// Whether a write signs its commit or tag: `--sign`, `--no-sign`, else git's configuration.
struct SignOptions: ParsableArguments {
  @Flag(
    inversion: .prefixedNo,
    help:
      "Sign with your SSH key (gpg.format ssh, user.signingkey); default: commit.gpgsign or tag.gpgsign."
  )
  var sign: Bool?
}

/// Runs a command body, printing the errors of the layers on stderr and exiting 1; usage
/// errors and exits of the argument parser go through as they are.
func runReporting(_ body: () throws -> Void) throws {
  do {
    try body()
  } catch StoreError.subjectSealed(let status) {
    // A sealed subject is no failure: who has submitted is all there is to show.
    say(SealRendering.text(status))
  } catch  where isReported(error) {
    printReported(error)
    throw ExitCode.failure
  }
}

/// Whether an error is one of the layers' own, which `printReported` words.
func isReported(_ error: any Error) -> Bool {
  error is ReviewError || error is StoreError || error is GitError || error is CommandError
}

/// Prints an error: each file problem on its own line, anything else as `error: ...`.
func printReported(_ error: any Error) {
  ErrorText.lines(error).forEach(printError)
}

/// Prints a line on standard error, the data's control characters made visible.
func printError(_ line: String) {
  FileHandle.standardError.write(Data((TerminalText.safe(line, colour: false) + "\n").utf8))
}

/// Prints text for people on standard output, the data's control characters made visible (the
/// tool's own colours kept when colour is on).
func say(_ text: String) {
  print(TerminalText.safe(text, colour: useColour))
}

/// Opens the review repository around the current directory.
func openRepository() throws -> ReviewRepository {
  try ReviewRepository.open(at: FileManager.default.currentDirectoryPath)
}

/// The process environment.
var environment: [String: String] { ProcessInfo.processInfo.environment }

/// A value as pretty, key-sorted JSON, ending with a newline.
func jsonData<T: Encodable>(_ value: T) throws -> Data {
  let encoder = JSONEncoder()
  encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
  var data = try encoder.encode(value)
  data.append(Data("\n".utf8))
  return data
}

/// Writes a value as JSON on stdout.
func printJSON<T: Encodable>(_ value: T) throws {
  FileHandle.standardOutput.write(try jsonData(value))
}

/// Whether to colour standard output: a terminal (or the pager review started for one), and
/// NO_COLOR unset.
var useColour: Bool {
  (isatty(STDOUT_FILENO) == 1 || Pager.isActive) && environment["NO_COLOR"] == nil
}

/// Ids are read from the command line as they are; the store checks them against the id rule,
/// naming the kind, when it uses them.
extension ID: ExpressibleByArgument {
  public init?(argument: String) { self.init(argument) }
}
