import Foundation
import ReviewCodec
import ReviewCore
import TestSupport
import Testing

@Suite struct PolicyTests {
  static let registry = """
    schema: 1
    default-framework: mof-1.0
    reviewers:
      alice:
        name: Alice Example
        emails: [alice@example.org, a@example.net]
        keys: ["\(TestKeys.alice.publicKey)"]
        affiliation: EleutherAI
        conflicts: [pythia]
      bob:
        email: bob@example.org
        keys:
          - \(TestKeys.bob.publicKey)
      keyonly:
        keys: ["\(TestKeys.p256.publicKey)"]
      dana:
        email: dana@example.org
        keys: ["\(TestKeys.rsa.publicKey)"]
        role: chair
      mot:
        name: Model Openness Tool
        role: reference
    policy:
      require-signatures: true
      conflicts: exclude

    """

  func settings(_ text: String = registry) throws -> Settings {
    let document = try YAMLDocument.parse(Data(text.utf8), path: "review.yaml").get()
    let (settings, problems) = Settings.read(document)
    #expect(problems.isEmpty, "\(problems)")
    return try #require(settings)
  }

  @Test func theRegistryReadsAndWritesBack() throws {
    let settings = try settings()
    let alice = try #require(settings.reviewers["alice"])
    #expect(alice.emails == ["alice@example.org", "a@example.net"])
    #expect(alice.keys == [TestKeys.alice.publicKey])
    #expect(alice.affiliation == "EleutherAI" && alice.conflicts == ["pythia"])
    #expect(settings.reviewers["bob"]?.emails == ["bob@example.org"])
    #expect(settings.role(of: "dana") == .chair && settings.role(of: "mot") == .reference)
    #expect(settings.policy == Policy(requireSignatures: true, conflicts: .exclude))
    // The canonical file reads back as the same settings.
    let again = try self.settings(String(decoding: settings.canonicalYAML(), as: UTF8.self))
    #expect(again == settings)
  }

  @Test func badRegistryEntriesAreNamedWithTheirPositions() throws {
    let text = """
      schema: 1
      reviewers:
        alice:
          emails: [not-an-address]
          keys: ["ssh-dss AAAAB3NzaC1kc3MAAAAA"]
          role: boss
          conflicts: [../etc]
      policy:
        require-signatures: perhaps
        conflicts: hide

      """
    let document = try YAMLDocument.parse(Data(text.utf8), path: "review.yaml").get()
    let (settings, problems) = Settings.read(document)
    #expect(settings == nil)
    #expect(
      problems.map(\.description) == [
        "review.yaml:4:14: error: reviewer 'alice': 'not-an-address' is not an e-mail address",
        "review.yaml:5:12: error: reviewer 'alice': key: key type ssh-dss is not supported (use ssh-ed25519, ecdsa-sha2-nistp256 or ssh-rsa)",
        "review.yaml:6:11: error: reviewer 'alice': role 'boss' is not one of panelist, reference, chair",
        "review.yaml:7:17: error: reviewer 'alice': invalid subject id '../etc': ids are 1 to 64 characters of a-z, 0-9, '.', '_', '-', starting with a letter or digit",
        "review.yaml:9:23: error: require-signatures 'perhaps' must be true or false",
        "review.yaml:10:14: error: policy conflicts 'hide' is not one of show, exclude",
      ])
  }

  @Test func whoMayChangeWhat() throws {
    let settings = try settings()
    func by(_ email: String, key: TestKeys.Pair? = nil, behalf: ReviewerID? = nil)
      -> CommitIdentity
    {
      CommitIdentity(
        name: "N", email: email, signingKey: key?.publicKey, fingerprint: key.map { _ in "FP" },
        onBehalfOf: behalf)
    }
    let alicesFile = Permission(.evaluation(subject: "llama2", reviewer: "alice"))
    #expect(
      settings.violation(of: alicesFile, by: by("alice@example.org", key: TestKeys.alice)) == nil)
    #expect(settings.violation(of: alicesFile, by: by("A@Example.NET", key: TestKeys.alice)) == nil)
    // Unsigned, or signed by another's key, under a policy that requires signatures.
    #expect(
      settings.violation(of: alicesFile, by: by("alice@example.org"))
        == "unsigned by N <alice@example.org> (alice, panelist); the policy requires a signature by one of alice's keys"
    )
    #expect(
      settings.violation(of: alicesFile, by: by("alice@example.org", key: TestKeys.bob))
        == "authored as alice but signed with bob's key FP")
    #expect(
      settings.violation(of: alicesFile, by: by("bob@example.org", key: TestKeys.bob))
        == "changed by N <bob@example.org> (bob, panelist); only alice may change it")
    // A reviewer known by key only is recognised by key.
    let keyOnly = Permission(.evaluation(subject: "llama2", reviewer: "keyonly"))
    #expect(settings.violation(of: keyOnly, by: by("x@example.org", key: TestKeys.p256)) == nil)
    #expect(settings.violation(of: keyOnly, by: by("x@example.org", key: TestKeys.eve)) != nil)
    // A chair, on someone's behalf; nobody else may.
    #expect(
      settings.violation(
        of: alicesFile, by: by("dana@example.org", key: TestKeys.rsa, behalf: "alice"))
        == nil)
    #expect(
      settings.violation(
        of: alicesFile, by: by("bob@example.org", key: TestKeys.bob, behalf: "alice"))
        == "changed by N <bob@example.org> (bob, panelist) on behalf of alice; only a chair may write on someone's behalf"
    )
    // Settings and templates are the chairs'; a reference without an identity too.
    for location in [
      FileLocation.settings, .template(framework: "mof-1.0"),
      .evaluation(subject: "llama2", reviewer: "mot"),
    ] {
      #expect(
        settings.violation(of: Permission(location), by: by("dana@example.org", key: TestKeys.rsa))
          == nil)
      #expect(
        settings.violation(of: Permission(location), by: by("bob@example.org", key: TestKeys.bob))
          != nil)
    }
    // Subject files: any registered reviewer; an unregistered file owner: nobody.
    #expect(
      settings.violation(
        of: Permission(.subject("llama2")), by: by("bob@example.org", key: TestKeys.bob)) == nil)
    #expect(
      settings.violation(
        of: Permission(.subject("llama2")), by: by("eve@example.org", key: TestKeys.eve)) != nil)
    #expect(
      settings.violation(
        of: Permission(.evaluation(subject: "llama2", reviewer: "zed")),
        by: by("zed@example.org"))?.contains("zed is not in the registry") == true)
    // A signature that does not verify is always a violation.
    var forged = by("alice@example.org", key: TestKeys.alice)
    forged.badSignature = "bad"
    #expect(settings.violation(of: alicesFile, by: forged) == "its signature does not verify: bad")
  }

  @Test func onlyPanelistsAreCounted() throws {
    let settings = try settings()
    #expect(settings.setAside("alice", on: "llama2") == nil)
    #expect(settings.setAside("alice", on: "pythia") == .conflict)
    #expect(settings.setAside("mot", on: "llama2") == .reference)
    #expect(settings.setAside("osai-index", on: "llama2") == .reference)
    #expect(settings.setAside("dana", on: "llama2") == .chair)
    #expect(settings.setAside("stranger", on: "llama2") == nil)
    var shown = settings
    shown.policy?.conflicts = .show
    #expect(shown.setAside("alice", on: "pythia") == nil)
    #expect(CommitIdentity.onBehalfOf(inMessage: "score x\n\nOn-behalf-of: carol\n") == "carol")
    #expect(CommitIdentity.onBehalfOf(inMessage: "score x\n") == nil)
  }
}
