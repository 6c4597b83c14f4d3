import Foundation
import ReviewCodec
import ReviewCore

extension ReviewSnapshot {
  /// The subject's sealed round at this tree with its seals and reveals; nil when the subject
  /// has never had one.
  public func sealStatus(_ subject: SubjectID) throws -> SealStatus? {
    let folder = SealLocation.folder(subject)
    guard let entries = try source.entries(folder),
      let kind = entries[SealLocation.roundFileName]
    else { return nil }
    let roundPath = SealLocation.round(subject).path
    let document = try Self.document(roundPath, kind: kind, source: source).get()
    let (read, problems) = SealedRound.read(document)
    guard let round = read else { throw ReviewError.invalidFiles(problems) }
    var seals: [Seal] = []
    var revealed: Set<ReviewerID> = []
    for (name, kind) in entries.sorted(by: { $0.key < $1.key }) {
      switch SealLocation.inFolder(subject, name: name) {
      // Files of earlier rounds stay (history keeps them anyway); only this round's count.
      case .seal(_, let reviewer) where Identifier.isValid(reviewer):
        let path = SealLocation.seal(subject, reviewer).path
        let seal = try SealFile.seal(
          of: try Self.bytes(path, kind: kind, source: source).get(), path: path)
        if seal.round == round.name { seals.append(seal) }
      case .nonce(_, let reviewer) where Identifier.isValid(reviewer):
        let path = SealLocation.nonce(subject, reviewer).path
        let bytes = try Self.bytes(path, kind: kind, source: source).get()
        guard let (nonceRound, _) = SealFile.readNonce(bytes) else {
          throw StoreError.sealBroken(
            path: path, reason: "expected the round and a 32-byte nonce in hex")
        }
        if nonceRound == round.name { revealed.insert(reviewer) }
      default:
        continue
      }
    }
    return SealStatus(subject: subject, round: round, seals: seals, revealed: revealed)
  }

  /// The status of a subject whose judgements a sealed round hides; nil when nothing is hidden.
  public func sealedStatus(_ subject: SubjectID) throws -> SealStatus? {
    try sealStatus(subject).flatMap { $0.isSealed ? $0 : nil }
  }

  /// Throws `subjectSealed` when a sealed round hides the subject's judgements.
  func requireUnsealed(_ subject: SubjectID) throws {
    if let status = try sealedStatus(subject) { throw StoreError.subjectSealed(status) }
  }

  /// The bytes of a sealed file or nonce at this tree; nil when there is none.
  func sealedBytes(_ location: SealLocation) throws -> Data? {
    guard let kind = try source.entries(SealLocation.folder(location.subject))?[location.name]
    else { return nil }
    return try Self.bytes(location.path, kind: kind, source: source).get()
  }
}

extension SealStatus: Encodable {
  private enum Keys: String, CodingKey {
    case round, state, until, panel, submitted, revealed
    case submittedCount = "submitted_count"
    case expectedCount = "expected_count"
  }

  private struct Submission: Encodable {
    var reviewer: String
    var sealed_at: String
  }

  /// `{"round", "state", "until", "panel", "submitted": [{"reviewer", "sealed_at"}],
  /// "revealed", "submitted_count", "expected_count"}`: who and when, never what.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.container(keyedBy: Keys.self)
    try container.encode(round.name, forKey: .round)
    try container.encode(round.state, forKey: .state)
    try container.encode(round.until.map(SealedRound.isoDate), forKey: .until)
    try container.encode(round.panel.map(\.rawValue), forKey: .panel)
    try container.encode(
      seals.map {
        Submission(reviewer: $0.reviewer.rawValue, sealed_at: SealedRound.isoDate($0.sealedAt))
      }, forKey: .submitted)
    try container.encode(revealed.map(\.rawValue).sorted(), forKey: .revealed)
    try container.encode(submittedCount, forKey: .submittedCount)
    try container.encode(expectedCount, forKey: .expectedCount)
  }
}
