import AgeEncryption
import Crypto
import Foundation
import ReviewCore

/// A sealed evaluation's file: an armored age file encrypted to its reviewer and the chairs,
/// whose header carries a `review/seal` stanza that everyone can read: round, time and
/// commitment. Whose seal it is, the path says; the commitment covers the evaluation, which
/// names its subject and reviewer, so a seal copied to another path never reveals.
enum SealFile {
  static let stanzaType = "review/seal"

  /// SHA-256 of the nonce followed by the canonical evaluation.
  static func commitment(nonce: [UInt8], evaluation: [UInt8]) -> [UInt8] {
    Array(SHA256.hash(data: nonce + evaluation))
  }

  /// Seals a canonical evaluation: a fresh nonce, the padded plaintext, encrypted to
  /// `recipients`, with the seal's stanza.
  static func make(
    evaluation: [UInt8], subject: SubjectID, reviewer: ReviewerID, round: String, at time: Int64,
    recipients: [AgeRecipient]
  ) throws -> (file: Data, seal: Seal) {
    var nonce = [UInt8](repeating: 0, count: 32)
    for index in nonce.indices { nonce[index] = UInt8.random(in: 0...255) }
    let seal = Seal(
      subject: subject, reviewer: reviewer, round: round, sealedAt: time,
      commitment: commitment(nonce: nonce, evaluation: evaluation))
    let stanza = AgeStanza(
      arguments: [stanzaType, "v1", round, "\(time)", Hex.encode(seal.commitment)], body: [])
    let file = try AgeFile.encrypt(
      SealPayload.plaintext(evaluation: evaluation, nonce: nonce), to: recipients, extra: [stanza])
    return (Data(AgeFile.armor(file).utf8), seal)
  }

  /// What a sealed file's header says, read without a key; `path` (where it stands) names
  /// its subject and reviewer.
  static func seal(of file: Data, path: String) throws -> Seal {
    guard case .seal(let subject, let reviewer) = SealLocation(path: path) else {
      throw StoreError.notAReviewFile(path)
    }
    let stanzas: [AgeStanza]
    do {
      stanzas = try AgeFile.stanzas(of: Array(file))
    } catch let error as AgeError {
      throw StoreError.age(path: path, error)
    }
    guard let arguments = stanzas.first(where: { $0.arguments.first == stanzaType })?.arguments,
      arguments.count == 5, arguments[1] == "v1", let time = Int64(arguments[3]),
      let commitment = Hex.decode(arguments[4]), commitment.count == 32
    else {
      throw StoreError.sealBroken(
        path: path, reason: "the file has no readable \(stanzaType) stanza")
    }
    return Seal(
      subject: subject, reviewer: reviewer, round: arguments[2], sealedAt: time,
      commitment: commitment)
  }

  /// Opens a sealed file with an identity: the evaluation's bytes and the nonce, checked
  /// against the header's commitment.
  static func open(_ file: Data, path: String, identity: AgeIdentity) throws -> (
    evaluation: [UInt8], nonce: [UInt8], seal: Seal
  ) {
    let seal = try seal(of: file, path: path)
    let plaintext: [UInt8]
    do {
      plaintext = try AgeFile.decrypt(Array(file), with: identity)
    } catch let error as AgeError {
      throw StoreError.age(path: path, error)
    }
    guard let (evaluation, nonce) = SealPayload.read(plaintext) else {
      throw StoreError.sealBroken(path: path, reason: "the sealed plaintext has no nonce line")
    }
    guard commitment(nonce: nonce, evaluation: evaluation) == seal.commitment else {
      throw StoreError.sealBroken(
        path: path, reason: "the sealed evaluation does not match the file's commitment")
    }
    return (evaluation, nonce, seal)
  }

  /// A revealed seal's nonce file: the round and the nonce in hex, on one line.
  static func nonceFile(round: String, nonce: [UInt8]) -> Data {
    Data("\(round) \(Hex.encode(nonce))\n".utf8)
  }

  /// The round and nonce of a nonce file; nil when it does not read.
  static func readNonce(_ data: Data) -> (round: String, nonce: [UInt8])? {
    let parts = String(decoding: data, as: UTF8.self).trimmingCharacters(
      in: .whitespacesAndNewlines
    ).split(separator: " ")
    guard parts.count == 2, let nonce = Hex.decode(String(parts[1])), nonce.count == 32 else {
      return nil
    }
    return (String(parts[0]), nonce)
  }

  /// The newest of two seals of the same file, for merges: the later time, then the larger
  /// commitment, so that every clone picks the same.
  static func newer(_ a: Data, _ b: Data, path: String) throws -> Data {
    let sa = try seal(of: a, path: path)
    let sb = try seal(of: b, path: path)
    if sa.sealedAt != sb.sealedAt { return sa.sealedAt > sb.sealedAt ? a : b }
    return sb.commitment.lexicographicallyPrecedes(sa.commitment) ? a : b
  }
}
