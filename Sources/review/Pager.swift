import Foundation
import GitKit
import ReviewCore
import ReviewStore

/// A command whose output for people goes through the pager at a terminal, as git's log,
/// diff, show and blame do.
protocol Paged {
  /// Whether this run writes long text for people (JSON is never paged).
  var isPaged: Bool { get }
}

/// The pager, as git runs it: GIT_PAGER, else git config core.pager, else PAGER, else `less`, with LESS=FRX
/// and LV=-c unless set; only when standard output is a terminal, and never with
/// `--no-pager`. An empty pager or `cat` means none.
enum Pager {
  /// The running pager, if one was started.
  private static let running = Locked<pid_t?>(nil)

  /// Whether output goes to a pager that review started (colour stays on).
  static var isActive: Bool { running.withLock { $0 != nil } }

  /// Starts the pager and sends standard output (and standard error, when it is the same
  /// terminal) to it. A pager that cannot be started leaves output where it was.
  static func start() {
    guard isatty(STDOUT_FILENO) == 1 else { return }
    let configured =
      (try? openRepository())?.git.configString("core.pager")
      ?? Repository.defaultConfigString("core.pager")
    let command =
      [environment["GIT_PAGER"], configured, environment["PAGER"]].compactMap { $0 }.first
      ?? "less"
    let trimmed = command.trimmingCharacters(in: .whitespaces)
    guard !trimmed.isEmpty, trimmed != "cat" else { return }
    if environment["LESS"] == nil { setenv("LESS", "FRX", 1) }
    if environment["LV"] == nil { setenv("LV", "-c", 1) }
    var ends: [Int32] = [0, 0]
    guard pipe(&ends) == 0 else { return }
    guard
      let child = try? ChildProcess.start(
        shellCommand: trimmed, arguments: [], input: ends[0], closing: [ends[1]])
    else {
      close(ends[0])
      close(ends[1])
      return
    }
    close(ends[0])
    fflush(nil)
    dup2(ends[1], STDOUT_FILENO)
    if isatty(STDERR_FILENO) == 1 { dup2(ends[1], STDERR_FILENO) }
    close(ends[1])
    running.withLock { $0 = child.pid }
  }

  /// Ends the output and waits for the person to quit the pager; call before exiting.
  static func finish() {
    guard
      let pid = running.withLock({ pid in
        defer { pid = nil }; return pid
      })
    else { return }
    fflush(nil)
    close(STDOUT_FILENO)
    close(STDERR_FILENO)
    _ = ChildProcess(pid: pid).wait()
  }
}
