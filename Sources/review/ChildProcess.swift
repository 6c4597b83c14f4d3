import Foundation

/// A program `review` starts for the user (the editor, the pager), run through `/bin/sh -c` as
/// git runs them, in review's own process group so that it owns the terminal.
///
/// Foundation's `Process` starts its child in a new session, away from the terminal's
/// foreground process group: vi then cannot read the terminal and exits at once.
struct ChildProcess {
  /// The child's process id.
  let pid: pid_t

  /// Starts `command` (a shell command line, which may carry its own arguments) with
  /// `arguments` as `"$@"`, standard input from `input` when given, and every signal at its
  /// default and unblocked (a parent may have blocked some); `closing` are descriptors the
  /// child must not keep (a pipe's other end).
  static func start(
    shellCommand command: String, arguments: [String], input: Int32? = nil,
    closing: [Int32] = []
  ) throws -> ChildProcess {
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    if let input {
      posix_spawn_file_actions_adddup2(&actions, input, STDIN_FILENO)
      posix_spawn_file_actions_addclose(&actions, input)
    }
    for descriptor in closing { posix_spawn_file_actions_addclose(&actions, descriptor) }
    var attributes = posix_spawnattr_t()
    posix_spawnattr_init(&attributes)
    defer { posix_spawnattr_destroy(&attributes) }
    var empty = sigset_t()
    sigemptyset(&empty)
    posix_spawnattr_setsigmask(&attributes, &empty)
    var defaults = sigset_t()
    sigemptyset(&defaults)
    for signal in [SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGHUP, SIGCHLD] {
      sigaddset(&defaults, signal)
    }
    posix_spawnattr_setsigdefault(&attributes, &defaults)
    posix_spawnattr_setflags(&attributes, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))

    let argv = ["/bin/sh", "-c", "\(command) \"$@\"", command] + arguments
    var cArguments = argv.map { strdup($0) }
    cArguments.append(nil)
    defer { cArguments.forEach { free($0) } }
    var pid: pid_t = 0
    let code = posix_spawn(&pid, "/bin/sh", &actions, &attributes, cArguments, environ)
    guard code == 0 else {
      throw CommandError.cannotStart(command, reason: String(cString: strerror(code)))
    }
    return ChildProcess(pid: pid)
  }

  /// Waits for the child to end and returns its exit status (128 + the signal that ended it).
  func wait() -> Int32 {
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 {
      guard errno == EINTR else { return 127 }
    }
    let signal = status & 0x7f
    return signal == 0 ? (status >> 8) & 0xff : 128 + signal
  }

  /// Runs `command` on the terminal as git runs an editor: review ignores SIGINT and SIGQUIT
  /// while it waits, so that a Ctrl-C meant for the editor does not end review first.
  static func runInTerminal(shellCommand command: String, arguments: [String]) throws -> Int32 {
    let ignored = [SIGINT, SIGQUIT].map { ($0, signal($0, SIG_IGN)) }
    defer { for (number, previous) in ignored { signal(number, previous) } }
    return try start(shellCommand: command, arguments: arguments).wait()
  }
}
