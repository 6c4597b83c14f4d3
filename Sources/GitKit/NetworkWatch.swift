import CLibgit2
import Foundation
import Synchronization

/// Bounds on one fetch or push: how long the remote may go without sending anything, and how
/// much it may make this process hold (the data it sends, or the memory its reference list
/// takes). libgit2 1.5 has neither, so a silent server would make a fetch wait forever.
public struct NetworkLimits: Sendable, Equatable {
  /// Seconds without data from the remote before the operation is stopped.
  public var timeout: Double
  /// Bytes received, or memory grown, before the operation is stopped.
  public var maximumBytes: Int

  /// Creates limits with each field given.
  public init(timeout: Double, maximumBytes: Int) {
    self.timeout = timeout
    self.maximumBytes = maximumBytes
  }

  /// What a slow forge needs: two minutes of silence, 2 GiB.
  public static let standard = NetworkLimits(timeout: 120, maximumBytes: 2 << 30)
}

/// Watches one network operation running on the thread that created it, and stops it when a
/// limit is passed: the process's sockets are shut down (a blocked read returns at once) and the
/// thread is sent SIGALRM (a blocked connect returns). Both make libgit2 return an error, which
/// `guarded` replaces with the limit that was passed.
final class NetworkWatch: Sendable {
  /// Why an operation was stopped.
  enum Stop: Equatable {
    case silent(seconds: Double)
    case tooMuch(bytes: Int)
  }

  private struct State {
    var lastActivity: UInt64
    var received = 0
    var stop: Stop?
    var finished = false
  }

  private let limits: NetworkLimits
  private let thread: pthread_t
  private let baseline: Int?
  private let state: Mutex<State>

  private init(limits: NetworkLimits) {
    self.limits = limits
    thread = pthread_self()
    baseline = Self.residentBytes()
    state = Mutex(State(lastActivity: DispatchTime.now().uptimeNanoseconds))
  }

  /// Why the operation was stopped; nil while it runs within its limits.
  var stop: Stop? { state.withLock { $0.stop } }

  /// Notes that the remote sent something, `received` bytes in all when known. Returns false
  /// once the operation is to stop, which libgit2's callbacks pass on as a cancellation.
  func activity(received: Int? = nil) -> Bool {
    state.withLock { state in
      state.lastActivity = DispatchTime.now().uptimeNanoseconds
      if let received {
        state.received = received
        if received > limits.maximumBytes, state.stop == nil {
          state.stop = .tooMuch(bytes: limits.maximumBytes)
        }
      }
      return state.stop == nil
    }
  }

  /// Runs `body` on this thread under `limits`, with a watchdog thread beside it.
  static func guarded<T>(
    _ operation: String, limits: NetworkLimits, _ body: (NetworkWatch) throws -> T
  ) throws -> T {
    installInterruptHandler
    var alarm = sigset_t()
    var previous = sigset_t()
    sigemptyset(&alarm)
    sigaddset(&alarm, SIGALRM)
    // A process may start with SIGALRM blocked (test runners do), and then it would never
    // interrupt anything.
    pthread_sigmask(SIG_UNBLOCK, &alarm, &previous)
    defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
    // A write to a socket the watchdog shut down must fail with EPIPE, not end the process.
    let pipe = signal(SIGPIPE, SIG_IGN)
    defer { signal(SIGPIPE, pipe) }
    let watch = NetworkWatch(limits: limits)
    let watchdog = Thread { watch.watch() }
    watchdog.start()
    defer { watch.state.withLock { $0.finished = true } }
    do {
      let result = try body(watch)
      if let stop = watch.stop { throw GitError.networkLimit(operation: operation, stop.reason) }
      return result
    } catch {
      if let stop = watch.stop { throw GitError.networkLimit(operation: operation, stop.reason) }
      throw error
    }
  }

  /// The watchdog: checks the limits ten times a second until the operation ends.
  private func watch() {
    var interrupted = false
    while true {
      usleep(100_000)
      let stopping: Bool = state.withLock { state in
        if state.finished { return false }
        let idle = Double(DispatchTime.now().uptimeNanoseconds - state.lastActivity) / 1e9
        if state.stop == nil, idle > limits.timeout {
          state.stop = .silent(seconds: limits.timeout)
        }
        if state.stop == nil, let baseline, let now = Self.residentBytes(),
          now - baseline > limits.maximumBytes
        {
          state.stop = .tooMuch(bytes: limits.maximumBytes)
        }
        return state.stop != nil
      }
      if state.withLock({ $0.finished }) { return }
      guard stopping else { continue }
      if !interrupted {
        Self.shutDownSockets()
        interrupted = true
      }
      pthread_kill(thread, SIGALRM)
    }
  }

  /// A handler that does nothing, installed without SA_RESTART so that SIGALRM makes a blocked
  /// system call return EINTR instead of resuming it.
  private static let installInterruptHandler: Void = {
    var action = sigaction()
    #if os(Linux)
      action.__sigaction_handler.sa_handler = { _ in }
    #else
      action.__sigaction_u.__sa_handler = { _ in }
    #endif
    sigemptyset(&action.sa_mask)
    action.sa_flags = 0
    sigaction(SIGALRM, &action, nil)
  }()

  /// Shuts down every socket of the process: during a fetch or push the only ones are the
  /// remote's connection.
  private static func shutDownSockets() {
    for descriptor in 3..<min(getdtablesize(), 65_536) {
      var info = stat()
      if fstat(descriptor, &info) == 0, info.st_mode & S_IFMT == S_IFSOCK {
        shutdown(descriptor, Int32(SHUT_RDWR))
      }
    }
  }

  /// The process's resident memory in bytes, where the system tells it.
  private static func residentBytes() -> Int? {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else {
      return nil
    }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return nil }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
  }
}

extension NetworkWatch.Stop {
  /// The limit passed, in words.
  var reason: String {
    switch self {
    case .silent(let seconds):
      return "the remote sent nothing for \(NetworkWatch.seconds(seconds)) s"
    case .tooMuch(let bytes):
      return "the remote sent more than \(bytes) bytes"
    }
  }
}

extension NetworkWatch {
  /// Seconds as a person writes them: `2`, `0.5`.
  fileprivate static func seconds(_ value: Double) -> String {
    value == value.rounded() ? String(Int(value)) : String(value)
  }
}
