import Foundation
import GitKit
import ReviewCodec
import ReviewCore
import ReviewStore
import SSHSigning
import TestSupport

/// Builds the benchmark's review repository through GitKit: `subjects` subjects, `reviewers`
/// reviewers each, every evaluation judging all 17 MOF criteria (about 3 KB), then `commits`
/// commits each changing one judgement of one evaluation, each signed by its reviewer's key
/// under a policy that requires signatures (the test keys, one per reviewer in turn).
struct Generator {
  let subjects: Int
  let reviewers: Int
  let commits: Int

  /// The keys reviewers sign with, in turn; the maintainer (a chair) signs with the RSA key.
  static let keys = [TestKeys.alice, TestKeys.bob, TestKeys.carol, TestKeys.eve, TestKeys.p256]

  /// The registry and policy of the generated repository.
  func settings() -> Settings {
    var registry: [ReviewerID: Settings.Reviewer] = [
      "maintainer": Settings.Reviewer(
        name: "maintainer", emails: ["maintainer@example.org"], keys: [TestKeys.rsa.publicKey],
        role: .chair)
    ]
    for r in 0..<reviewers {
      registry[ReviewerID("reviewer-\(r)")] = Settings.Reviewer(
        name: "reviewer-\(r)", emails: ["reviewer-\(r)@example.org"],
        keys: [Self.keys[r % Self.keys.count].publicKey])
    }
    return Settings(reviewers: registry, policy: Policy(requireSignatures: true))
  }

  /// git's allowed signers file for the same keys, for `git log --show-signature`.
  func allowedSigners() -> String {
    (["maintainer@example.org \(TestKeys.rsa.publicKey)"]
      + (0..<reviewers).map {
        "reviewer-\($0)@example.org \(Self.keys[$0 % Self.keys.count].publicKey)"
      })
      .joined(separator: "\n") + "\n"
  }

  func generate(at path: String) throws {
    let repository = try Repository.create(at: path, bare: true)
    let framework = try ReviewSnapshot(source: EmptySource()).framework("mof-1.0")
    var random = SeededGenerator(seed: 2024)
    let levels = framework.scale.levels.map(\.id)
    let notes = [
      "Released with the model; license checked against the SPDX list.",
      "Described in the paper only; nothing downloadable.",
      "Available after accepting the producer's terms.",
      "Published on the hub under the distribution license.",
    ]
    var evaluations: [String: Evaluation] = [:]
    var files: [(path: String, blob: ObjectID)] = []
    for s in 0..<subjects {
      let subject = SubjectID(String(format: "model-%03d", s))
      let subjectFile = Subject(id: subject, title: "Model \(s)", framework: framework.id)
      files.append(
        (FileLocation.subject(subject).path, try repository.writeBlob(subjectFile.canonicalYAML())))
      for r in 0..<reviewers {
        let reviewer = ReviewerID("reviewer-\(r)")
        var evaluation = Evaluation(subject: subject, reviewer: reviewer, framework: framework.id)
        for criterion in framework.criteria {
          evaluation.judgements[criterion.id] = Judgement(
            level: levels.randomElement(using: &random)!,
            evidence: ["https://example.org/\(subject)/\(criterion.id)"],
            note: notes.randomElement(using: &random)!)
        }
        evaluations[evaluation.path] = evaluation
        files.append(
          (evaluation.path, try repository.writeBlob(evaluation.canonicalYAML(order: framework))))
      }
    }
    for (id, text) in BuiltinTemplates.files {
      files.append(
        (
          FileLocation.template(framework: FrameworkID(id)).path,
          try repository.writeBlob(Data(text.utf8))
        ))
    }
    var time: Int64 = 1_700_000_000
    func signature(_ name: String) -> Signature {
      time += 60
      return Signature(name: name, email: "\(name)@example.org", time: time, offsetMinutes: 0)
    }
    files.append((FileLocation.settingsPath, try repository.writeBlob(settings().canonicalYAML())))
    let signers = try Self.keys.map { try SSHPrivateKey(text: $0.privateKey, path: "test key") }
    func signer(_ reviewer: Int) -> ObjectSigner {
      let key = signers[reviewer % signers.count]
      return { data in
        try SSHSignature.sign(Array(data), key: key.publicKey, with: key.sign).armored
      }
    }
    var tree = try repository.tree(byUpdating: nil, setting: files)
    var parent = try repository.writeCommit(
      tree: tree, parents: [], author: signature("maintainer"), committer: signature("maintainer"),
      message: "benchmark: \(subjects) subjects, \(reviewers) reviewers each")
    let paths = evaluations.keys.sorted()
    for index in 0..<commits {
      let path = paths.randomElement(using: &random)!
      var evaluation = evaluations[path]!
      let criterion = framework.criteria.randomElement(using: &random)!.id
      let old = evaluation.judgements[criterion]!.level
      evaluation.judgements[criterion]!.level = levels.filter { $0 != old }.randomElement(
        using: &random)!
      if index % 3 == 0 {
        evaluation.judgements[criterion]!.note = notes.randomElement(using: &random)!
      }
      evaluations[path] = evaluation
      let blob = try repository.writeBlob(evaluation.canonicalYAML(order: framework))
      tree = try repository.tree(byUpdating: tree, setting: [(path, blob)])
      let author = signature(evaluation.reviewer.rawValue)
      parent = try repository.writeCommit(
        tree: tree, parents: [parent], author: author, committer: author,
        message:
          "score \(evaluation.subject) (\(evaluation.reviewer)): \(criterion)=\(evaluation.judgements[criterion]!.level)",
        signer: signer(Int(evaluation.reviewer.rawValue.dropFirst("reviewer-".count))!))
    }
    try repository.moveReference(
      "refs/heads/main", to: parent, expecting: nil, message: "benchmark")
  }
}
