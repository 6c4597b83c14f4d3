import Foundation
import GitKit

/// Finds the commit that made each of some values what they are at a commit, following both
/// parents of a merge as `git blame` does: where a parent has the same value, the credit passes
/// to that parent (the first such), so a merge that only brought a value in is never credited
/// with it; where no parent has it, the commit made it (a plain change, or a merge's own
/// resolution).
struct Attribution<Item: Hashable, Value: Equatable> {
  let repository: Repository
  /// An item's value at a commit; nil where it has none.
  let value: (_ commit: ObjectID, _ item: Item) throws -> Value?

  /// The commit credited with each item's value at `head` (items with no value there are left
  /// out).
  func credit(_ items: Set<Item>, from head: ObjectID) throws -> [Item: ObjectID] {
    var credited: [Item: ObjectID] = [:]
    var pending: [ObjectID: Set<Item>] = [:]
    // Commits waiting, oldest committer time first, so the newest is taken from the end: a
    // commit reached by two paths is taken once, with both paths' items.
    var queue: [(time: Int64, id: ObjectID)] = []
    func schedule(_ id: ObjectID, _ items: Set<Item>) throws {
      if pending[id] == nil {
        let time = try repository.links(of: id).time
        let index = queue.firstIndex { ($0.time, $0.id.hex) > (time, id.hex) } ?? queue.count
        queue.insert((time, id), at: index)
      }
      pending[id, default: []].formUnion(items)
    }
    let present = try items.filter { try value(head, $0) != nil }
    if present.isEmpty { return [:] }
    try schedule(head, present)
    while let (_, commit) = queue.popLast() {
      var open = pending.removeValue(forKey: commit) ?? []
      let values = try Dictionary(uniqueKeysWithValues: open.map { ($0, try value(commit, $0)) })
      for parent in try repository.links(of: commit).parents where !open.isEmpty {
        let passing = try open.filter { item in try value(parent, item) == values[item]! }
        if passing.isEmpty { continue }
        try schedule(parent, passing)
        open.subtract(passing)
      }
      for item in open { credited[item] = commit }
    }
    return credited
  }
}
