import AgeEncryption
import Foundation
import ReviewCore
import TestSupport
import Testing

@testable import ReviewStore

/// Two seals of the same reviewer, made on two clones, merge to the newest, whichever side is
/// ours; and every seal of a size class has the same size.
@Suite struct SealMergeTests {
  let alice = try! AgeIdentity(text: TestKeys.alice.privateKey, path: "alice")
  let path = "reviews/llama2/sealed/alice.age"

  func seal(_ text: String, at time: Int64) throws -> Data {
    try SealFile.make(
      evaluation: Array(text.utf8), subject: "llama2", reviewer: "alice", round: "delphi-1",
      at: time, recipients: [alice.recipient]
    ).file
  }

  @Test func theNewestSealWinsOnEitherSide() throws {
    let base = try seal("schema: 1\n", at: 100)
    let older = try seal("schema: 1\nsubject: llama2\n", at: 200)
    let newer = try seal("schema: 1\nsubject: llama2\nreviewer: alice\n", at: 300)
    #expect(try SealMerge.mergeSeal(base: base, ours: older, theirs: newer, path: path) == newer)
    #expect(try SealMerge.mergeSeal(base: base, ours: newer, theirs: older, path: path) == newer)
    #expect(try SealMerge.mergeSeal(base: Data(), ours: older, theirs: newer, path: path) == newer)
    // A side that changed nothing gives way, even to an older seal.
    #expect(try SealMerge.mergeSeal(base: newer, ours: newer, theirs: older, path: path) == older)
    // Two seals of the same time settle the same way on both clones.
    let a = try seal("a\n", at: 400)
    let b = try seal("b\n", at: 400)
    #expect(
      try SealMerge.mergeSeal(base: base, ours: a, theirs: b, path: path)
        == (try SealMerge.mergeSeal(base: base, ours: b, theirs: a, path: path)))
    #expect(Set([base, older, newer, a, b].map(\.count)).count == 1)
    let opened = try SealFile.open(newer, path: path, identity: alice)
    #expect(String(decoding: opened.evaluation, as: UTF8.self).hasSuffix("reviewer: alice\n"))
  }

  @Test func aChangedCommitmentIsRefusedOnOpening() throws {
    let file = try seal("schema: 1\n", at: 100)
    let forged = try SealFile.make(
      evaluation: Array("schema: 2\n".utf8), subject: "llama2", reviewer: "alice",
      round: "delphi-1", at: 100, recipients: [alice.recipient]
    ).file
    #expect(
      try SealFile.seal(of: file, path: path).commitment
        != SealFile.seal(of: forged, path: path).commitment)
    #expect(throws: StoreError.self) { try SealFile.seal(of: Data("not age\n".utf8), path: path) }
  }
}
