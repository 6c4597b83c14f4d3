import Synchronization

/// A value shared between threads, behind one lock: the one audited place where this project's
/// threads share mutable state. Everything that touches the value does so inside `withLock`.
public final class Locked<Value: Sendable>: Sendable {
  private let mutex: Mutex<Value>

  /// A box holding `value`.
  public init(_ value: Value) {
    mutex = Mutex(value)
  }

  /// Runs `body` with the value, holding the lock; keep it short, and never call back into
  /// anything that could take the same lock.
  public func withLock<Result: Sendable>(_ body: (inout Value) throws -> Result) rethrows
    -> Result
  {
    try mutex.withLock { value in try body(&value) }
  }
}
