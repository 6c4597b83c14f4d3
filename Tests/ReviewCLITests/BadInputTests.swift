import Foundation
import TestSupport
import Testing

/// Bad input gets a one-line error naming what and where, a non-zero exit, and loses nothing.
@Suite struct BadInputTests {
  @Test func validateReportsEveryBadFileWithItsPosition() throws {
    try withLlamaRepository { workspace in
      try workspace.reviewAs("alice", ["score", "llama2", "datasets=closed"]).requireSuccess()
      let header = "schema: 1\nsubject: llama2\nframework: mof-1.0\n"
      try workspace.write("reviews/llama2/broken.yaml", "schema: 1\ncriteria: [\n")
      try workspace.write(
        "reviews/llama2/mismatch.yaml",
        "schema: 1\nsubject: pythia\nreviewer: eve\nframework: mof-1.0\ncriteria: {}\n")
      try workspace.write(
        "reviews/llama2/unknown.yaml",
        header
          + "reviewer: unknown\ncriteria:\n  weights:\n    level: open\n  datasets:\n    level: wide-open\n"
      )
      try workspace.write(
        "reviews/llama2/twice.yaml",
        header
          + "reviewer: twice\ncriteria:\n  datasets:\n    level: open\n  datasets:\n    level: closed\n"
      )
      try workspace.write(
        "reviews/llama2/other.yaml",
        "schema: 1\nsubject: llama2\nreviewer: other\nframework: nope-1.0\ncriteria: {}\n")
      try workspace.write(
        "reviews/llama2/bomb.yaml",
        header + "reviewer: bomb\ncriteria: {}\na: &a [x, x]\nb: [*a, *a]\n")
      try FileManager.default.createSymbolicLink(
        atPath: workspace.root + "/reviews/llama2/link.yaml", withDestinationPath: "alice.yaml")
      try Data([0x73, 0xff, 0xfe]).write(
        to: URL(fileURLWithPath: workspace.root + "/reviews/llama2/latin.yaml"))
      let big =
        header + "reviewer: big\ncriteria: {}\npad: \"" + String(repeating: "x", count: 1 << 20)
        + "\"\n"
      try workspace.write("reviews/llama2/big.yaml", big)
      try workspace.write("reviews/Bad Subject/subject.yaml", "schema: 1\n")
      try workspace.write("reviews/..hidden.yaml", "not a subject\n")
      try workspace.write(
        "reviews/pythia/subject.yaml", "schema: 1\nid: pythia\nframework: mof-9\n")
      try workspace.write("reviews/pythia/Bob.yaml", "x: 1\n")
      let result = try workspace.review(["validate"])
      #expect(result.status == 1)
      #expect(result.stdout.isEmpty)
      #expect(
        result.stderr.split(separator: "\n").map(String.init) == [
          "reviews/Bad Subject:1:1: error: invalid subject id 'Bad Subject': ids are 1 to 64 characters of a-z, 0-9, '.', '_', '-', starting with a letter or digit",
          "reviews/llama2/big.yaml:1:1: error: file is \(big.utf8.count) bytes, over the limit of 1048576",
          "reviews/llama2/bomb.yaml:6:4: error: YAML anchors and aliases are not allowed in review files",
          "reviews/llama2/broken.yaml:3:1: error: invalid YAML: while parsing a flow node: did not find expected node content",
          "reviews/llama2/latin.yaml:1:1: error: file is not valid UTF-8",
          "reviews/llama2/link.yaml:1:1: error: is a symbolic link; review files must be regular files",
          "reviews/llama2/mismatch.yaml:2:10: error: subject 'pythia' does not match its folder 'reviews/llama2'",
          "reviews/llama2/mismatch.yaml:3:11: error: reviewer 'eve' does not match the file name 'mismatch.yaml'",
          "reviews/llama2/other.yaml:4:12: error: unknown framework 'nope-1.0'",
          "reviews/llama2/twice.yaml:6:3: error: duplicate key 'datasets' in one mapping",
          "reviews/llama2/unknown.yaml:6:3: error: unknown criterion 'weights' in framework 'mof-1.0'",
          "reviews/llama2/unknown.yaml:9:12: error: unknown level 'wide-open' for 'datasets' (levels: closed, restricted, open)",
          "reviews/pythia/Bob.yaml:1:1: error: invalid reviewer id 'Bob': ids are 1 to 64 characters of a-z, 0-9, '.', '_', '-', starting with a letter or digit",
          "reviews/pythia/subject.yaml:3:12: error: unknown framework 'mof-9'",
        ])
      // The committed state is still valid, and validate --rev checks it.
      #expect(try workspace.review(["validate", "--rev", "HEAD"]).status == 0)
      let json = try workspace.review(["validate", "--format", "json"])
      #expect(json.status == 1)
      let problems =
        try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
      #expect(problems?.count == 14)
      #expect(problems?.first?["line"] as? Int == 1)
      // Committed, the same problems are found in the commit's tree (the big file unread).
      try workspace.git(["add", "-A"]).requireSuccess()
      try workspace.git(["commit", "-q", "-m", "bad files"]).requireSuccess()
      let committed = try workspace.review(["validate", "--rev", "HEAD"])
      #expect(committed.status == 1)
      #expect(
        committed.stderr.contains(
          "reviews/llama2/big.yaml:1:1: error: file is \(big.utf8.count) bytes, over the limit of 1048576"
        ))
    }
  }

  @Test func writeCommandsRefuseBadInputAndChangeNothing() throws {
    try withLlamaRepository { workspace in
      let head = try workspace.git(["rev-parse", "HEAD"]).stdout
      let cases: [([String], Int32, String)] = [
        (
          ["score", "nosuch", "datasets=open"], 1,
          "error: unknown subject 'nosuch' (create it with 'review new nosuch')\n"
        ),
        (
          ["score", "llama2", "weights=open"], 1,
          "error: unknown criterion 'weights' in framework 'mof-1.0' (see 'review templates mof-1.0')\n"
        ),
        (
          ["score", "llama2", "dataset=open"], 1,
          "error: unknown criterion 'dataset' in framework 'mof-1.0'; did you mean 'datasets'? (see 'review templates mof-1.0')\n"
        ),
        (
          ["score", "llama2", "datasets=opne"], 1,
          "error: unknown level 'opne' for 'datasets' (levels: closed, restricted, open); did you mean 'open'?\n"
        ),
        (
          ["templates", "mof"], 1,
          "error: unknown framework 'mof' (available: fmti-2024, mof-1.0, osai-index-2026, osaid-1.0, osi-codesign-2024)\n"
        ),
        (
          ["templates", "mof-1"], 1,
          "error: unknown framework 'mof-1' (available: fmti-2024, mof-1.0, osai-index-2026, osaid-1.0, osi-codesign-2024); did you mean 'mof-1.0'?\n"
        ),
        (
          ["score", "llama2", "datasets=wide"], 1,
          "error: unknown level 'wide' for 'datasets' (levels: closed, restricted, open)\n"
        ),
        (
          ["score", "llama2", "datasets=open", "datasets=closed"], 64,
          "error: the level of 'datasets' is given twice\n"
        ),
        (
          ["score", "llama2", "--note", "datasets=no level yet"], 1,
          "error: 'datasets' has no level yet; give datasets=LEVEL as well\n"
        ),
        (
          ["score", "llama2", "datasets=open", "--license", "datasets=Apache 2.0"], 1,
          "error: license 'Apache 2.0' is not an SPDX expression (use SPDX ids such as Apache-2.0, or LicenseRef-Name for other licenses)\n"
        ),
        (
          ["score", "llama2", "datasets=open", "--reviewer", "../bob"], 1,
          "error: invalid reviewer id '../bob': ids are 1 to 64 characters of a-z, 0-9, '.', '_', '-', starting with a letter or digit\n"
        ),
        (
          ["score", "../etc", "datasets=open"], 1,
          "error: invalid subject id '../etc': ids are 1 to 64 characters of a-z, 0-9, '.', '_', '-', starting with a letter or digit\n"
        ),
        (["new", "llama2"], 1, "error: subject 'llama2' already exists\n"),
        (["new", "llama2", "--framework", "nope"], 1, "error: subject 'llama2' already exists\n"),
        (
          ["new", "pythia", "--framework", "nope"], 1,
          "error: unknown framework 'nope' (available: fmti-2024, mof-1.0, osai-index-2026, osaid-1.0, osi-codesign-2024)\n"
        ),
        (
          ["score", "llama2", "--file", "missing.yaml"], 1,
          "error: missing.yaml: cannot read file\n"
        ),
        (["show", "llama2", "zed"], 1, "error: 'zed' has no evaluation of 'llama2'\n"),
        (["status", "--at", "nope"], 1, "error: unknown revision 'nope'\n"),
      ]
      for (arguments, status, stderr) in cases {
        let result = try workspace.reviewAs("alice", arguments)
        #expect(result.status == status, "\(arguments)")
        if status == 64 {
          #expect(result.stderr.hasPrefix(stderr), "\(arguments)")
        } else {
          #expect(result.stderr == stderr, "\(arguments)")
        }
      }
      let bad = try workspace.review(["new", "Bad/Name"])
      #expect(bad.status == 64)
      #expect(bad.stderr.hasPrefix("error: invalid subject id 'Bad/Name'"))
      #expect(try workspace.git(["rev-parse", "HEAD"]).stdout == head)
      #expect(try workspace.git(["status", "--porcelain"]).stdout.isEmpty)
    }
  }

  @Test func uncommittedWorkOnTheEvaluationIsNeverOverwritten() throws {
    try withLlamaRepository { workspace in
      try workspace.reviewAs("alice", ["score", "llama2", "datasets=open"]).requireSuccess()
      let edited = try workspace.read("reviews/llama2/alice.yaml") + "# my unsaved thoughts\n"
      try workspace.write("reviews/llama2/alice.yaml", edited)
      let result = try workspace.reviewAs("alice", ["score", "llama2", "datasets=closed"])
      #expect(result.status == 1)
      #expect(
        result.stderr
          == "error: reviews/llama2/alice.yaml has uncommitted changes that this would overwrite; commit or discard them first\n"
      )
      #expect(try workspace.read("reviews/llama2/alice.yaml") == edited)
      let status = try workspace.review(["status", "--format", "json"]).requireSuccess().json()
      let uncommitted = status["uncommitted"] as? [[String: Any]]
      #expect(uncommitted?.first?["path"] as? String == "reviews/llama2/alice.yaml")
      #expect(uncommitted?.first?["change"] as? String == "modified")
    }
  }

  @Test func missingRepositoryCommitsAndIdentity() throws {
    try withTemporaryFolder { folder in
      let workspace = try Workspace(folder, identity: nil)
      let outside = try workspace.review(["status"])
      #expect(outside.status == 1)
      #expect(outside.stderr.hasPrefix("error: not a git repository"))
      let noIdentity = try workspace.review(["init"])
      #expect(noIdentity.status == 1)
      #expect(
        noIdentity.stderr
          == "error: no author identity: set git config user.name and user.email, or GIT_AUTHOR_NAME and GIT_AUTHOR_EMAIL\n"
      )
      #expect(!FileManager.default.fileExists(atPath: workspace.root + "/.git"))
      try workspace.git(["init", "-q", "-b", "main"]).requireSuccess()
      let empty = try workspace.review(["status"])
      #expect(empty.status == 1)
      #expect(
        empty.stderr
          == "error: the repository has no commits yet; run 'review init' to make this a review repository\n"
      )
      let unbornScore = try workspace.review([
        "score", "llama2", "datasets=open", "--reviewer", "alice",
      ])
      #expect(unbornScore.status == 1)
    }
  }

  @Test func aSubjectWithABrokenFileStillShowsInStatus() throws {
    try withLlamaRepository { workspace in
      try workspace.write("reviews/llama2/zed.yaml", "schema: 1\ncriteria: [\n")
      try workspace.git(["add", "."]).requireSuccess()
      try workspace.git(["commit", "-q", "-m", "broken by hand"]).requireSuccess()
      let status = try workspace.review(["status"])
      #expect(status.status == 1)
      #expect(
        status.stdout.contains(
          "llama2  cannot be read: reviews/llama2/zed.yaml:3:1: error: invalid YAML"))
      #expect(
        status.stderr.hasPrefix(
          "error: subject 'llama2' cannot be read: reviews/llama2/zed.yaml:3:1: error: invalid YAML"
        ))
      let show = try workspace.review(["show", "llama2"])
      #expect(show.status == 1)
      #expect(show.stderr.hasPrefix("reviews/llama2/zed.yaml:3:1: error: invalid YAML"))
    }
  }
}
