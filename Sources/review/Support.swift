import ArgumentParser
import Foundation
import GitKit
import ReviewKit

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
}

/// Runs a command body, printing domain errors as `error: ...` on stderr and exiting 1.
func runReporting(_ body: () throws -> Void) throws {
  do {
    try body()
  } catch let error as ReviewError {
    printReviewError(error)
    throw ExitCode.failure
  } catch let error as GitError {
    printError("error: \(error)")
    throw ExitCode.failure
  }
}

/// Prints a domain error: each file problem on its own line, anything else as `error: ...`.
func printReviewError(_ error: ReviewError) {
  if case .invalidFiles(let diagnostics) = error {
    diagnostics.forEach { printError($0.description) }
  } else {
    printError("error: \(error)")
  }
}

func printError(_ line: String) {
  FileHandle.standardError.write(Data((line + "\n").utf8))
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

/// Whether to colour standard output: a terminal, and NO_COLOR unset.
let useColour: Bool = isatty(STDOUT_FILENO) == 1 && environment["NO_COLOR"] == nil

/// A level coloured by its position on the scale (lowest red, highest green) when colour is on.
func colouredLevel(_ level: String, in framework: Framework) -> String {
  guard useColour, let index = framework.scale.levels.firstIndex(where: { $0.id == level }) else {
    return level
  }
  let count = framework.scale.levels.count
  let code = index == 0 ? 31 : (index == count - 1 ? 32 : 33)
  return "\u{1B}[\(code)m\(level)\u{1B}[0m"
}

/// Lays out rows as columns separated by two spaces, without trailing spaces.
func table(_ rows: [[String]]) -> String {
  func width(_ text: String) -> Int {
    // Escape sequences take no room on screen.
    var visible = 0
    var inEscape = false
    for scalar in text.unicodeScalars {
      if scalar == "\u{1B}" {
        inEscape = true
      } else if inEscape {
        if scalar == "m" { inEscape = false }
      } else {
        visible += 1
      }
    }
    return visible
  }
  let columns = rows.map(\.count).max() ?? 0
  var widths = Array(repeating: 0, count: columns)
  for row in rows {
    for (index, cell) in row.enumerated() { widths[index] = max(widths[index], width(cell)) }
  }
  return rows.map { row in
    var line = ""
    for (index, cell) in row.enumerated() {
      line += cell
      if index < row.count - 1 {
        line += String(repeating: " ", count: widths[index] - width(cell) + 2)
      }
    }
    while line.hasSuffix(" ") { line.removeLast() }
    return line
  }.joined(separator: "\n")
}
