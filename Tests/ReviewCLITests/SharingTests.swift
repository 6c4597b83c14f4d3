import Foundation
import TestSupport
import Testing

/// A panel shares through a hub: one made by review init --bare, clones of it, and the merge
/// driver each clone needs.
@Suite struct SharingTests {
  @Test func aHubMadeByInitBareIsClonedOnMain() throws {
    try withLlamaRepository { workspace in
      let hub = workspace.home + "/hub.git"
      let made = try workspace.review(["init", "--bare", hub]).requireSuccess().stdout
      #expect(made.hasPrefix("Initialized empty review hub in \(hub) (bare, HEAD on main)"))
      #expect(
        try gitProgram(["symbolic-ref", "HEAD"], in: hub, environment: workspace.environment)
          .stdout == "refs/heads/main\n")
      try workspace.git(["remote", "add", "origin", hub]).requireSuccess()
      try workspace.review(["sync"]).requireSuccess()
      // The sync set the upstream, as git push -u does.
      #expect(try workspace.git(["config", "branch.main.remote"]).stdout == "origin\n")
      #expect(try workspace.git(["config", "branch.main.merge"]).stdout == "refs/heads/main\n")
      // git clone checks out main, and its README is there.
      let clone = workspace.home + "/clone"
      try gitProgram(
        ["clone", "-q", hub, clone], in: workspace.home, environment: workspace.environment
      )
      .requireSuccess()
      #expect(FileManager.default.fileExists(atPath: clone + "/reviews/llama2/subject.yaml"))
      // The fresh clone lacks the driver: status warns, and init says it set it.
      let status = try workspace.review(["status"], in: clone).requireSuccess()
      #expect(status.stderr.contains("warning: this clone has no merge driver"), "\(status.stderr)")
      let initialised = try workspace.review(["init"], in: clone).requireSuccess().stdout
      #expect(initialised.contains("set its merge driver (merge.review.driver)"), "\(initialised)")
      #expect(try workspace.review(["status"], in: clone).requireSuccess().stderr.isEmpty)
      #expect(
        try workspace.review(["init"], in: clone).requireSuccess().stdout.hasSuffix(
          "nothing changed\n"))
    }
  }

  /// A hub made with plain git init --bare has HEAD on master; init --bare points it at main.
  @Test func initBareMendsAGitInitBareHub() throws {
    try withLlamaRepository { workspace in
      let hub = workspace.home + "/plain.git"
      try gitProgram(
        ["-c", "init.defaultBranch=master", "init", "-q", "--bare", hub], in: workspace.home,
        environment: workspace.environment
      ).requireSuccess()
      let mended = try workspace.review(["init", "--bare", hub]).requireSuccess().stdout
      #expect(mended.contains("Pointed the bare repository"), "\(mended)")
      #expect(
        try gitProgram(["symbolic-ref", "HEAD"], in: hub, environment: workspace.environment)
          .stdout == "refs/heads/main\n")
      // A repository with a working tree, or with commits, is never changed.
      let refused = try workspace.review(["init", "--bare", workspace.root])
      #expect(refused.status == 1)
      #expect(refused.stderr.contains("it has a working tree"), "\(refused.stderr)")
    }
  }
}

/// `review subject` changes a subject's title and links, and nothing else.
@Suite struct SubjectCommandTests {
  @Test func titleAndLinksChangeAndCommit() throws {
    try withLlamaRepository { workspace in
      let before = try workspace.read("reviews/llama2/subject.yaml")
      let result = try workspace.review([
        "subject", "llama2", "--title", "Llama 2 (7B)", "--link",
        "https://huggingface.co/meta-llama/Llama-2-7b-hf", "--link",
        "doi:10.48550/arXiv.2307.09288",
      ]).requireSuccess()
      #expect(result.stdout.contains("reviews/llama2/subject.yaml: updated"))
      let after = try workspace.read("reviews/llama2/subject.yaml")
      #expect(after.contains("title: Llama 2 (7B)"), "\(after)")
      #expect(after.contains("https://huggingface.co/meta-llama/Llama-2-7b-hf"))
      #expect(after.contains("framework: mof-1.0"))
      #expect(before != after)
      #expect(
        try workspace.git(["log", "-1", "--format=%s"]).stdout == "subject llama2: title, links\n")
      let again = try workspace.review(["subject", "llama2", "--title", "Llama 2 (7B)"])
      #expect(again.stdout.hasPrefix("nothing to commit"))
      try workspace.review([
        "subject", "llama2", "--drop-link", "doi:10.48550/arXiv.2307.09288", "--title", "",
      ]).requireSuccess()
      let last = try workspace.read("reviews/llama2/subject.yaml")
      #expect(!last.contains("title:") && !last.contains("doi:"), "\(last)")
      #expect(try workspace.review(["validate"]).status == 0)
      #expect(try workspace.git(["fsck", "--strict"]).status == 0)
    }
  }
}

/// review sync shares the round tags of the history it pushes, and never moves one.
@Suite struct RoundTagSyncTests {
  private func withHubAndRound(_ body: (Workspace, String) throws -> Void) throws {
    try withLlamaRepository { workspace in
      try workspace.reviewAs("alice", ["score", "llama2", "datasets=open"]).requireSuccess()
      try workspace.review(["round", "llama2", "one", "-m", "first round"]).requireSuccess()
      let served = workspace.home + "/served"
      try FileManager.default.createDirectory(atPath: served, withIntermediateDirectories: true)
      try workspace.review(["init", "--bare", served + "/hub.git"]).requireSuccess()
      try body(workspace, served)
    }
  }

  private func hubTags(_ hub: String, _ workspace: Workspace) throws -> String {
    try gitProgram(
      ["for-each-ref", "--format=%(refname) %(objecttype)", "refs/tags"], in: hub,
      environment: workspace.environment
    ).stdout
  }

  @Test func aLocalHubGetsTheRoundTags() throws {
    try withHubAndRound { workspace, served in
      let hub = served + "/hub.git"
      try workspace.git(["remote", "add", "origin", hub]).requireSuccess()
      try workspace.review(["sync"]).requireSuccess()
      #expect(try hubTags(hub, workspace) == "refs/tags/review/llama2/one tag\n")
      #expect(
        try gitProgram(["fsck", "--strict"], in: hub, environment: workspace.environment).status
          == 0)
      // A later round goes with the next sync, even when the branch has nothing new.
      try workspace.review(["round", "llama2", "two"]).requireSuccess()
      try workspace.review(["sync"]).requireSuccess()
      #expect(try hubTags(hub, workspace).contains("refs/tags/review/llama2/two tag"))
      // A clone sees the rounds.
      let clone = workspace.home + "/clone"
      try gitProgram(
        ["clone", "-q", hub, clone], in: workspace.home, environment: workspace.environment
      )
      .requireSuccess()
      let rounds = try workspace.review(["rounds", "llama2", "--format", "json"], in: clone)
        .requireSuccess().stdout
      #expect(rounds.contains("\"name\" : \"one\"") && rounds.contains("\"name\" : \"two\""))
    }
  }

  /// A local hub keeps the round it has: the same name on another commit is refused.
  /// The hub's `review/llama2/one`.
  private func roundOne(_ hub: String, _ workspace: Workspace) throws -> String {
    try gitProgram(
      ["rev-parse", "refs/tags/review/llama2/one"], in: hub, environment: workspace.environment
    ).stdout
  }

  /// Deletes round one here and makes it again on a new commit; returns the hub's round one.
  private func remakeRoundOne(_ workspace: Workspace, hub: String) throws -> String {
    try workspace.git(["tag", "-d", "review/llama2/one"]).requireSuccess()
    try workspace.reviewAs("alice", ["score", "llama2", "datasets=closed"]).requireSuccess()
    try workspace.review(["round", "llama2", "one"]).requireSuccess()
    return try roundOne(hub, workspace)
  }

  @Test func aRoundTheHubHasIsNeverMoved() throws {
    try withHubAndRound { workspace, served in
      let hub = served + "/hub.git"
      try workspace.git(["remote", "add", "origin", hub]).requireSuccess()
      try workspace.review(["sync"]).requireSuccess()
      let before = try remakeRoundOne(workspace, hub: hub)
      let again = try workspace.review(["sync"]).requireSuccess()
      #expect(again.stderr.contains("refused refs/tags/review/llama2/one"), "\(again.stderr)")
      #expect(try roundOne(hub, workspace) == before)
    }
  }

  /// Over the network (a git daemon) the round tags go too, and one there is never moved.
  @Test func aGitDaemonGetsTheRoundTagsAndKeepsThem() throws {
    try withHubAndRound { workspace, served in
      let daemon = try GitDaemon(serving: served, environment: workspace.environment)
      defer { daemon.stop() }
      let hub = served + "/hub.git"
      try workspace.git(["remote", "add", "origin", daemon.url("hub.git")]).requireSuccess()
      try workspace.review(["sync"]).requireSuccess()
      #expect(try hubTags(hub, workspace) == "refs/tags/review/llama2/one tag\n")
      let before = try remakeRoundOne(workspace, hub: hub)
      // A new round still goes, beside the one refused.
      try workspace.review(["round", "llama2", "two"]).requireSuccess()
      let again = try workspace.review(["sync"]).requireSuccess()
      #expect(again.stderr.contains("refused refs/tags/review/llama2/one"), "\(again.stderr)")
      #expect(try roundOne(hub, workspace) == before)
      #expect(try hubTags(hub, workspace).contains("refs/tags/review/llama2/two tag"))
    }
  }
}
