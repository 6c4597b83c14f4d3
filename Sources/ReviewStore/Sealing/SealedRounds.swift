import AgeEncryption
import Foundation
import GitKit
import ReviewCodec
import ReviewCore
import SSHSigning

/// What a sealed-round command committed.
public struct SealedRoundResult: Sendable {
  /// The commits made, oldest first.
  public var commits: [ObjectID]
  /// The round as it now stands.
  public var status: SealStatus
  /// The reviewers revealed by this command.
  public var revealed: [ReviewerID]
  /// The round's tag, when closing made one.
  public var tag: String?
}

extension ReviewRepository {
  /// The identity that opens sealed files: git config `review.identity` (an age identity file
  /// or an OpenSSH private key), else `user.signingkey` when it names an OpenSSH private key
  /// file; nil when neither is set.
  public func sealIdentity() throws -> AgeIdentity? {
    func expanded(_ path: String) -> String {
      guard path.hasPrefix("~/") else { return path }
      return (ProcessInfo.processInfo.environment["HOME"] ?? "") + path.dropFirst(1)
    }
    let configured = git.configString("review.identity").map(expanded)
    let signing = git.configString("user.signingkey").map(expanded).flatMap { path in
      (try? String(contentsOfFile: path, encoding: .utf8)).flatMap {
        SSHPrivateKey.isPrivateKey($0) ? path : nil
      }
    }
    guard let path = configured ?? signing else { return nil }
    guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
      throw StoreError.io(
        path: path, message: "cannot read the identity (git config review.identity)")
    }
    do {
      return try AgeIdentity(text: text, path: path)
    } catch let error as AgeError {
      throw StoreError.age(path: path, error)
    } catch let error as SSHError {
      throw StoreError.signing(error)
    }
  }

  /// Everyone a reviewer's seal of `subject` is encrypted to: the reviewer's ssh-ed25519 keys
  /// and age recipients, and every chair's.
  static func sealRecipients(
    for reviewer: ReviewerID, subject: SubjectID, settings: Settings
  ) throws -> [AgeRecipient] {
    func recipients(_ id: ReviewerID) -> [AgeRecipient] {
      guard let entry = settings.reviewers[id] else { return [] }
      return (entry.keys.filter { $0.hasPrefix("ssh-ed25519 ") } + entry.recipients).compactMap {
        try? AgeRecipient($0, what: "review.yaml")
      }
    }
    let own = recipients(reviewer)
    guard !own.isEmpty else { throw StoreError.noRecipient(reviewer: reviewer, subject: subject) }
    let chairs = settings.reviewers.keys.sorted().filter { settings.role(of: $0) == .chair }
      .flatMap(recipients)
    guard !chairs.isEmpty else { throw StoreError.noRecipient(reviewer: nil, subject: subject) }
    var seen: Set<AgeRecipient> = []
    return (own + chairs).filter { seen.insert($0).inserted }
  }

  /// Refuses a chair's action by anyone the policy does not recognise as a chair.
  static func requireChair(_ action: String, actor: Actor, settings: Settings) throws {
    guard settings.policy != nil else { return }
    let identity = CommitIdentity(
      name: actor.author.name, email: actor.author.email,
      signingKey: actor.signer?.ssh.publicKey.line,
      fingerprint: actor.signer?.ssh.publicKey.fingerprint)
    if let problem = settings.violation(of: .chair, by: identity) {
      let isChair = settings.writer(of: identity).map { settings.role(of: $0) == .chair } ?? false
      throw StoreError.chairOnly(
        action: action,
        problem: isChair ? problem : "\(settings.describe(identity)) is not a chair")
    }
  }

  /// Opens a sealed round of a subject: from now until it closes (or its deadline passes),
  /// the panel's evaluations of it are committed sealed.
  public func openSealedRound(
    subject id: SubjectID, name: String, until: Int64?, actor: Actor
  ) throws -> SealedRoundResult {
    try Identifier.validate(name, kind: "round")
    return try transaction { base, snapshot in
      let (subject, _) = try snapshot.assessment(id)
      let settings = try snapshot.settings
      try Self.requireChair("open a sealed round", actor: actor, settings: settings)
      if let status = try snapshot.sealStatus(id), status.isSealed {
        throw StoreError.roundInProgress(
          subject: id, round: status.round.name, state: status.round.state)
      }
      if try wrapGit({ try git.tags(withPrefix: History.roundPrefix(id) + name) }).contains(
        where: { $0.name == History.roundPrefix(id) + name })
      {
        throw StoreError.roundExists(
          name: name, subject: id, tag: History.roundPrefix(id) + name)
      }
      // The panel: the registry's panelists counted on this subject, else whoever has judged it.
      var panel = settings.reviewers.keys.sorted().filter {
        settings.setAside($0, on: id) == nil
      }
      if panel.isEmpty {
        panel = try snapshot.reviewerIDs(id).filter { settings.setAside($0, on: id) == nil }
      }
      guard !panel.isEmpty else { throw StoreError.noPanel(subject: id) }
      for reviewer in panel {
        _ = try Self.sealRecipients(for: reviewer, subject: id, settings: settings)
      }
      let round = SealedRound(name: name, until: until, panel: panel)
      var changes = [
        FileChange(path: SealLocation.round(id).path, contents: round.canonicalYAML())
      ]
      if let attributes = try attributesWithSealLine(at: base) {
        changes.append(FileChange(path: ".gitattributes", contents: attributes))
      }
      let commit = try commit(
        changes, message: "open sealed round \(name) of \(subject.id)", actor: actor, onto: base)
      return SealedRoundResult(
        commits: [commit],
        status: SealStatus(subject: id, round: round, seals: [], revealed: []), revealed: [])
    }
  }

  /// `.gitattributes` at a commit with review's lines added; nil when it has them.
  private func attributesWithSealLine(at commit: ObjectID) throws -> Data? {
    Self.attributes(adding: try wrapGit { try git.file(at: ".gitattributes", inCommit: commit) })
  }

  /// Closes a subject's open sealed round: no more seals. Then reveals every seal the closer's
  /// identity opens (a chair's opens all) and, once all are revealed, tags the result as the
  /// round `review/<subject>/<name>`.
  public func closeSealedRound(
    subject id: SubjectID, name: String, actor: Actor, identity: AgeIdentity?,
    environment: [String: String], sign: Bool? = nil
  ) throws -> SealedRoundResult {
    let closed = try transaction { base, snapshot -> ObjectID in
      let settings = try snapshot.settings
      try Self.requireChair("close a sealed round", actor: actor, settings: settings)
      guard var status = try snapshot.sealStatus(id), status.round.state == .open,
        status.round.name == name
      else { throw StoreError.noSealedRound(subject: id, name: name, expected: .open) }
      status.round.state = .closed
      return try commit(
        [FileChange(path: SealLocation.round(id).path, contents: status.round.canonicalYAML())],
        message: "close sealed round \(name) of \(id)", actor: actor, onto: base)
    }
    var result = SealedRoundResult(
      commits: [closed], status: try snapshot().sealStatus(id)!, revealed: [])
    if let identity, !result.status.unrevealed.isEmpty {
      let revealed = try reveal(subject: id, reviewer: nil, actor: actor, identity: identity)
      result.commits += revealed.commits
      result.revealed = revealed.revealed
      result.status = revealed.status
    }
    if result.status.unrevealed.isEmpty {
      let round = try History(self).createRound(
        subject: id, name: name, message: nil, environment: environment, sign: sign)
      result.tag = round.tag
    }
    return result
  }

  /// Reveals sealed evaluations of a subject whose round is closed: each plaintext, exactly
  /// as sealed, with its nonce, in one commit per reviewer. `reviewer` nil reveals every seal
  /// the identity opens; a chair writes on each reviewer's behalf.
  public func reveal(
    subject id: SubjectID, reviewer: ReviewerID?, actor: Actor, identity: AgeIdentity
  ) throws -> SealedRoundResult {
    var commits: [ObjectID] = []
    var revealed: [ReviewerID] = []
    while true {
      let step = try transaction { base, snapshot -> (ObjectID, ReviewerID)? in
        guard let status = try snapshot.sealStatus(id), !status.seals.isEmpty else {
          throw StoreError.noSealedRound(subject: id, name: nil, expected: .closed)
        }
        guard status.round.state == .closed else {
          throw StoreError.roundInProgress(subject: id, round: status.round.name, state: .open)
        }
        let candidates = status.unrevealed.filter { reviewer == nil || $0.reviewer == reviewer }
          .filter { !revealed.contains($0.reviewer) }
        for seal in candidates {
          let location = SealLocation.seal(id, seal.reviewer)
          guard let file = try snapshot.sealedBytes(location) else { continue }
          let opened: (evaluation: [UInt8], nonce: [UInt8], seal: Seal)
          do {
            opened = try SealFile.open(file, path: location.path, identity: identity)
          } catch StoreError.age(_, .noMatchingIdentity) where reviewer == nil {
            continue
          }
          let (subject, _) = try snapshot.assessment(id)
          let path = FileLocation.evaluation(subject: id, reviewer: seal.reviewer).path
          let document = try YAMLDocument.parse(Data(opened.evaluation), path: path).orThrow()
          let (read, problems) = snapshot.setup.readEvaluation(
            document, subject: subject, reviewer: seal.reviewer)
          guard read != nil else { throw ReviewError.invalidFiles(problems) }
          var writer = actor
          if seal.reviewer != actor.reviewer { writer.onBehalfOf = seal.reviewer }
          let commit = try commit(
            [
              FileChange(path: path, contents: Data(opened.evaluation)),
              FileChange(
                path: SealLocation.nonce(id, seal.reviewer).path,
                contents: SealFile.nonceFile(round: status.round.name, nonce: opened.nonce)),
            ],
            message: "reveal \(id) (\(seal.reviewer)): round \(status.round.name)",
            actor: writer, onto: base)
          return (commit, seal.reviewer)
        }
        return nil
      }
      guard let (commit, who) = step else { break }
      commits.append(commit)
      revealed.append(who)
    }
    guard !revealed.isEmpty else {
      throw StoreError.nothingToReveal(subject: id, reviewer: reviewer)
    }
    return SealedRoundResult(
      commits: commits, status: try snapshot().sealStatus(id)!, revealed: revealed)
  }

  /// The reviewer's own evaluation in the round `status` describes, opened with their
  /// identity; nil when they have not sealed one in it.
  func ownSealedEvaluation(
    _ subject: Subject, reviewer: ReviewerID, status: SealStatus, snapshot: ReviewSnapshot
  ) throws -> Evaluation? {
    let location = SealLocation.seal(subject.id, reviewer)
    // Only a seal of the round open now is the reviewer's current answer.
    guard status.seals.contains(where: { $0.reviewer == reviewer }),
      let file = try snapshot.sealedBytes(location)
    else { return nil }
    guard let identity = try sealIdentity() else { throw StoreError.noIdentity }
    let opened = try SealFile.open(file, path: location.path, identity: identity)
    let document = try YAMLDocument.parse(Data(opened.evaluation), path: location.path).orThrow()
    let (read, problems) = snapshot.setup.readEvaluation(
      document, subject: subject, reviewer: reviewer)
    guard let read else { throw ReviewError.invalidFiles(problems) }
    return read
  }

  /// Seals an evaluation in the subject's open round and commits the sealed file alone.
  func writeSeal(
    _ evaluation: Evaluation, framework: Framework, status: SealStatus, actor: Actor,
    settings: Settings, onto base: ObjectID
  ) throws -> ObjectID {
    guard status.round.takesSeals(at: actor.author.time) else {
      throw StoreError.deadlinePassed(
        subject: status.subject, round: status.round.name, until: status.round.until ?? 0)
    }
    let recipients = try Self.sealRecipients(
      for: evaluation.reviewer, subject: status.subject, settings: settings)
    let contents = evaluation.canonicalYAML(order: framework)
    try Self.checkReadsBack(contents, as: evaluation, framework: framework)
    let sealed = try SealFile.make(
      evaluation: Array(contents), subject: status.subject, reviewer: evaluation.reviewer,
      round: status.round.name, at: actor.author.time, recipients: recipients)
    // The message says whose seal and which round, and nothing of what it holds.
    return try commit(
      [
        FileChange(
          path: SealLocation.seal(status.subject, evaluation.reviewer).path,
          contents: sealed.file)
      ],
      message: "seal \(status.subject) (\(evaluation.reviewer)): round \(status.round.name)",
      actor: actor, onto: base)
  }
}
