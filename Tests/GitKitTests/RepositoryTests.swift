import Foundation
import GitKit
import TestSupport
import Testing

private let alice = Signature(
  name: "Alice", email: "alice@example.org", time: 1_700_000_000, offsetMinutes: 60)
private let robot = Signature(
  name: "Robot", email: "robot@example.org", time: 1_700_000_100, offsetMinutes: 0)

/// A new repository in a temporary folder, with an environment for the `git` program.
private func withRepository(_ body: (Repository, String, [String: String]) throws -> Void) throws {
  try withTemporaryFolder { folder in
    let root = folder + "/repo"
    let environment = try isolatedEnvironment(home: folder + "/home")
    let repository = try Repository.create(at: root)
    try body(repository, root, environment)
  }
}

@Suite struct RepositoryTests {
  @Test func newRepositoryHasUnbornMain() throws {
    try withRepository { repository, root, environment in
      #expect(repository.isHeadUnborn)
      #expect(try repository.headCommit() == nil)
      #expect(try repository.headBranch() == "refs/heads/main")
      let head = try gitProgram(["symbolic-ref", "HEAD"], in: root, environment: environment)
      #expect(head.stdout == "refs/heads/main\n")
      #expect(throws: GitError.unbornHead) { try repository.resolveCommit("HEAD") }
    }
  }

  /// libgit2 1.5 reads SHA-1 repositories only; one with SHA-256 ids is refused with libgit2's
  /// reason, never read with the wrong id size.
  @Test func aRepositoryWithSHA256IdsIsRefusedWithTheReason() throws {
    try withTemporaryFolder { folder in
      let environment = try isolatedEnvironment(home: folder + "/home")
      let made = try gitProgram(
        ["init", "-q", "--object-format=sha256", folder + "/repo"], in: folder,
        environment: environment)
      try #require(made.status == 0, "\(made.stderr)")
      for open in [Repository.discover(from:), Repository.open(at:)] {
        do {
          _ = try open(folder + "/repo")
          Issue.record("opened a SHA-256 repository")
        } catch let error as GitError {
          #expect("\(error)".contains("objectformat"), "\(error)")
        }
      }
    }
  }

  @Test func discoverFindsTheRepositoryFromASubfolder() throws {
    try withRepository { repository, root, _ in
      try FileManager.default.createDirectory(
        atPath: root + "/a/b", withIntermediateDirectories: true)
      let found = try Repository.discover(from: root + "/a/b")
      #expect(found.workdir == repository.workdir)
    }
    _ = try withTemporaryFolder { folder in
      #expect(throws: GitError.notARepository(path: folder)) {
        try Repository.discover(from: folder)
      }
    }
  }

  @Test func commitsAreWhatGitReads() throws {
    try withRepository { repository, root, environment in
      let first = try repository.commitChanges(
        [FileChange(path: "reviews/x/alice.yaml", contents: Data("a: 1\n".utf8))],
        message: "first\n\nbody", author: alice, committer: robot)
      let second = try repository.commitChanges(
        [FileChange(path: "reviews/x/alice.yaml", contents: Data("a: 2\n".utf8))],
        message: "second", author: alice, committer: robot)
      let log = try gitProgram(
        ["log", "--format=%H %P|%an|%ae|%ad|%cn|%s", "--date=raw"], in: root,
        environment: environment)
      #expect(
        log.stdout == """
          \(second.hex) \(first.hex)|Alice|alice@example.org|1700000000 +0100|Robot|second
          \(first.hex) |Alice|alice@example.org|1700000000 +0100|Robot|first

          """)
      #expect(try repository.resolveCommit("HEAD~1") == first)
      #expect(try repository.resolveCommit(String(second.hex.prefix(8))) == second)
      #expect(throws: GitError.unknownRevision("nope")) { try repository.resolveCommit("nope") }
      let commit = try repository.commit(second)
      #expect(commit.parents == [first])
      #expect(commit.summary == "second")
      #expect(
        try repository.file(at: "reviews/x/alice.yaml", inCommit: first) == Data("a: 1\n".utf8))
      #expect(try repository.file(at: "reviews/x/bob.yaml", inCommit: first) == nil)
      let status = try gitProgram(["status", "--porcelain"], in: root, environment: environment)
      #expect(status.stdout.isEmpty)
      let fsck = try gitProgram(["fsck", "--strict"], in: root, environment: environment)
      #expect(fsck.status == 0)
      #expect(fsck.stdout.isEmpty)
    }
  }

  @Test func sameInputsGiveTheSameObjectIDs() throws {
    var ids: [ObjectID] = []
    for _ in 0..<2 {
      try withRepository { repository, _, _ in
        ids.append(
          try repository.commitChanges(
            [FileChange(path: "f.txt", contents: Data("x".utf8))], message: "m", author: alice,
            committer: robot))
      }
    }
    #expect(ids[0] == ids[1])
  }

  @Test func unrelatedStagedAndUnstagedChangesStayAsTheyWere() throws {
    try withRepository { repository, root, environment in
      try repository.commitChanges(
        [
          FileChange(path: "notes.txt", contents: Data("one\n".utf8)),
          FileChange(path: "other.txt", contents: Data("two\n".utf8)),
        ], message: "base", author: alice, committer: robot)
      try "staged\n".write(toFile: root + "/staged.txt", atomically: true, encoding: .utf8)
      try gitProgram(["add", "staged.txt"], in: root, environment: environment)
      try "one changed\n".write(toFile: root + "/notes.txt", atomically: true, encoding: .utf8)
      try "half staged\n".write(toFile: root + "/other.txt", atomically: true, encoding: .utf8)
      try gitProgram(["add", "other.txt"], in: root, environment: environment)
      try "and more\n".write(toFile: root + "/other.txt", atomically: true, encoding: .utf8)
      let before = try gitProgram(["status", "--porcelain"], in: root, environment: environment)
        .stdout
      let commit = try repository.commitChanges(
        [FileChange(path: "reviews/s/alice.yaml", contents: Data("level: open\n".utf8))],
        message: "score", author: alice, committer: robot)
      let after = try gitProgram(["status", "--porcelain"], in: root, environment: environment)
        .stdout
      #expect(before == after)
      let files = try gitProgram(
        ["show", "--name-only", "--format=", commit.hex], in: root, environment: environment)
      #expect(files.stdout == "reviews/s/alice.yaml\n")
      #expect(try String(contentsOfFile: root + "/other.txt", encoding: .utf8) == "and more\n")
      let staged = try gitProgram(
        ["diff", "--cached", "--name-only"], in: root, environment: environment)
      #expect(staged.stdout == "other.txt\nstaged.txt\n")
    }
  }

  @Test func refusesToOverwriteUncommittedWorkOnThePath() throws {
    try withRepository { repository, root, environment in
      let path = "reviews/s/alice.yaml"
      try repository.commitChanges(
        [FileChange(path: path, contents: Data("v1\n".utf8))], message: "v1", author: alice,
        committer: robot)
      try "edited by hand\n".write(toFile: root + "/" + path, atomically: true, encoding: .utf8)
      #expect(throws: GitError.uncommittedChanges(path: path)) {
        try repository.commitChanges(
          [FileChange(path: path, contents: Data("v2\n".utf8))], message: "v2", author: alice,
          committer: robot)
      }
      #expect(try String(contentsOfFile: root + "/" + path, encoding: .utf8) == "edited by hand\n")
      // The same bytes, accepted as the command's own input, are committed.
      try repository.commitChanges(
        [
          FileChange(
            path: path, contents: Data("v2\n".utf8),
            acceptedWorkingContents: Data("edited by hand\n".utf8))
        ], message: "v2", author: alice, committer: robot)
      let show = try gitProgram(["show", "HEAD:" + path], in: root, environment: environment)
      #expect(show.stdout == "v2\n")
      // A staged version that differs is work too.
      try "staged\n".write(toFile: root + "/" + path, atomically: true, encoding: .utf8)
      try gitProgram(["add", path], in: root, environment: environment)
      try "v2\n".write(toFile: root + "/" + path, atomically: true, encoding: .utf8)
      #expect(throws: GitError.uncommittedChanges(path: path)) {
        try repository.commitChanges(
          [FileChange(path: path, contents: Data("v3\n".utf8))], message: "v3", author: alice,
          committer: robot)
      }
    }
  }

  @Test func moveReferenceIsACompareAndSwap() throws {
    try withRepository { repository, _, _ in
      let first = try repository.commitChanges(
        [FileChange(path: "a", contents: Data("1".utf8))], message: "1", author: alice,
        committer: robot)
      let second = try repository.commitChanges(
        [FileChange(path: "a", contents: Data("2".utf8))], message: "2", author: alice,
        committer: robot)
      #expect(throws: GitError.referenceMoved(reference: "refs/heads/main")) {
        try repository.moveReference("refs/heads/main", to: first, expecting: first, message: "x")
      }
      #expect(try repository.headCommit() == second)
    }
  }

  @Test func rejectsPathsOutsideTheTree() throws {
    try withRepository { repository, _, _ in
      for path in ["../x", "/etc/passwd", "a/../../b", ".git/config", "", "a//b"] {
        #expect(throws: GitError.invalidPath(path)) {
          try repository.commitChanges(
            [FileChange(path: path, contents: Data())], message: "m", author: alice,
            committer: robot)
        }
      }
      #expect(repository.isHeadUnborn)
    }
  }

  @Test func treesAndBlobsMatchGit() throws {
    try withRepository { repository, root, environment in
      let commit = try repository.commitChanges(
        [
          FileChange(path: "reviews/a/subject.yaml", contents: Data("s".utf8)),
          FileChange(path: "reviews/b/subject.yaml", contents: Data("t".utf8)),
          FileChange(path: "review.yaml", contents: Data("schema: 1\n".utf8)),
        ], message: "m", author: alice, committer: robot)
      let tree = try repository.commit(commit).tree
      let names = try repository.entries(at: "reviews", in: tree)?.map(\.name)
      #expect(names == ["a", "b"])
      #expect(try repository.entries(at: "nope", in: tree) == nil)
      let listing = try gitProgram(["ls-tree", "-r", "HEAD"], in: root, environment: environment)
      for line in listing.stdout.split(separator: "\n") {
        let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
        let entry = try #require(try repository.entry(at: String(fields[3]), in: tree))
        #expect(entry.id.hex == String(fields[2]))
        #expect(try repository.blobSize(entry.id) == (try repository.blob(entry.id)).count)
      }
    }
  }

  @Test func walkMatchesRevList() throws {
    try withRepository { repository, root, environment in
      var ids: [ObjectID] = []
      for index in 0..<5 {
        var author = alice
        author.time += Int64(index)
        ids.append(
          try repository.commitChanges(
            [FileChange(path: "f", contents: Data("\(index)".utf8))], message: "\(index)",
            author: author, committer: author))
      }
      let walked = try repository.walk(from: [ids.last!], order: .newestFirst)
      let revList = try gitProgram(
        ["rev-list", "--topo-order", "HEAD"], in: root, environment: environment)
      #expect(walked.map(\.hex) == revList.stdout.split(separator: "\n").map(String.init))
      #expect(try repository.walk(from: [ids.last!], order: .oldestFirst) == ids)
      #expect(
        try repository.walk(from: [ids[4]], hiding: [ids[2]], order: .oldestFirst) == [
          ids[3], ids[4],
        ])
    }
  }

  /// Branches merged back, with a clock that went backwards on one of them: newest first is
  /// git's own default order (`git rev-list`, `git log`), hiding included.
  @Test func newestFirstIsGitsDefaultOrder() throws {
    try withRepository { repository, root, environment in
      var tree: ObjectID?
      func commit(_ name: String, _ parents: [ObjectID], at time: Int64) throws -> ObjectID {
        tree = try repository.tree(
          byUpdating: tree, setting: [(name, try repository.writeBlob(Data(name.utf8)))])
        let signature = Signature(
          name: "A", email: "a@example.org", time: 1_700_000_000 + time, offsetMinutes: 0)
        return try repository.writeCommit(
          tree: tree!, parents: parents, author: signature, committer: signature, message: name)
      }
      let base = try commit("base", [], at: 0)
      let a1 = try commit("a1", [base], at: 100)
      let b1 = try commit("b1", [base], at: 50)
      let b2 = try commit("b2", [b1], at: 20)  // a clock that went backwards
      let a2 = try commit("a2", [a1], at: 300)
      let merge = try commit("merge", [a2, b2], at: 400)
      let b3 = try commit("b3", [b2], at: 350)
      let top = try commit("top", [merge, b3], at: 500)
      try repository.moveReference("refs/heads/main", to: top, expecting: nil, message: "test")
      let revList = try gitProgram(["rev-list", "HEAD"], in: root, environment: environment)
      #expect(
        try repository.walk(from: [top], order: .newestFirst).map(\.hex)
          == revList.stdout.split(separator: "\n").map(String.init))
      let hidden = try gitProgram(
        ["rev-list", "HEAD", "^\(a1.hex)"], in: root, environment: environment)
      #expect(
        try repository.walk(from: [top], hiding: [a1], order: .newestFirst).map(\.hex)
          == hidden.stdout.split(separator: "\n").map(String.init))
    }
  }

  @Test func statusListsChangesUnderAPrefix() throws {
    try withRepository { repository, root, environment in
      try repository.commitChanges(
        [FileChange(path: "reviews/s/a.yaml", contents: Data("a".utf8))], message: "m",
        author: alice, committer: robot)
      try "b".write(toFile: root + "/reviews/s/a.yaml", atomically: true, encoding: .utf8)
      try "new".write(toFile: root + "/reviews/s/b.yaml", atomically: true, encoding: .utf8)
      try "elsewhere".write(toFile: root + "/other.txt", atomically: true, encoding: .utf8)
      let status = try repository.status(under: "reviews")
      #expect(
        status == [
          StatusEntry(path: "reviews/s/a.yaml", staged: false, change: .modified),
          StatusEntry(path: "reviews/s/b.yaml", staged: false, change: .untracked),
        ])
      _ = environment
    }
  }

  @Test func configReadsRepositoryValues() throws {
    try withRepository { repository, _, _ in
      try repository.setConfigString("review.reviewer", "carol")
      #expect(repository.configString("review.reviewer") == "carol")
      #expect(repository.configString("review.nothing") == nil)
    }
  }
}
