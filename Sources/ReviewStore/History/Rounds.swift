import Foundation
import GitKit
import ReviewCodec
import ReviewCore

/// A named point in a subject's history (an annotated tag `review/<subject>/<name>`), with the
/// panel's state there.
public struct Round: Sendable, Encodable {
  /// The round's name.
  public var name: String
  /// The annotated tag, `review/<subject>/<name>`.
  public var tag: String
  /// The commit the round closed at.
  public var commit: ObjectID
  /// The tag's date, ISO 8601.
  public var date: String
  /// Who closed the round.
  public var tagger: String?
  /// The tag's message.
  public var message: String
  /// Krippendorff's alpha at the round.
  public var alpha: Double?
  /// Criteria agreed at the round.
  public var agreed: Int
  /// Criteria contested at the round.
  public var contested: Int
  /// Criteria with too few reviewers at the round.
  public var insufficient: Int
  /// The first outcome's label there, such as the MOF class.
  public var outcome: String?
  /// The judgements that changed since the previous round (for the first: since nothing).
  public var changes: [JudgementChange]
  /// For each change, in the same order, the commit that made the judgement what it is at the
  /// round (through merges, as `blame` finds it); nil for a judgement removed.
  public var credits: [RoundCredit?]
}

/// Who made a judgement what it is at a round: the commit and its author.
public struct RoundCredit: Sendable, Encodable, Equatable {
  /// The commit.
  public var commit: ObjectID
  /// Its author, `Name <email>`.
  public var author: String
}

extension History {
  static func roundPrefix(_ subject: SubjectID) -> String { "review/\(subject)/" }

  /// Tags the subject's committed state at HEAD as round `name`.
  ///
  /// The tag is signed as `sign` (`--sign`, `--no-sign`) or git's `tag.gpgsign` says.
  public func createRound(
    subject: SubjectID, name: String, message: String?, environment: [String: String],
    sign: Bool? = nil
  ) throws -> Round {
    try Identifier.validate(name, kind: "round")
    _ = try snapshot().subject(subject)
    let tagName = Self.roundPrefix(subject) + name
    guard try wrapGit({ try git.tags(withPrefix: tagName) }).allSatisfy({ $0.name != tagName })
    else {
      throw StoreError.roundExists(name: name, subject: subject, tag: tagName)
    }
    let tagger = try wrapGit {
      try Signature.resolve(
        role: .committer, environment: environment, config: { git.configString($0) })
    }
    let signer = try WriteSigner.resolve(
      .tag, choice: sign, environment: environment, config: { git.configString($0) })
    // Under a policy, rounds are the chair's to close.
    let settings = try snapshot().settings
    if settings.policy != nil {
      let identity = CommitIdentity(
        name: tagger.name, email: tagger.email, signingKey: signer?.ssh.publicKey.line,
        fingerprint: signer?.ssh.publicKey.fingerprint)
      if let problem = settings.violation(of: .chair, by: identity) {
        let isChair = settings.writer(of: identity).map { settings.role(of: $0) == .chair } ?? false
        throw StoreError.chairOnly(
          action: "close a round",
          problem: isChair ? problem : "\(settings.describe(identity)) is not a chair")
      }
    }
    let head = try wrapGit { try git.resolveCommit("HEAD") }
    _ = try wrapGit {
      try git.createTag(
        tagName, on: head, tagger: tagger,
        message: (message ?? "round \(name) of \(subject)") + "\n",
        signer: signer?.objectSigner)
    }
    guard let round = try rounds(subject: subject).first(where: { $0.name == name }) else {
      throw StoreError.roundNotFound(name: name)
    }
    return round
  }

  /// The subject's rounds, oldest first (by tag date, then name), each with the panel's
  /// consensus there and the judgements changed since the round before.
  public func rounds(subject: SubjectID) throws -> [Round] {
    try Identifier.validate(subject)
    let prefix = Self.roundPrefix(subject)
    let tags = try wrapGit { try git.tags(withPrefix: prefix) }.sorted {
      ($0.tagger?.time ?? 0, $0.name) < ($1.tagger?.time ?? 0, $1.name)
    }
    var rounds: [Round] = []
    var previous: ObjectID?
    for tag in tags {
      let state = try roundState(
        subject: subject, name: String(tag.name.dropFirst(prefix.count)), commit: tag.target,
        previous: previous)
      var round = state
      round.tag = tag.name
      round.tagger = tag.tagger.map { "\($0.name) <\($0.email)>" }
      round.message = tag.message.trimmingCharacters(in: .whitespacesAndNewlines)
      if let tagger = tag.tagger { round.date = tagger.isoDate }
      rounds.append(round)
      previous = tag.target
    }
    return rounds
  }

  /// The panel's state of a subject at a commit, and what changed since `previous`.
  func roundState(subject: SubjectID, name: String, commit: ObjectID, previous: ObjectID?) throws
    -> Round
  {
    let report = try? repository.consensus(subject: subject, at: commit.hex)
    let changes =
      try previous.map { try diff(subject: subject, from: $0.hex, to: commit.hex) }
      ?? (report.map { report in
        report.evaluations.flatMap {
          SemanticDiff.changes(
            from: nil, to: $0, subject: subject, reviewer: $0.reviewer,
            order: report.framework)
        }
      } ?? [])
    let date = try wrapGit { try git.commit(commit) }.committer.isoDate
    func count(_ status: ConsensusStatus) -> Int {
      report?.criteria.filter { $0.status == status }.count ?? 0
    }
    // Each change credited to the commit that made it, per reviewer in one attribution walk.
    var credit: [ReviewerID: [CriterionID: ObjectID]] = [:]
    let frameworks = changes.isEmpty ? [:] : try snapshot(at: commit.hex).frameworks
    for reviewer in Set(changes.map(\.reviewer)) {
      let criteria = Set(
        changes.filter { $0.reviewer == reviewer && $0.new != nil }.compactMap(\.criterion))
      credit[reviewer] = try judgementCredits(
        subject: subject, reviewer: reviewer, criteria: criteria, from: commit,
        frameworks: frameworks)
    }
    var authors: [ObjectID: String] = [:]
    let credits = try changes.map { change -> RoundCredit? in
      guard change.new != nil, let criterion = change.criterion,
        let id = credit[change.reviewer]?[criterion]
      else { return nil }
      if authors[id] == nil {
        let author = try wrapGit { try git.commit(id) }.author
        authors[id] = "\(author.name) <\(author.email)>"
      }
      return RoundCredit(commit: id, author: authors[id]!)
    }
    return Round(
      name: name, tag: "", commit: commit, date: date, tagger: nil, message: "",
      alpha: report?.agreement.alpha.value, agreed: count(.agreed), contested: count(.contested),
      insufficient: count(.insufficient), outcome: report?.outcomes.first?.label, changes: changes,
      credits: credits)
  }
}
