import Dispatch
import Foundation
import Synchronization

/// `transform` applied to every element on all cores, the results in the elements' order.
///
/// Each worker takes every n-th element and keeps its results to itself; they are put in place
/// under one lock when the worker is done, so nothing is shared while the work runs.
public func parallelMap<Element: Sendable, Result: Sendable>(
  _ items: [Element], _ transform: @Sendable (Element) -> Result
) -> [Result] {
  guard items.count > 1 else { return items.map(transform) }
  let chunks = max(1, min(items.count, ProcessInfo.processInfo.activeProcessorCount * 4))
  let results = Mutex([Result?](repeating: nil, count: items.count))
  DispatchQueue.concurrentPerform(iterations: chunks) { chunk in
    var done: [(Int, Result)] = []
    done.reserveCapacity(items.count / chunks + 1)
    var index = chunk
    while index < items.count {
      done.append((index, transform(items[index])))
      index += chunks
    }
    results.withLock { results in
      for (index, result) in done { results[index] = result }
    }
  }
  return results.withLock { $0.map { $0! } }
}
