import Foundation
import ReviewCore

/// What a finished process printed and how it exited.
public struct ProcessResult: Sendable {
  public var status: Int32
  public var stdout: String
  public var stderr: String
}

/// A temporary folder removed when the value is released by `withTemporaryFolder`.
public func withTemporaryFolder<T>(_ body: (String) throws -> T) throws -> T {
  let path = FileManager.default.temporaryDirectory
    .appendingPathComponent("review-tests-\(UUID().uuidString)").path
  try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
  defer { try? FileManager.default.removeItem(atPath: path) }
  return try body(path)
}

/// The package's root folder, found from this file's path.
public let packageRoot: String = {
  var url = URL(fileURLWithPath: #filePath)
  for _ in 0..<3 { url.deleteLastPathComponent() }
  return url.path
}()

/// The Python of the virtual environment `scripts/install-deps` makes, with the PyPI packages
/// the tests check review against.
public let testPython = packageRoot + "/.venv/bin/python3"

/// A file of the project read as text.
public func projectFile(_ relativePath: String) throws -> String {
  try String(contentsOfFile: packageRoot + "/" + relativePath, encoding: .utf8)
}

/// An environment isolated from the machine's git configuration: HOME is `home` (holding a
/// `.gitconfig` with `identity` when given), the system config is off, and author and committer
/// dates are fixed so object ids are stable.
public func isolatedEnvironment(
  home: String, identity: (name: String, email: String)? = ("Test Runner", "runner@example.org"),
  date: String = "2024-10-28T12:00:00+00:00"
) throws -> [String: String] {
  try FileManager.default.createDirectory(atPath: home, withIntermediateDirectories: true)
  var config = ""
  if let identity { config = "[user]\n\tname = \(identity.name)\n\temail = \(identity.email)\n" }
  try config.write(toFile: home + "/.gitconfig", atomically: true, encoding: .utf8)
  return [
    "HOME": home, "XDG_CONFIG_HOME": home + "/.config", "GIT_CONFIG_NOSYSTEM": "1",
    "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin",
    "GIT_AUTHOR_DATE": date, "GIT_COMMITTER_DATE": date, "NO_COLOR": "1", "LANG": "C.UTF-8",
  ]
}

/// Runs a program to completion.
@discardableResult
public func run(
  _ executable: String, _ arguments: [String], in directory: String,
  environment: [String: String], input: String? = nil
) throws -> ProcessResult {
  let process = Process()
  process.executableURL = URL(fileURLWithPath: executable)
  process.arguments = arguments
  process.currentDirectoryURL = URL(fileURLWithPath: directory)
  process.environment = environment
  let out = Pipe()
  let err = Pipe()
  process.standardOutput = out
  process.standardError = err
  let stdin = Pipe()
  process.standardInput = stdin
  try process.run()
  if let input { stdin.fileHandleForWriting.write(Data(input.utf8)) }
  try stdin.fileHandleForWriting.close()
  // Read both pipes before waiting, so a full pipe cannot block the child.
  let group = DispatchGroup()
  let errData = Locked(Data())
  group.enter()
  DispatchQueue.global().async {
    let data = err.fileHandleForReading.readDataToEndOfFile()
    errData.withLock { $0 = data }
    group.leave()
  }
  let outData = out.fileHandleForReading.readDataToEndOfFile()
  group.wait()
  process.waitUntilExit()
  return ProcessResult(
    status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
    stderr: String(decoding: errData.withLock { $0 }, as: UTF8.self))
}

/// Runs the `git` program, for cross-checking what the code under test wrote.
@discardableResult
public func gitProgram(_ arguments: [String], in directory: String, environment: [String: String])
  throws -> ProcessResult
{
  try run("/usr/bin/git", arguments, in: directory, environment: environment)
}

/// The built `review` binary, beside the test runner in the build folder, or the one
/// `REVIEW_BINARY` names (`scripts/stress` runs the release build).
public let reviewBinary: String = {
  if let binary = ProcessInfo.processInfo.environment["REVIEW_BINARY"] { return binary }
  let runner =
    (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe"))
    ?? CommandLine.arguments[0]
  return URL(fileURLWithPath: runner).deletingLastPathComponent().appendingPathComponent("review")
    .path
}()

/// A `git daemon` serving a folder on 127.0.0.1 (pushes enabled), stopped by `stop()`.
public final class GitDaemon {
  public let port: Int
  private let process: Process

  /// Starts a daemon on a free port and waits until it answers.
  public init(serving folder: String, environment: [String: String]) throws {
    var lastError: Error?
    // The daemon program itself, so that stopping it stops the server (`git daemon` forks it).
    let execPath = try run("/usr/bin/git", ["--exec-path"], in: folder, environment: environment)
      .stdout
      .trimmingCharacters(in: .whitespacesAndNewlines)
    for _ in 0..<20 {
      let port = Int.random(in: 20_000..<60_000)
      let process = Process()
      process.executableURL = URL(fileURLWithPath: execPath + "/git-daemon")
      process.arguments = [
        "--reuseaddr", "--listen=127.0.0.1", "--port=\(port)", "--base-path=\(folder)",
        "--export-all", "--enable=receive-pack", folder,
      ]
      process.environment = environment
      process.standardOutput = FileHandle.nullDevice
      process.standardError = FileHandle.nullDevice
      do {
        try process.run()
      } catch {
        lastError = error
        continue
      }
      for _ in 0..<50 {
        usleep(100_000)
        if !process.isRunning { break }
        let probe = try? run(
          "/usr/bin/git", ["ls-remote", "git://127.0.0.1:\(port)/none"], in: folder,
          environment: environment)
        // An answer of any kind (even "not found") means the daemon listens.
        if let probe,
          !probe.stderr.contains("unable to connect")
            && !probe.stderr.contains("Connection refused")
        {
          self.port = port
          self.process = process
          return
        }
      }
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
    throw lastError
      ?? NSError(
        domain: "GitDaemon", code: 1,
        userInfo: [NSLocalizedDescriptionKey: "git daemon did not start"])
  }

  public func url(_ repository: String) -> String { "git://127.0.0.1:\(port)/\(repository)" }

  /// Stops the daemon with SIGKILL: a child of the test runner inherits its blocked signals,
  /// SIGTERM among them, and would ignore a polite request.
  public func stop() {
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
  }

  deinit { stop() }
}

/// A command that exited non-zero where the test needed it to succeed.
public struct CommandFailed: Error, CustomStringConvertible {
  public let result: ProcessResult
  public init(result: ProcessResult) { self.result = result }
  public var description: String {
    "exit \(result.status)\nstdout: \(result.stdout)\nstderr: \(result.stderr)"
  }
}

extension ProcessResult {
  /// Throws when the command did not exit 0.
  @discardableResult
  public func requireSuccess() throws -> ProcessResult {
    guard status == 0 else { throw CommandFailed(result: self) }
    return self
  }
}

/// Runs a Python script with the tests' Python (`testPython`), giving it `input` as JSON in a
/// file named by its first argument, and returns what it prints, read as JSON. `oracle` names
/// the package in a failure.
public func runPythonOracle(_ oracle: String, script: String, input: Any) throws -> Any {
  try withTemporaryFolder { folder in
    try JSONSerialization.data(withJSONObject: input)
      .write(to: URL(fileURLWithPath: folder + "/input.json"))
    try script.write(toFile: folder + "/oracle.py", atomically: true, encoding: .utf8)
    let result = try run(
      testPython, ["oracle.py", "input.json"], in: folder,
      environment: ProcessInfo.processInfo.environment)
    guard result.status == 0 else { throw TestFailure("\(oracle) failed: \(result.stderr)") }
    return try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
  }
}

/// A test that cannot go on, and why.
public struct TestFailure: Error {
  public var message: String

  public init(_ message: String) {
    self.message = message
  }
}
