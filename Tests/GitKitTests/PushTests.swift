import Foundation
import GitKit
import TestSupport
import Testing

private let alice = Signature(
  name: "Alice", email: "alice@example.org", time: 1_700_000_000, offsetMinutes: 60)

/// Pushes to a bare repository's path, which libgit2's own local transport forces.
@Suite struct PushTests {
  /// A bare hub with one commit, and two clones of it opened through libgit2.
  private func withHub(
    _ body: (String, Repository, Repository, [String: String]) throws -> Void
  ) throws {
    try withTemporaryFolder { folder in
      let environment = try isolatedEnvironment(home: folder + "/home")
      let seed = try Repository.create(at: folder + "/seed")
      try seed.commitChanges(
        [FileChange(path: "a.txt", contents: Data("a\n".utf8))], message: "seed", author: alice,
        committer: alice)
      let hub = folder + "/hub.git"
      for (arguments, place) in [
        (["clone", "-q", "--bare", folder + "/seed", hub], folder),
        (["clone", "-q", "file://" + hub, folder + "/one"], folder),
        (["clone", "-q", hub, folder + "/two"], folder),
      ] {
        try gitProgram(arguments, in: place, environment: environment).requireSuccess()
      }
      try body(
        hub, try Repository.open(at: folder + "/one"), try Repository.open(at: folder + "/two"),
        environment)
    }
  }

  private func commit(_ repository: Repository, _ text: String) throws -> ObjectID {
    try repository.commitChanges(
      [FileChange(path: "\(text).txt", contents: Data(text.utf8))], message: text, author: alice,
      committer: alice)
  }

  @Test func aPushThatIsNoLongerAFastForwardIsRefusedNotForced() throws {
    try withHub { hub, one, two, environment in
      let first = try commit(one, "one")
      _ = try commit(two, "two")
      #expect(try one.push(local: "main", remoteBranch: "main", remote: "origin") == nil)
      let tip = try gitProgram(["rev-parse", "main"], in: hub, environment: environment).stdout
      #expect(tip == first.hex + "\n")
      #expect(try one.resolveCommit("refs/remotes/origin/main") == first)
      // Two has not fetched one's commit: its push must not replace it.
      let refused = try two.push(local: "main", remoteBranch: "main", remote: "origin")
      #expect(refused?.contains("non-fast-forward") == true, "\(refused ?? "pushed")")
      #expect(
        try gitProgram(["rev-parse", "main"], in: hub, environment: environment).stdout == tip)
      #expect(try gitProgram(["fsck", "--strict"], in: hub, environment: environment).status == 0)
      // Pushing what is already there is no change, and a new branch is created.
      #expect(try one.push(local: "main", remoteBranch: "main", remote: "origin") == nil)
      #expect(try one.push(local: "main", remoteBranch: "copy", remote: "origin") == nil)
      #expect(
        try gitProgram(["rev-parse", "copy"], in: hub, environment: environment).stdout == tip)
    }
  }

  @Test func aLockThatStaysIsNamed() throws {
    try withHub { hub, one, _, environment in
      _ = try commit(one, "one")
      let lock = hub + "/refs/heads/main.lock"
      _ = FileManager.default.createFile(atPath: lock, contents: Data())
      let refused = try one.push(local: "main", remoteBranch: "main", remote: "origin")
      #expect(refused?.contains(lock) == true, "\(refused ?? "pushed")")
      try FileManager.default.removeItem(atPath: lock)
      #expect(try one.push(local: "main", remoteBranch: "main", remote: "origin") == nil)
      #expect(try gitProgram(["fsck", "--strict"], in: hub, environment: environment).status == 0)
    }
  }
}
