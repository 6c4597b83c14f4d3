import Foundation
import TestSupport
import Testing

@testable import GitKit

@Suite struct TreeDiffTests {
  /// Two commits made by the `git` program whose trees differ in the ways git's name order
  /// makes tricky: names that sort around a folder's implicit `/`, a file that becomes a
  /// folder, additions and removals at both ends.
  @Test func changedEntriesAgreeWithGitDiffTree() throws {
    try withTemporaryFolder { folder in
      let root = folder + "/repo"
      let environment = try isolatedEnvironment(home: folder + "/home")
      let repository = try Repository.create(at: root)
      func git(_ arguments: [String]) throws -> String {
        let result = try gitProgram(arguments, in: root, environment: environment)
        #expect(result.status == 0, "git \(arguments): \(result.stderr)")
        return result.stdout.trimmingCharacters(in: .newlines)
      }
      func write(_ path: String, _ text: String) throws {
        let url = URL(fileURLWithPath: root + "/" + path)
        try FileManager.default.createDirectory(
          at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
      }
      for path in ["0first", "a", "a.b", "a-b", "b/c", "b.c", "x", "keep", "zlast"] {
        try write(path, path)
      }
      _ = try git(["add", "-A"])
      _ = try git(["commit", "-q", "-m", "one"])
      try write("a.b", "changed")
      try write("b/d", "new in a folder")
      try write("b0", "after the folder b")
      _ = try git(["rm", "-q", "a-b", "x", "0first", "zlast"])
      try write("x/y", "a file that became a folder")
      _ = try git(["add", "-A"])
      _ = try git(["commit", "-q", "-m", "two"])
      let old = try #require(ObjectID(hex: try git(["rev-parse", "HEAD~1^{tree}"])))
      let new = try #require(ObjectID(hex: try git(["rev-parse", "HEAD^{tree}"])))

      // `git diff-tree OLD NEW`: ":oldmode newmode oldid newid status\tname", one level deep.
      let expected = try git(["diff-tree", "--no-renames", old.hex, new.hex])
        .split(separator: "\n").map { line -> EntryChange in
          let (fields, name) = (
            line.split(separator: "\t")[0].split(separator: " "), line.split(separator: "\t")[1]
          )
          let zero = String(repeating: "0", count: 40)
          return EntryChange(
            name: String(name), old: fields[2] == zero ? nil : ObjectID(hex: String(fields[2])),
            new: fields[3] == zero ? nil : ObjectID(hex: String(fields[3])),
            isDirectory: fields[0] == ":040000" || fields[1] == "040000",
            // git's modes: 100644 and 100755 are regular files, as the entries must say.
            oldIsFile: fields[0].hasPrefix(":100"), newIsFile: fields[1].hasPrefix("100"))
        }
      #expect(expected.count == 8)
      #expect(try repository.changedEntries(from: old, to: new) == expected)
      // Reversed, the same entries with the sides swapped.
      #expect(
        try repository.changedEntries(from: new, to: old)
          == expected.map {
            EntryChange(
              name: $0.name, old: $0.new, new: $0.old, isDirectory: $0.isDirectory,
              oldIsFile: $0.newIsFile, newIsFile: $0.oldIsFile)
          })
      // From and to no tree: everything added or removed.
      #expect(try repository.changedEntries(from: nil, to: old).count == 9)
      #expect(try repository.changedEntries(from: old, to: old).isEmpty)
      // An id that is not a tree is refused, naming it.
      let blob = try #require(try repository.entry(at: "keep", in: new)).id
      #expect(throws: GitError.corruptObject(id: blob.short)) {
        try repository.changedEntries(from: blob, to: new)
      }
    }
  }

  @Test func malformedTreeBytesAreRefusedNotRead() throws {
    let id = [UInt8](repeating: 0xAB, count: 20)
    let good = Array("100644 name".utf8) + [0] + id
    func changes(_ a: [UInt8], _ b: [UInt8]) -> Result<[EntryChange], RawTree.Malformed> {
      a.withUnsafeBytes { x in
        b.withUnsafeBytes { y in
          Result { () throws(RawTree.Malformed) in
            try RawTree.changes(from: RawTree(bytes: x), to: RawTree(bytes: y))
          }
        }
      }
    }
    #expect(try changes(good, good).get().isEmpty)
    // Cut inside the id, without a name, without a NUL.
    for broken in [
      Array(good.dropLast(3)), Array("100644 ".utf8) + [0] + id, Array("100644 name".utf8),
    ] {
      #expect(throws: RawTree.Malformed.new) { try changes(good, broken).get() }
      #expect(throws: RawTree.Malformed.old) { try changes(broken, good).get() }
    }
    // A name twice, or names out of order, on either side and after an equal run of entries.
    func entry(_ name: String, _ byte: UInt8) -> [UInt8] {
      Array("100644 \(name)".utf8) + [0] + [UInt8](repeating: byte, count: 20)
    }
    let twice = entry("a", 1) + entry("b", 2) + entry("b", 2)
    let unordered = entry("a", 1) + entry("c", 3) + entry("b", 2)
    let plain = entry("a", 1) + entry("b", 2)
    #expect(throws: RawTree.Malformed.unordered(inOld: false, name: "b")) {
      try changes(plain, twice).get()
    }
    #expect(throws: RawTree.Malformed.unordered(inOld: true, name: "b")) {
      try changes(unordered, plain).get()
    }
    #expect(throws: RawTree.Malformed.unordered(inOld: false, name: "b")) {
      try changes(good, unordered).get()
    }
  }
}
