import Foundation
import TestSupport

/// The size the harnesses run at: small in the test suite, full under `scripts/stress`
/// (`REVIEW_STRESS=full`), which also names a file for their counts (`REVIEW_STRESS_REPORT`).
enum Stress {
  static let isFull = ProcessInfo.processInfo.environment["REVIEW_STRESS"] == "full"

  /// `small` in the test suite, `full` under `scripts/stress`.
  static func count(_ small: Int, full: Int) -> Int { isFull ? full : small }

  /// Prints a harness's counts as one line, and appends it to the report file when there is one.
  static func report(_ harness: String, _ counts: [(String, Int)]) {
    let line =
      "\(harness): " + counts.map { "\($0.0) \($0.1)" }.joined(separator: ", ") + "\n"
    FileHandle.standardError.write(Data(("stress " + line).utf8))
    guard let path = ProcessInfo.processInfo.environment["REVIEW_STRESS_REPORT"],
      let file = FileHandle(forWritingAtPath: path)
    else { return }
    file.seekToEndOfFile()
    file.write(Data(line.utf8))
    try? file.close()
  }
}

/// How a program run by a harness ended.
struct Probe {
  /// The exit status, or the signal that ended it.
  var status: Int32
  /// Whether a signal ended it (a crash, or the harness's kill after the time limit).
  var signalled: Bool
  /// Whether it ran past the time limit and was killed.
  var timedOut: Bool
  var stdout: String
  var stderr: String

  /// Ended as a command should: exit 0, 1 or 64, and something on stderr when not 0.
  var endedWell: Bool {
    !signalled && [0, 1, 64].contains(status) && (status == 0 || !stderr.isEmpty)
  }

  /// Runs `review` with a time limit, killing it when the limit passes.
  static func review(
    _ arguments: [String], in directory: String, environment: [String: String],
    limit: Double = 10
  ) throws -> Probe {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: reviewBinary)
    process.arguments = arguments
    process.currentDirectoryURL = URL(fileURLWithPath: directory)
    process.environment = environment
    let out = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
    let err = FileManager.default.temporaryDirectory.appendingPathComponent(UUID().uuidString)
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    defer {
      try? FileManager.default.removeItem(at: out)
      try? FileManager.default.removeItem(at: err)
    }
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    process.standardInput = FileHandle.nullDevice
    try process.run()
    let deadline = Date().addingTimeInterval(limit)
    var timedOut = false
    while process.isRunning {
      if Date() > deadline {
        timedOut = true
        kill(process.processIdentifier, SIGKILL)
        break
      }
      usleep(2_000)
    }
    process.waitUntilExit()
    return Probe(
      status: process.terminationStatus,
      signalled: process.terminationReason == .uncaughtSignal, timedOut: timedOut,
      stdout: (try? String(contentsOf: out, encoding: .utf8)) ?? "",
      stderr: (try? String(contentsOf: err, encoding: .utf8)) ?? "")
  }
}
