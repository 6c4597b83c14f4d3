import Foundation
import GitKit
import TestSupport
import Testing

private let alice = Signature(
  name: "Alice", email: "alice@example.org", time: 1_700_000_000, offsetMinutes: 60)

/// What `commitChanges` leaves when killed after recording its commit and before moving the
/// branch, and how the next write finishes it.
@Suite struct InterruptedCommitTests {
  /// A repository with one commit of `a.txt`, and the commit a killed write was making on top
  /// of it (changing `a.txt` to "new"), recorded as that write records it.
  private func withInterruptedWrite(
    _ body: (Repository, String, _ head: ObjectID, _ pending: ObjectID) throws -> Void
  ) throws {
    try withTemporaryFolder { folder in
      let repository = try Repository.create(at: folder + "/repo")
      let head = try repository.commitChanges(
        [FileChange(path: "a.txt", contents: Data("old\n".utf8))], message: "first",
        author: alice, committer: alice)
      let blob = try repository.writeBlob(Data("new\n".utf8))
      let tree = try repository.tree(
        byUpdating: try repository.commit(head).tree, setting: [("a.txt", blob)])
      let pending = try repository.writeCommit(
        tree: tree, parents: [head], author: alice, committer: alice, message: "second")
      try FileManager.default.createDirectory(
        atPath: repository.gitDirectory + "/review", withIntermediateDirectories: true)
      try "\(pending.hex)\na.txt\n".write(
        toFile: repository.gitDirectory + "/review/pending", atomically: true, encoding: .utf8)
      try body(repository, folder + "/repo", head, pending)
    }
  }

  @Test func aWriteKilledPartWayIsFinished() throws {
    // Killed before writing anything, after the file, and after staging it.
    for step in 0..<3 {
      try withInterruptedWrite { repository, root, _, pending in
        if step >= 1 {
          try "new\n".write(toFile: root + "/a.txt", atomically: true, encoding: .utf8)
        }
        if step >= 2 { try repository.stage(paths: ["a.txt"]) }
        #expect(try repository.finishInterruptedCommit() == pending)
        #expect(try repository.headCommit() == pending)
        #expect(try String(contentsOfFile: root + "/a.txt", encoding: .utf8) == "new\n")
        #expect(
          try repository.indexEntry("a.txt")
            == repository.entry(at: "a.txt", in: repository.commit(pending).tree)?.id)
        #expect(
          !FileManager.default.fileExists(atPath: repository.gitDirectory + "/review/pending"))
      }
    }
  }

  @Test func aFileEditedSinceIsLeftAloneAndTheRecordDropped() throws {
    try withInterruptedWrite { repository, root, head, _ in
      try "mine\n".write(toFile: root + "/a.txt", atomically: true, encoding: .utf8)
      #expect(try repository.finishInterruptedCommit() == nil)
      #expect(try repository.headCommit() == head)
      #expect(try String(contentsOfFile: root + "/a.txt", encoding: .utf8) == "mine\n")
      #expect(!FileManager.default.fileExists(atPath: repository.gitDirectory + "/review/pending"))
    }
  }

  @Test func aBranchThatMovedOnDropsTheRecord() throws {
    try withInterruptedWrite { repository, _, head, pending in
      // A plain `git commit` moved the branch after the kill.
      let other = try repository.writeCommit(
        tree: try repository.commit(head).tree, parents: [head], author: alice, committer: alice,
        message: "other")
      try repository.moveReference(
        "refs/heads/main", to: other, expecting: head, message: "commit: other")
      #expect(try repository.finishInterruptedCommit() == nil)
      #expect(try repository.headCommit() == other)
      #expect(other != pending)
      #expect(!FileManager.default.fileExists(atPath: repository.gitDirectory + "/review/pending"))
    }
  }

  /// A kill inside the branch's update leaves its lock: finishing then fails, naming the lock,
  /// and keeps the record, so the write after the lock is removed still finishes it.
  @Test func aRefLockLeftBehindKeepsTheRecord() throws {
    try withInterruptedWrite { repository, root, _, pending in
      try "new\n".write(toFile: root + "/a.txt", atomically: true, encoding: .utf8)
      let lock = repository.gitDirectory + "/refs/heads/main.lock"
      _ = FileManager.default.createFile(atPath: lock, contents: Data())
      #expect(throws: GitError.locked(lock: lock, reference: "refs/heads/main")) {
        try repository.finishInterruptedCommit()
      }
      try FileManager.default.removeItem(atPath: lock)
      #expect(try repository.finishInterruptedCommit() == pending)
      #expect(try repository.headCommit() == pending)
    }
  }
}
