import Foundation

/// A program run in a real terminal: a tmux session of its own (a private server socket), fed
/// keys with send-keys and read with capture-pane, as a person at the terminal would use it.
public struct TerminalSession {
  private let socket: String
  private let environment: [String: String]

  /// Starts `command` (a shell command line) in `directory` with exactly `environment`, in a
  /// terminal of `columns` × `rows`; when it ends, `exit=STATUS` is printed and the terminal
  /// stays open to be read.
  public init(
    _ command: String, in directory: String, environment: [String: String], folder: String,
    columns: Int = 100, rows: Int = 30
  ) throws {
    socket = folder + "/tmux.sock"
    var environment = environment
    environment["TERM"] = "xterm-256color"
    self.environment = environment
    let script = folder + "/terminal-command.sh"
    let exports = environment.sorted { $0.key < $1.key }.map { "export \($0.key)='\($0.value)'" }
    let body =
      ["#!/bin/sh"] + exports + [
        "cd '\(directory)' || exit 1", command, "echo \"exit=$?\"", "sleep 600",
      ]
    try (body.joined(separator: "\n") + "\n").write(
      toFile: script, atomically: true, encoding: .utf8)
    try tmux(["new-session", "-d", "-x", "\(columns)", "-y", "\(rows)", "/bin/sh " + script])
  }

  /// What the terminal shows now, its trailing blank lines dropped.
  public func screen() throws -> String {
    let text = try tmux(["capture-pane", "-p"]).stdout
    return text.replacingOccurrences(of: "\\n+$", with: "", options: .regularExpression)
  }

  /// Types keys: each argument is literal text or a tmux key name (`Enter`, `Escape`, `C-c`).
  public func send(_ keys: String...) throws {
    try tmux(["send-keys"] + keys)
  }

  /// Waits until the screen holds `text`, and returns the screen; throws after `seconds`.
  @discardableResult
  public func waitFor(_ text: String, seconds: Double = 20) throws -> String {
    let deadline = Date().addingTimeInterval(seconds)
    while true {
      let shown = try screen()
      if shown.contains(text) { return shown }
      guard Date() < deadline else { throw TerminalTimeout(expected: text, screen: shown) }
      usleep(100_000)
    }
  }

  /// Ends the session and its server.
  public func close() {
    _ = try? tmux(["kill-server"])
  }

  /// Runs tmux and returns what it printed. Not through Foundation's `Process`: its wait
  /// never ends for a tmux client whose server lives on, so the child is spawned and reaped
  /// here, its output written to a file.
  @discardableResult
  private func tmux(_ arguments: [String]) throws -> ProcessResult {
    let output = socket + ".out"
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    posix_spawn_file_actions_adddup2(&actions, 1, 2)
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attributes, &empty)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK))
    let argv = ["/usr/bin/tmux", "-S", socket] + arguments
    var cArguments = argv.map { strdup($0) }
    cArguments.append(nil)
    defer { cArguments.forEach { free($0) } }
    var cEnvironment = environment.map { strdup("\($0.key)=\($0.value)") }
    cEnvironment.append(nil)
    defer { cEnvironment.forEach { free($0) } }
    var pid: pid_t = 0
    let code = posix_spawn(&pid, argv[0], &actions, &attributes, cArguments, cEnvironment)
    guard code == 0 else {
      throw CommandFailed(
        result: ProcessResult(status: code, stdout: "", stderr: "cannot start tmux"))
    }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    let printed = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
    let result = ProcessResult(status: (status >> 8) & 0xff, stdout: printed, stderr: "")
    guard result.status == 0 else { throw CommandFailed(result: result) }
    return result
  }
}

/// The terminal did not show what a test waited for.
public struct TerminalTimeout: Error, CustomStringConvertible {
  /// The text waited for.
  public let expected: String
  /// What the terminal showed at the end.
  public let screen: String
  /// The text and the screen.
  public var description: String {
    "the terminal never showed '\(expected)'; it showed:\n\(screen)"
  }
}
