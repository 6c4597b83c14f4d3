import Crypto
import Foundation
import SSHSigning
import TestSupport
import Testing

@testable import AgeEncryption

@Suite struct AgeFileTests {
  let alice = try! AgeIdentity(text: TestKeys.alice.privateKey, path: "alice")
  let bob = try! AgeIdentity(text: TestKeys.bob.privateKey, path: "bob")

  @Test func ed25519KeysMapToTheX25519KeyOfTheSameSecret() throws {
    // The law: the Montgomery form of an Ed25519 public key is X25519 of its clamped SHA-512
    // scalar, for any seed.
    for _ in 0..<50 {
      let seed = AgeFile.random(32)
      let signing = try Curve25519.Signing.PrivateKey(rawRepresentation: seed)
      let agreement = try Curve25519.KeyAgreement.PrivateKey(
        rawRepresentation: Array(SHA512.hash(data: seed)).prefix(32))
      #expect(
        EdwardsToMontgomery.montgomery(ofEdwards: Array(signing.publicKey.rawRepresentation))
          == Array(agreement.publicKey.rawRepresentation))
    }
  }

  @Test func bech32RoundTripsAndRefusesAChangedCharacter() throws {
    let identity = AgeIdentity.generate()
    let line = try #require(identity.secretKeyLine)
    #expect(line.hasPrefix("AGE-SECRET-KEY-1"))
    let again = try AgeIdentity(text: "# created: now\n\(line)\n", path: "key")
    #expect(again.recipient == identity.recipient)
    let recipient = identity.recipient.text
    #expect(try AgeRecipient(recipient, what: "r") == identity.recipient)
    var changed = Array(recipient)
    changed[10] = changed[10] == "q" ? "p" : "q"
    #expect(throws: AgeError.self) { try AgeRecipient(String(changed), what: "r") }
  }

  @Test(arguments: [0, 1, 100, 65_535, 65_536, 65_537, 200_000])
  func roundTripsThroughEveryRecipient(size: Int) throws {
    let x25519 = AgeIdentity.generate()
    let plaintext = (0..<size).map { UInt8(truncatingIfNeeded: $0 &* 31) }
    let file = try AgeFile.encrypt(
      plaintext, to: [alice.recipient, x25519.recipient],
      extra: [AgeStanza(arguments: ["example.org/note", "kept"], body: [])])
    #expect(try AgeFile.decrypt(file, with: alice) == plaintext)
    #expect(try AgeFile.decrypt(file, with: x25519) == plaintext)
    #expect(throws: AgeError.noMatchingIdentity) { try AgeFile.decrypt(file, with: bob) }
    #expect(try AgeFile.stanzas(of: file).last?.arguments == ["example.org/note", "kept"])
    let armored = Array(AgeFile.armor(file).utf8)
    #expect(try AgeFile.decrypt(armored, with: alice) == plaintext)
    #expect(try AgeFile.stanzas(of: armored) == (try AgeFile.stanzas(of: file)))
  }

  @Test func aChangedByteIsCaught() throws {
    let file = try AgeFile.encrypt(Array("judgement".utf8), to: [alice.recipient])
    let header = try AgeFile.stanzas(of: file)
    #expect(header.count == 1)
    for index in [30, file.count - 40, file.count - 1] {
      var changed = file
      changed[index] ^= 1
      #expect(throws: AgeError.self) { try AgeFile.decrypt(changed, with: alice) }
    }
    #expect(throws: AgeError.self) { try AgeFile.decrypt(Array(file.dropLast(5)), with: alice) }
    #expect(throws: AgeError.self) { try AgeFile.stanzas(of: Array("not age\n".utf8)) }
  }

  @Test func otherSSHKeysAreRefusedAsRecipients() throws {
    #expect(throws: AgeError.self) { try AgeRecipient(TestKeys.rsa.publicKey, what: "rsa") }
    #expect(throws: AgeError.self) { try AgeIdentity(text: TestKeys.rsa.privateKey, path: "rsa") }
  }

  /// Debian's `age`, the second client the format is checked against.
  static let agePresent = FileManager.default.isExecutableFile(atPath: "/usr/bin/age")

  @Test(.enabled(if: agePresent)) func theAgeProgramOpensWhatThisWritesAndTheReverse() throws {
    try withTemporaryFolder { folder in
      let environment = try isolatedEnvironment(home: folder)
      let keyPath = try TestKeys.alice.write(to: folder, name: "alice")
      let plaintext = Array("schema: 1\nsubject: llama2\n".utf8) + AgeFile.random(70_000)
      let sealed = folder + "/sealed.age"
      let encrypted = try AgeFile.encrypt(
        plaintext, to: [alice.recipient, AgeIdentity.generate().recipient],
        extra: [AgeStanza(arguments: ["example.org/note", "x"], body: Array("b".utf8))])
      try Data(AgeFile.armor(encrypted).utf8).write(to: URL(fileURLWithPath: sealed))
      let out = folder + "/out"
      try run(
        "/usr/bin/age", ["-d", "-i", keyPath, "-o", out, sealed], in: folder,
        environment: environment
      ).requireSuccess()
      #expect(Array(try Data(contentsOf: URL(fileURLWithPath: out))) == plaintext)

      // age's own X25519 identity, and its files to an ssh-ed25519 recipient.
      try run(
        "/usr/bin/age-keygen", ["-o", folder + "/age.key"], in: folder,
        environment: environment
      ).requireSuccess()
      let identity = try AgeIdentity(
        text: try String(contentsOfFile: folder + "/age.key", encoding: .utf8), path: "age.key")
      try Data(plaintext).write(to: URL(fileURLWithPath: folder + "/plain"))
      try run(
        "/usr/bin/age",
        [
          "-e", "-r", identity.recipient.text, "-R", keyPath + ".pub", "-o", folder + "/theirs.age",
          folder + "/plain",
        ], in: folder, environment: environment
      ).requireSuccess()
      let theirs = Array(try Data(contentsOf: URL(fileURLWithPath: folder + "/theirs.age")))
      #expect(try AgeFile.decrypt(theirs, with: identity) == plaintext)
      #expect(try AgeFile.decrypt(theirs, with: alice) == plaintext)
    }
  }
}
