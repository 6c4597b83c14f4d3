import Foundation
import TestSupport
import Testing

/// A collaborator pushes objects plain git accepts and `review` never writes. `review sync`
/// either stops before merging one, naming it, or merges it and names it where it is read; the
/// subjects they do not touch always read.
@Suite struct HostileRemoteTests {
  /// Commands about the untouched subject, pythia, that must succeed whatever else came in.
  private static let clean: [[String]] = [
    ["show", "pythia"], ["consensus", "pythia"], ["report", "pythia"], ["log", "pythia"],
    ["blame", "pythia", "alice"], ["rounds", "pythia"], ["diff", "pythia", "alice", "bob"],
  ]

  @Test func hostileObjectsAreNamedAndOtherSubjectsRead() throws {
    var named: [String: Bool] = [:]
    var cleanFailures: [String] = []
    try withLlamaRepository { workspace in
      for subject in ["pythia", "bloom", "olmo", "falcon"] {
        try workspace.review(["new", subject, "--framework", "mof-1.0", "--title", subject])
          .requireSuccess()
        for reviewer in ["alice", "bob"] {
          try workspace.reviewAs(reviewer, ["score", subject, "datasets=open"]).requireSuccess()
        }
      }
      let hub = workspace.home + "/hub.git"
      try workspace.git(["clone", "-q", "--bare", workspace.root, hub]).requireSuccess()
      let collaborator = workspace.at(workspace.home + "/collaborator")
      let ours = workspace.at(workspace.home + "/ours")
      for clone in [collaborator, ours] {
        try workspace.git(["clone", "-q", hub, clone.root]).requireSuccess()
      }
      try ours.review(["init"]).requireSuccess()
      var step = 0
      /// The collaborator commits with plain git and pushes; we score pythia and sync.
      func exchange(_ change: () throws -> Void) throws -> ProcessResult {
        try collaborator.git(["pull", "-q", "--no-rebase", "--no-edit", "origin", "main"])
          .requireSuccess()
        try change()
        try collaborator.git(["push", "-q", "origin", "main", "--tags"]).requireSuccess()
        step += 1
        try ours.reviewAs(
          "carol", ["score", "pythia", "model-card=\(step % 2 == 0 ? "open" : "closed")"]
        )
        .requireSuccess()
        return try ours.review(["sync"])
      }
      func checkClean(_ when: String) throws {
        for arguments in Self.clean {
          let result = try ours.review(arguments)
          if result.status != 0 {
            cleanFailures.append("\(when): \(arguments.joined(separator: " ")): \(result.stderr)")
          }
        }
        let all = try ours.review(["consensus", "--all"])
        if !all.stdout.contains("pythia") { cleanFailures.append("\(when): consensus --all") }
      }
      func commit(_ message: String) throws {
        let made = try collaborator.git(["commit", "-q", "--no-verify", "-m", message])
        try #require(made.status == 0, "\(message): \(made.stdout)")
      }

      // Refused before anything is merged: ours stays where it was, and says which file.
      let refused: [(String, String, () throws -> Void)] = [
        (
          "an evaluation over 1 MiB", "reviews/olmo/huge.yaml",
          {
            try collaborator.write(
              "reviews/olmo/huge.yaml",
              "schema: 1\nsubject: olmo\nreviewer: huge\nframework: mof-1.0\ncriteria: {}\npad: \""
                + String(repeating: "x", count: 2 << 20) + "\"\n")
            try collaborator.git(["add", "reviews/olmo/huge.yaml"]).requireSuccess()
            try commit("a huge evaluation")
          }
        ),
        (
          "a folder naming a file twice", "reviews/falcon",
          { try collaborator.commitNamingTwice("bob.yaml", in: "falcon") }
        ),
        (
          "a template that does not validate", "templates/mof-1.0.yaml",
          {
            try collaborator.write("templates/mof-1.0.yaml", "schema: 1\nid: mof-1.0\nscale: [\n")
            try collaborator.git(["add", "templates/mof-1.0.yaml"]).requireSuccess()
            try commit("a broken template")
          }
        ),
      ]
      for (what, path, change) in refused {
        let before = try ours.plumbing(["rev-parse", "HEAD"])
        let result = try exchange(change)
        named[what] = result.status == 1 && result.stderr.contains(path)
        #expect(named[what] == true, "\(what): \(result.stderr)")
        #expect(try ours.git(["status", "--porcelain"]).stdout.isEmpty, "\(what)")
        #expect(try ours.plumbing(["rev-parse", "HEAD~1"]) == before, "\(what): nothing merged")
        try checkClean(what)
        // The collaborator takes it back; the next sync merges, history and all.
        try collaborator.git(["read-tree", "-u", "--reset", "HEAD~1"]).requireSuccess()
        try commit("take back \(what)")
      }
      let merged = try exchange {}
      #expect(merged.status == 0, "\(merged.stderr)")
      try checkClean("after the reverts")

      // Merged as git merges them, and named where they are read.
      try collaborator.git([
        "update-index", "--add", "--cacheinfo",
        "160000,1234567890123456789012345678901234567890,reviews/llama2/sub.yaml",
      ]).requireSuccess()
      try commit("a submodule where an evaluation would be")
      try FileManager.default.createSymbolicLink(
        atPath: collaborator.root + "/reviews/bloom/link.yaml",
        withDestinationPath: "../pythia/alice.yaml")
      try collaborator.git(["add", "reviews/bloom/link.yaml"]).requireSuccess()
      try commit("a link where an evaluation would be")
      let blob = try collaborator.plumbing(["hash-object", "-w", "--stdin"], input: "hello\n")
      try collaborator.git(["tag", "-a", "-m", "a round on a blob", "review/llama2/r9", blob])
        .requireSuccess()
      let synced = try exchange {}
      #expect(synced.status == 0, "\(synced.stderr)")
      try ours.git(["fetch", "-q", "--tags", "origin"]).requireSuccess()
      try checkClean("after the links")
      let llama = try ours.review(["show", "llama2"])
      named["a submodule"] = llama.stderr.contains("reviews/llama2/sub.yaml")
      let bloom = try ours.review(["show", "bloom"])
      named["a symbolic link"] = bloom.stderr.contains("reviews/bloom/link.yaml")
      let rounds = try ours.review(["rounds", "llama2"])
      named["a round tag on a blob"] = rounds.stderr.contains("review/llama2/r9")
      let log = try ours.review(["log"])
      #expect(log.status == 0, "log goes on past every one of them: \(log.stderr)")
    }
    Stress.report(
      "hostile remote",
      [
        ("hostile objects", named.count), ("named in an error", named.values.filter { $0 }.count),
        ("failures for untouched subjects", cleanFailures.count),
      ])
    #expect(named.count == 6)
    #expect(named.values.allSatisfy { $0 }, "\(named)")
    #expect(cleanFailures.isEmpty, "\(cleanFailures.prefix(5))")
  }
}
