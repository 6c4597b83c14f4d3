import CLibgit2
import Foundation

/// An entry that differs between two versions of a folder.
public struct EntryChange: Sendable, Equatable {
  /// The entry's name within its tree.
  public var name: String
  /// The entry in the old tree; nil when it was added.
  public var old: ObjectID?
  /// The entry in the new tree; nil when it was removed.
  public var new: ObjectID?
  /// Whether either side is a folder.
  public var isDirectory: Bool
  /// Whether the old side is a regular file (not a link, a submodule or a folder).
  public var oldIsFile = false
  /// Whether the new side is a regular file.
  public var newIsFile = false
}

extension Repository {
  /// The entries whose object differs between two trees (either may be absent), found by one
  /// pass over both sorted entry lists.
  ///
  /// History commands call this twice per commit, so it reads the trees' stored bytes and
  /// compares them in place rather than building libgit2's parsed trees: equal entries are
  /// compared by their id bytes and never copied.
  public func changedEntries(from old: ObjectID?, to new: ObjectID?) throws -> [EntryChange] {
    if old == new { return [] }
    var database: OpaquePointer?
    try check("open object database") { git_repository_odb(&database, handle) }
    defer { git_odb_free(database) }
    let a = try rawTree(old, in: database)
    defer { git_odb_object_free(a) }
    let b = try rawTree(new, in: database)
    defer { git_odb_object_free(b) }
    do {
      return try RawTree.changes(from: RawTree(a), to: RawTree(b))
    } catch .old {
      throw GitError.corruptObject(id: old?.short ?? "")
    } catch .new {
      throw GitError.corruptObject(id: new?.short ?? "")
    } catch .unordered(let inOld, let name) {
      throw GitError.duplicateEntry(folder: (inOld ? old : new)?.short ?? "", name: name)
    }
  }

  /// The stored object of a tree (nil for no tree), checked to be a tree.
  private func rawTree(_ id: ObjectID?, in database: OpaquePointer?) throws -> OpaquePointer? {
    guard let id else { return nil }
    var object: OpaquePointer?
    var oid = id.raw
    try check("read tree \(id.short)") { git_odb_read(&object, database, &oid) }
    guard git_odb_object_type(object) == GIT_OBJECT_TREE else {
      git_odb_object_free(object)
      throw GitError.corruptObject(id: id.short)
    }
    return object
  }
}

/// The bytes of a stored tree: entries of `<octal mode> <name>\0<id>` (`ObjectID.byteCount` bytes), sorted by name
/// with folders compared as if their name ended in `/`.
struct RawTree {
  let bytes: UnsafeRawBufferPointer

  /// One entry, as offsets into the tree's bytes.
  struct Entry {
    var name: Range<Int>
    var isDirectory: Bool
    /// Mode 100644 or 100755: a regular file.
    var isFile: Bool
    /// Where the id bytes start.
    var id: Int
    /// Where the next entry starts.
    var end: Int
  }

  init(_ object: OpaquePointer?) {
    if let object, let data = git_odb_object_data(object) {
      bytes = UnsafeRawBufferPointer(start: data, count: git_odb_object_size(object))
    } else {
      bytes = UnsafeRawBufferPointer(start: nil, count: 0)
    }
  }

  init(bytes: UnsafeRawBufferPointer) {
    self.bytes = bytes
  }

  /// The entry starting at `offset`; nil at the end or when the bytes are not a tree entry.
  func entry(at offset: Int) -> Entry? {
    guard let end = end(at: offset) else { return nil }
    let nul = end - 1 - ObjectID.byteCount
    var space = offset
    while space < nul, bytes[space] != 0x20 { space += 1 }
    guard space > offset, nul > space + 1 else { return nil }
    // Folders have mode 40000 (git writes no leading zero).
    let isDirectory = space - offset == 5 && bytes[offset] == 0x34 && bytes[offset + 1] == 0x30
    let isFile =
      space - offset == 6 && bytes[offset] == 0x31 && bytes[offset + 1] == 0x30
      && bytes[offset + 2] == 0x30
    return Entry(
      name: (space + 1)..<nul, isDirectory: isDirectory, isFile: isFile, id: nul + 1, end: end)
  }

  /// Where the entry starting at `offset` ends: mode and name hold no NUL, so it is an id's
  /// bytes after the first one.
  func end(at offset: Int) -> Int? {
    guard offset < bytes.count,
      let nul = memchr(bytes.baseAddress! + offset, 0, bytes.count - offset)
    else { return nil }
    let end = nul - UnsafeMutableRawPointer(mutating: bytes.baseAddress!) + 1 + ObjectID.byteCount
    return end <= bytes.count ? end : nil
  }

  func name(_ entry: Entry) -> String {
    String(decoding: UnsafeRawBufferPointer(rebasing: bytes[entry.name]), as: UTF8.self)
  }

  func id(_ entry: Entry) -> ObjectID {
    ObjectID(
      bytes: UnsafeRawBufferPointer(rebasing: bytes[entry.id..<(entry.id + ObjectID.byteCount)]))
  }

  /// git's order of two entries: by name bytes, a folder's name as if followed by `/`.
  static func order(_ x: Entry, in a: RawTree, _ y: Entry, in b: RawTree) -> Int {
    let common = min(x.name.count, y.name.count)
    let bytes = memcmp(
      a.bytes.baseAddress! + x.name.lowerBound, b.bytes.baseAddress! + y.name.lowerBound, common)
    if bytes != 0 { return Int(bytes) }
    func next(_ entry: Entry, in tree: RawTree) -> Int {
      if entry.name.count > common { return Int(tree.bytes[entry.name.lowerBound + common]) }
      return entry.isDirectory ? 0x2F : 0
    }
    return next(x, in: a) - next(y, in: b)
  }

  /// Which of two trees could not be read as one.
  enum Malformed: Error, Equatable {
    case old
    case new
    /// An entry named twice or out of git's order, in the old tree or the new one.
    case unordered(inOld: Bool, name: String)
  }

  /// The entries that differ between two trees, in git's order.
  static func changes(from a: RawTree, to b: RawTree) throws(Malformed) -> [EntryChange] {
    var result: [EntryChange] = []
    var offsetA = 0
    var offsetB = 0
    // Where the entries last passed start: each entry must come after the one before it, or a
    // duplicate would read as an added file.
    var lastA: Int?
    var lastB: Int?
    while true {
      // Most entries are the same in both: whole entries with equal bytes are passed over
      // without looking inside them.
      while let end = a.end(at: offsetA), offsetB + (end - offsetA) <= b.bytes.count,
        memcmp(a.bytes.baseAddress! + offsetA, b.bytes.baseAddress! + offsetB, end - offsetA) == 0
      {
        lastA = offsetA
        lastB = offsetB
        offsetB += end - offsetA
        offsetA = end
      }
      let x = offsetA < a.bytes.count ? a.entry(at: offsetA) : nil
      let y = offsetB < b.bytes.count ? b.entry(at: offsetB) : nil
      if offsetA < a.bytes.count, x == nil { throw .old }
      if offsetB < b.bytes.count, y == nil { throw .new }
      if let x, let last = lastA.flatMap(a.entry(at:)), order(last, in: a, x, in: a) >= 0 {
        throw .unordered(inOld: true, name: a.name(x))
      }
      if let y, let last = lastB.flatMap(b.entry(at:)), order(last, in: b, y, in: b) >= 0 {
        throw .unordered(inOld: false, name: b.name(y))
      }
      let sign: Int
      switch (x, y) {
      case (nil, nil): return result
      case (let x?, let y?): sign = order(x, in: a, y, in: b)
      case (nil, _): sign = 1
      case (_, nil): sign = -1
      }
      if sign < 0, let x {
        result.append(
          EntryChange(
            name: a.name(x), old: a.id(x), new: nil, isDirectory: x.isDirectory,
            oldIsFile: x.isFile))
        lastA = offsetA
        offsetA = x.end
      } else if sign > 0, let y {
        result.append(
          EntryChange(
            name: b.name(y), old: nil, new: b.id(y), isDirectory: y.isDirectory,
            newIsFile: y.isFile))
        lastB = offsetB
        offsetB = y.end
      } else if let x, let y {
        if memcmp(a.bytes.baseAddress! + x.id, b.bytes.baseAddress! + y.id, ObjectID.byteCount) != 0
        {
          result.append(
            EntryChange(
              name: a.name(x), old: a.id(x), new: b.id(y),
              isDirectory: x.isDirectory || y.isDirectory, oldIsFile: x.isFile,
              newIsFile: y.isFile))
        }
        lastA = offsetA
        lastB = offsetB
        offsetA = x.end
        offsetB = y.end
      }
    }
  }
}
