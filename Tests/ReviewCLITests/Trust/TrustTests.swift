import Foundation
import TestSupport
import Testing

@Suite struct TrustTests {
  @Test func signedWritesVerifyWithGitAndSSHKeygen() throws {
    try Panel.with { panel in
      let workspace = panel.workspace
      try panel.review("alice", ["score", "llama2", "datasets=closed", "model-card=open"])
        .requireSuccess()
      let alice = try panel.head()
      try panel.review("bob", ["score", "llama2", "datasets=closed", "model-card=restricted"])
        .requireSuccess()
      let bob = try panel.head()
      try panel.review("carol", ["score", "llama2", "datasets=open"]).requireSuccess()
      let carol = try panel.head()
      // git's own verification, through ssh-keygen and the allowed signers file.
      for (commit, signer) in [(alice, "alice"), (bob, "bob")] {
        let verified = try workspace.git(["verify-commit", commit])
        #expect(verified.status == 0, "\(verified.stderr)")
        #expect(verified.stderr.contains("Good \"git\" signature for \(signer)@example.org"))
      }
      #expect(try workspace.git(["verify-commit", carol]).status != 0)
      // ssh-keygen on its own: the signature and the bytes it signs, cut out of the commit.
      let object = try workspace.git(["cat-file", "commit", alice]).requireSuccess().stdout
      let (payload, signature) = try #require(Self.splitSignature(object))
      try signature.write(toFile: workspace.root + "/../sig", atomically: true, encoding: .utf8)
      let keygen = try run(
        "/usr/bin/ssh-keygen",
        [
          "-Y", "verify", "-f", panel.allowedSigners, "-I", "alice@example.org", "-n", "git",
          "-s", workspace.root + "/../sig",
        ], in: workspace.root, environment: workspace.environment, input: payload)
      #expect(keygen.status == 0, "\(keygen.stderr)")
      // A round's tag, signed as tag.gpgsign asks, passes git verify-tag.
      try workspace.git(["config", "tag.gpgsign", "true"]).requireSuccess()
      try panel.review("chair", ["round", "llama2", "draft-1"]).requireSuccess()
      let tag = try workspace.git(["verify-tag", "review/llama2/draft-1"])
      #expect(tag.status == 0 && tag.stderr.contains("for chair@example.org"), "\(tag.stderr)")
      // A round is the chair's to close.
      let refused = try panel.review("bob", ["round", "llama2", "draft-2"])
      #expect(refused.status == 1)
      #expect(
        refused.stderr
          == "error: only a chair may close a round: Bob <bob@example.org> (bob, panelist) is not a chair\n"
      )
      // review verify: the unsigned commit is the one violation.
      let (status, violations) = try panel.verify()
      #expect(status == 1)
      #expect(
        violations == [
          "\(carol.prefix(7)) reviews/llama2/carol.yaml: unsigned by Carol <carol@example.org> (carol, panelist); the policy requires signatures, and carol has no key in the registry"
        ])
      // A round tagged by Bob with plain git (signed with his key) is not a chair's.
      try panel.git("bob", ["tag", "-a", "review/llama2/bobs", "-m", "mine"])
      #expect(
        try panel.verify().violations.last
          == "\(carol.prefix(7)) refs/tags/review/llama2/bobs: closed by Bob <bob@example.org> (bob, panelist); only a chair may close a round"
      )
      try workspace.git(["tag", "-d", "review/llama2/bobs"]).requireSuccess()
      let json = try workspace.review(["verify", "--format", "json"]).json()
      #expect(json["commits"] as? Int == 6)
      #expect((json["unverifiable"] as? [String])?.count == 2)
      #expect(json["signed"] as? Int == 3)
      // Each evaluation is marked by the commit that wrote it.
      let consensus = try workspace.review(["consensus", "llama2", "--format", "json"])
        .requireSuccess().json()
      #expect(
        consensus["verification"] as? [String: String]
          == ["alice": "verified", "bob": "verified", "carol": "violation"])
      #expect(consensus["declared_conflicts"] as? [String] == ["carol"])
      let text = try workspace.review(["consensus", "llama2"]).requireSuccess().stdout
      #expect(text.contains("signatures: alice verified, bob verified, carol violation"))
      #expect(text.contains("declared a conflict of interest, counted: carol"))
      let show = try workspace.review(["show", "llama2", "alice"]).requireSuccess().stdout
      #expect(show.contains("alice: verified"))
      let report = try workspace.review(["report", "llama2"]).requireSuccess().stdout
      #expect(report.contains("| Verification |") && report.contains("| violation |"))
    }
  }

  @Test func eachAttackIsOneLineOfVerify() throws {
    try Panel.with { panel in
      let workspace = panel.workspace
      try panel.review("alice", ["score", "llama2", "datasets=closed"]).requireSuccess()
      try panel.review("bob", ["score", "llama2", "datasets=open"]).requireSuccess()
      let base = try panel.head()
      func attack(_ name: String, _ body: () throws -> Void) throws -> (String, [String]) {
        try workspace.git(["checkout", "-q", "-b", name, base]).requireSuccess()
        try body()
        let head = try panel.head()
        let (status, violations) = try panel.verify("\(base)..\(name)")
        #expect(status == 1, "\(name)")
        try workspace.git(["checkout", "-q", "main"]).requireSuccess()
        return (String(head.prefix(7)), violations)
      }
      func edit(_ path: String, _ from: String, _ to: String) throws {
        try workspace.write(path, try workspace.read(path).replacingOccurrences(of: from, with: to))
      }
      // Bob changes Alice's file with plain git, signed with his own key.
      let (bobEdit, bobLines) = try attack("bob-edits-alice") {
        try edit("reviews/llama2/alice.yaml", "level: closed", "level: open")
        try panel.git("bob", ["commit", "-qam", "fix alice"])
      }
      #expect(
        bobLines == [
          "\(bobEdit) reviews/llama2/alice.yaml: changed by Bob <bob@example.org> (bob, panelist); only alice may change it"
        ])
      // Eve forges Alice's e-mail and signs with her own key.
      let (forged, forgedLines) = try attack("forged-email") {
        try edit("reviews/llama2/alice.yaml", "level: closed", "level: open")
        try panel.git(
          "eve",
          [
            "-c", "user.email=alice@example.org", "commit", "-qam", "as alice",
            "--author", "Alice <alice@example.org>",
          ])
      }
      #expect(forgedLines.count == 1)
      #expect(
        forgedLines.first?.hasPrefix(
          "\(forged) reviews/llama2/alice.yaml: signed with SHA256:") == true)
      #expect(forgedLines.first?.hasSuffix("the policy requires one of alice's keys") == true)
      // A signed commit of Alice's whose content was changed afterwards: the signature stays,
      // and no longer verifies.
      let (tampered, tamperedLines) = try attack("tampered") {
        try edit("reviews/llama2/alice.yaml", "level: closed", "level: open")
        try panel.git("alice", ["commit", "-qam", "alice: open"])
        let object = try workspace.git(["cat-file", "commit", "HEAD"]).requireSuccess().stdout
        let forged = object.replacingOccurrences(of: "alice: open", with: "alice: open!")
        try workspace.write(".forged", forged)
        let id = try workspace.git(["hash-object", "-t", "commit", "-w", ".forged"])
          .requireSuccess().stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        try FileManager.default.removeItem(atPath: workspace.root + "/.forged")
        try workspace.git(["reset", "-q", "--soft", id]).requireSuccess()
      }
      #expect(tamperedLines.count == 1)
      #expect(
        tamperedLines.first?.hasPrefix(
          "\(tampered) reviews/llama2/alice.yaml: its signature does not verify: the signature by SHA256:"
        )
          == true, "\(tamperedLines)")
      #expect(try workspace.git(["verify-commit", tampered]).status != 0)
      // Bob relaxes the policy.
      let (relaxed, policyLines) = try attack("policy-by-bob") {
        try edit("review.yaml", "require-signatures: true", "require-signatures: false")
        try panel.git("bob", ["commit", "-qam", "relax"])
      }
      #expect(
        policyLines == [
          "\(relaxed) review.yaml: changed by Bob <bob@example.org> (bob, panelist); only a chair may change it"
        ])
      // A merge that slips in an edit of Alice's file.
      let (merge, mergeLines) = try attack("slipped-merge") {
        try workspace.git(["checkout", "-q", "-b", "side", base]).requireSuccess()
        try workspace.write("NOTES.md", "notes\n")
        try panel.git("bob", ["add", "NOTES.md"])
        try panel.git("bob", ["commit", "-qm", "notes"])
        try workspace.git(["checkout", "-q", "slipped-merge"]).requireSuccess()
        try panel.review("bob", ["score", "llama2", "model-card=open"]).requireSuccess()
        try panel.git("bob", ["merge", "-q", "--no-commit", "side"])
        try edit("reviews/llama2/alice.yaml", "level: closed", "level: restricted")
        try panel.git("bob", ["commit", "-qam", "merge side"])
      }
      #expect(
        mergeLines == [
          "\(merge) reviews/llama2/alice.yaml: a merge by Bob <bob@example.org> (bob, panelist) made it neither parent's version nor their semantic merge"
        ])
      // What comes in is checked: the merge stops and lists it, unless told otherwise.
      let stopped = try panel.review("bob", ["merge", "bob-edits-alice"])
      #expect(stopped.status == 1)
      #expect(stopped.stderr.contains("bob-edits-alice brings 1 violation of the policy"))
      #expect(stopped.stderr.contains("\(bobEdit) reviews/llama2/alice.yaml: changed by Bob"))
      #expect(try panel.head() == base)
      try panel.review("bob", ["merge", "bob-edits-alice", "--allow-unverified"]).requireSuccess()
      let message = try workspace.git(["log", "-1", "--format=%B"]).requireSuccess().stdout
      #expect(message.contains("Merged with --allow-unverified despite 1 violation:"))
      // The merge commit is signed like every other write.
      #expect(try workspace.git(["verify-commit", "HEAD"]).stderr.contains("for bob@example.org"))
      #expect(
        try workspace.git(["rev-parse", "HEAD^2"]).requireSuccess().stdout.hasPrefix(bobEdit))
    }
  }

  @Test func scoringAsSomeoneElseIsRefused() throws {
    try Panel.with { panel in
      let workspace = panel.workspace
      let before = try panel.head()
      let signed = try panel.review(
        "bob", ["score", "llama2", "datasets=open", "--reviewer", "alice"])
      #expect(signed.status == 1)
      #expect(
        signed.stderr.hasPrefix("error: the key SHA256:")
          && signed.stderr.hasSuffix(
            "(bob's) is not alice's identity: only alice may write alice's evaluations (as a chair, record it for them with --on-behalf-of alice)\n"
          ),
        "\(signed.stderr)")
      let unsigned = try workspace.review(
        ["score", "llama2", "datasets=open", "--reviewer", "carol", "--no-sign"],
        extra: panel.identity("bob"))
      #expect(
        unsigned.stderr
          == "error: <bob@example.org> (bob's) is not carol's identity: only carol may write carol's evaluations (as a chair, record it for them with --on-behalf-of carol)\n"
      )
      #expect(try panel.head() == before)
      // A chair records Carol's judgement for her; verify accepts it from a chair only.
      try panel.review("chair", ["score", "llama2", "datasets=open", "--on-behalf-of", "carol"])
        .requireSuccess()
      let message = try workspace.git(["log", "-1", "--format=%B"]).requireSuccess().stdout
      #expect(message.hasSuffix("\n\nOn-behalf-of: carol\n"), "\(message)")
      let author = try workspace.git(["log", "-1", "--format=%ae"]).requireSuccess().stdout
      #expect(author == "chair@example.org\n")
      #expect(try panel.verify().status == 0)
      let notChair = try panel.review(
        "bob", ["score", "llama2", "datasets=open", "--on-behalf-of", "carol"])
      #expect(notChair.status == 1)
      #expect(
        notChair.stderr.hasPrefix("error: the key SHA256:")
          && notChair.stderr.hasSuffix(
            " (bob's) is not a chair's: only a chair may write on someone's behalf\n"),
        "\(notChair.stderr)")
      // Under a policy, an unregistered reviewer and a reference are refused before writing.
      let head = try panel.head()
      let stranger = try workspace.review(
        ["score", "llama2", "datasets=open", "--reviewer", "zed", "--no-sign"],
        extra: panel.identity("bob"))
      #expect(
        stranger.stderr
          == "error: under review.yaml's policy, writing as zed needs zed in the registry with an e-mail or a key (a chair registers reviewers)\n"
      )
      let reference = try panel.review(
        "bob", ["score", "llama2", "datasets=open", "--reviewer", "mot"])
      #expect(
        reference.stderr.hasPrefix(
          "error: only a chair may write the reference mot's evaluations: the key SHA256:"),
        "\(reference.stderr)")
      #expect(try panel.head() == head)
    }
  }

  @Test func anImportIsAReferenceAndChangesNoConsensus() throws {
    try Panel.with { panel in
      let workspace = panel.workspace
      try panel.review("alice", ["score", "llama2", "datasets=closed", "model-card=open"])
        .requireSuccess()
      try panel.review("bob", ["score", "llama2", "datasets=closed", "model-card=restricted"])
        .requireSuccess()
      func counted() throws -> [String: Any] {
        var json = try workspace.review(["consensus", "llama2", "--format", "json"])
          .requireSuccess().json()
        for key in ["revision", "not_counted", "verification"] { json[key] = nil }
        return json
      }
      let before = try counted()
      let record = packageRoot + "/Tests/Fixtures/mot/models/Llama-2-7B.yml"
      try panel.review("chair", ["import", "mot", record, "--subject", "llama2"]).requireSuccess()
      let after = try counted()
      #expect(
        (try JSONSerialization.data(withJSONObject: before, options: .sortedKeys))
          == (try JSONSerialization.data(withJSONObject: after, options: .sortedKeys)))
      let json = try workspace.review(["consensus", "llama2", "--format", "json"]).json()
      let mot = try #require((json["not_counted"] as? [String: [String: Any]])?["mot"])
      #expect(mot["reason"] as? String == "reference")
      // A chair keeps a reference's records: the import breaks no rule.
      #expect(try panel.verify().status == 0)
      #expect((json["verification"] as? [String: String])?["mot"] == "verified")
    }
  }

  @Test func declaredConflictsCanBeLeftOut() throws {
    try Panel.with(policy: "  require-signatures: false\n  conflicts: exclude\n") { panel in
      let workspace = panel.workspace
      try panel.review("alice", ["score", "llama2", "datasets=closed"]).requireSuccess()
      try panel.review("carol", ["score", "llama2", "datasets=open"]).requireSuccess()
      let json = try workspace.review(["consensus", "llama2", "--format", "json"]).json()
      #expect(json["reviewers"] as? [String] == ["alice"])
      let carol = try #require((json["not_counted"] as? [String: [String: Any]])?["carol"])
      #expect(carol["reason"] as? String == "conflict")
      #expect(
        (json["verification"] as? [String: String]) == ["alice": "verified", "carol": "unsigned"])
      let text = try workspace.review(["consensus", "llama2"]).stdout
      #expect(
        text.contains("[carol]")
          && text.contains("carol (conflict of interest, excluded by policy)"))
    }
  }

  @Test func signingSetUpsThatCannotSignAreNamed() throws {
    try Panel.with { panel in
      let workspace = panel.workspace
      let before = try panel.head()
      try workspace.git(["config", "gpg.format", "openpgp"]).requireSuccess()
      let pgp = try workspace.review(
        ["score", "llama2", "datasets=open"], extra: panel.identity("alice"))
      #expect(
        pgp.stderr
          == "error: gpg.format is 'openpgp': review signs with SSH keys only (git config gpg.format ssh), or write unsigned with --no-sign\n"
      )
      try workspace.git(["config", "gpg.format", "ssh"]).requireSuccess()
      try workspace.git(["config", "--unset-all", "user.signingkey"]).requireSuccess()
      let noKey = try workspace.review(
        ["score", "llama2", "datasets=open"], extra: panel.identity("alice"))
      #expect(noKey.stderr.contains("user.signingkey is not set"))
      let locked = try TestKeys.locked.write(to: panel.keys, name: "locked")
      try FileManager.default.removeItem(atPath: locked + ".pub")
      try workspace.git(["config", "user.signingkey", locked]).requireSuccess()
      let lockedResult = try workspace.review(
        ["score", "llama2", "datasets=open"], extra: panel.identity("alice"))
      #expect(lockedResult.stderr.contains("is protected by a passphrase: add it to ssh-agent"))
      try workspace.git(["config", "user.signingkey", "key::" + TestKeys.alice.publicKey])
        .requireSuccess()
      let notHeld = try workspace.review(
        ["score", "llama2", "datasets=open"], extra: panel.identity("alice"))
      #expect(notHeld.stderr.contains("ssh-agent does not hold the key SHA256:"))
      for result in [pgp, noKey, lockedResult, notHeld] { #expect(result.status == 1) }
      #expect(try panel.head() == before)
      #expect(try workspace.git(["status", "--porcelain"]).stdout.isEmpty)
    }
  }

  /// A commit object's text without its signature, and the signature.
  static func splitSignature(_ object: String) -> (payload: String, signature: String)? {
    var payload: [Substring] = []
    var signature: [Substring] = []
    var inSignature = false
    var inHeader = true
    for line in object.split(separator: "\n", omittingEmptySubsequences: false) {
      if inHeader && line.hasPrefix("gpgsig ") {
        inSignature = true
        signature.append(line.dropFirst(7))
      } else if inSignature && line.hasPrefix(" ") {
        signature.append(line.dropFirst())
      } else {
        inSignature = false
        if line.isEmpty { inHeader = false }
        payload.append(line)
      }
    }
    guard !signature.isEmpty else { return nil }
    return (payload.joined(separator: "\n"), signature.joined(separator: "\n") + "\n")
  }
}
