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
