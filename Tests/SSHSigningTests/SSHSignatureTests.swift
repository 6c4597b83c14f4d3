import Foundation
import SSHSigning
import TestSupport
import Testing

@Suite struct SSHSignatureTests {
  static let pairs: [(String, TestKeys.Pair)] = [
    ("ed25519", TestKeys.alice), ("p256", TestKeys.p256), ("rsa", TestKeys.rsa),
  ]
  let message = Array("tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n\nhello\n".utf8)

  @Test(arguments: pairs.map(\.0))
  func signatureVerifiesWithSSHKeygen(_ name: String) throws {
    let pair = Self.pairs.first { $0.0 == name }!.1
    try withTemporaryFolder { folder in
      let path = try pair.write(to: folder, name: "key")
      let signer = try SSHSigner(signingKey: path, environment: [:])
      #expect(signer.publicKey == (try SSHPublicKey(line: pair.publicKey, what: "test")))
      let armored = try signer.sign(message)
      try armored.write(toFile: folder + "/msg.sig", atomically: true, encoding: .utf8)
      try "signer@example.org \(pair.publicKey)\n".write(
        toFile: folder + "/allowed", atomically: true, encoding: .utf8)
      let verified = try run(
        "/usr/bin/ssh-keygen",
        [
          "-Y", "verify", "-f", "allowed", "-I", "signer@example.org", "-n", "git", "-s", "msg.sig",
        ],
        in: folder, environment: [:], input: String(decoding: message, as: UTF8.self))
      #expect(verified.status == 0, "\(verified.stderr)")
      // The other namespace, or another message, does not verify.
      let other = try run(
        "/usr/bin/ssh-keygen",
        [
          "-Y", "verify", "-f", "allowed", "-I", "signer@example.org", "-n", "file", "-s",
          "msg.sig",
        ],
        in: folder, environment: [:], input: String(decoding: message, as: UTF8.self))
      #expect(other.status != 0)
      let signature = try SSHSignature(armored: armored)
      #expect(signature.verifies(message))
      #expect(!signature.verifies(message + [0x0A]))
      #expect(!signature.verifies(message, namespace: "file"))
    }
  }

  @Test(arguments: pairs.map(\.0))
  func sshKeygenSignatureVerifiesHere(_ name: String) throws {
    let pair = Self.pairs.first { $0.0 == name }!.1
    try withTemporaryFolder { folder in
      let path = try pair.write(to: folder, name: "key")
      try Data(message).write(to: URL(fileURLWithPath: folder + "/msg"))
      try run(
        "/usr/bin/ssh-keygen", ["-Y", "sign", "-f", path, "-n", "git", "msg"], in: folder,
        environment: [:]
      ).requireSuccess()
      let armored = try String(contentsOfFile: folder + "/msg.sig", encoding: .utf8)
      let signature = try SSHSignature(armored: armored)
      #expect(signature.publicKey == (try SSHPublicKey(line: pair.publicKey, what: "test")))
      #expect(signature.verifies(message))
      #expect(!signature.verifies(Array("tampered".utf8)))
      // A forged signature: the right key, with another key's signature of the same message.
      let eve = try SSHSigner(
        signingKey: try TestKeys.eve.write(to: folder, name: "eve"), environment: [:]
      ).sign(message)
      var fields = Self.fields(armored)
      fields[4] = Self.fields(eve)[4]
      let forged = try SSHSignature(armored: Self.armor(fields))
      #expect(forged.publicKey == signature.publicKey)
      #expect(!forged.verifies(message))
      #expect(try SSHSignature(armored: Self.armor(Self.fields(armored))).verifies(message))
    }
  }

  /// The five strings of an armored SSHSIG: key, namespace, reserved, hash, signature.
  static func fields(_ armored: String) -> [[UInt8]] {
    let body = armored.split(separator: "\n").dropFirst().dropLast().joined()
    let bytes = Array(Data(base64Encoded: body)!)
    var offset = 10  // "SSHSIG" and the version
    return (0..<5).map { _ in
      let length = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
      defer { offset += 4 + length }
      return Array(bytes[offset + 4..<offset + 4 + length])
    }
  }

  /// Those strings armored again.
  static func armor(_ fields: [[UInt8]]) -> String {
    var bytes = Array("SSHSIG".utf8) + [0, 0, 0, 1]
    for field in fields {
      let count = UInt32(field.count)
      bytes += [24, 16, 8, 0].map { UInt8(count >> $0 & 0xFF) } + field
    }
    return
      "-----BEGIN SSH SIGNATURE-----\n\(Data(bytes).base64EncodedString())\n-----END SSH SIGNATURE-----\n"
  }

  @Test func agentSignsWithItsKey() throws {
    try withTemporaryFolder { folder in
      let agent = try SSHAgentProcess(folder: folder)
      defer { agent.stop() }
      for (index, (_, pair)) in Self.pairs.enumerated() {
        try agent.add(try pair.write(to: folder, name: "key\(index)"))
      }
      let environment = ["SSH_AUTH_SOCK": agent.socket]
      let held = try SSHAgent(environment: environment).keys()
      #expect(held.count == 3)
      for (index, (_, pair)) in Self.pairs.enumerated() {
        // A public key file and a key:: literal both sign through the agent.
        for signingKey in [folder + "/key\(index).pub", "key::" + pair.publicKey] {
          let armored = try SSHSigner(signingKey: signingKey, environment: environment).sign(
            message)
          let signature = try SSHSignature(armored: armored)
          #expect(signature.verifies(message))
          #expect(signature.publicKey == (try SSHPublicKey(line: pair.publicKey, what: "test")))
        }
      }
      // A key the agent does not hold is refused, naming it.
      let eve = try SSHPublicKey(line: TestKeys.eve.publicKey, what: "test")
      #expect(throws: SSHError.agentRefused(fingerprint: eve.fingerprint)) {
        try SSHSigner(signingKey: "key::" + TestKeys.eve.publicKey, environment: environment)
          .sign(message)
      }
    }
  }

  @Test func badKeysAreNamed() throws {
    try withTemporaryFolder { folder in
      let locked = try TestKeys.locked.write(to: folder, name: "locked")
      // A locked key with its public half beside it goes to the agent; there is none.
      #expect(throws: SSHError.noAgent(reason: "SSH_AUTH_SOCK is not set")) {
        try SSHSigner(signingKey: locked, environment: [:])
      }
      try FileManager.default.removeItem(atPath: locked + ".pub")
      #expect(throws: SSHError.encryptedPrivateKey(path: locked)) {
        try SSHSigner(signingKey: locked, environment: [:])
      }
      #expect(throws: SSHError.self) { try SSHPublicKey(line: "ssh-ed25519 !!!", what: "x") }
      #expect(throws: SSHError.self) {
        try SSHPublicKey(line: "ssh-dss AAAAB3NzaC1kc3M=", what: "x")
      }
      #expect(throws: SSHError.self) { try SSHSignature(armored: "-----BEGIN PGP SIGNATURE-----") }
      let key = try SSHPublicKey(line: TestKeys.alice.publicKey, what: "x")
      #expect(key.fingerprint == fingerprint(TestKeys.alice, folder))
    }
  }

  private func fingerprint(_ pair: TestKeys.Pair, _ folder: String) -> String {
    try! (pair.publicKey + "\n").write(
      toFile: folder + "/fp.pub", atomically: true, encoding: .utf8)
    let out = try! run("/usr/bin/ssh-keygen", ["-l", "-f", "fp.pub"], in: folder, environment: [:])
    return String(out.stdout.split(separator: " ")[1])
  }
}

/// Signatures and keys from a hostile commit: whatever the bytes, reading them never traps,
/// and nothing but the genuine signature verifies.
@Suite struct HostileSignatureTests {
  @Test func mutatedSignaturesNeverTrapAndNeverVerify() throws {
    let message = Array("tree 4b825dc642cb6eb9a060e54bf8d69288fbee4904\n\nhello\n".utf8)
    var random = SeededGenerator(seed: 10)
    var verified = 0
    for pair in [TestKeys.alice, TestKeys.p256, TestKeys.rsa] {
      let key = try SSHPrivateKey(text: pair.privateKey, path: "test")
      let armored = try SSHSignature.sign(message, key: key.publicKey, with: key.sign).armored
      let body = Array(
        Data(
          base64Encoded: armored.split(separator: "\n").dropFirst().dropLast().joined())!)
      for round in 0..<700 {
        var bytes = body
        // Flip, cut or grow: each mutation keeps the armor, so the parser sees the bytes.
        switch round % 3 {
        case 0:
          for _ in 0...Int.random(in: 0..<4, using: &random) {
            let index = Int.random(in: 0..<bytes.count, using: &random)
            bytes[index] ^= UInt8.random(in: 1...255, using: &random)
          }
        case 1:
          bytes = Array(bytes.prefix(Int.random(in: 0..<bytes.count, using: &random)))
        default:
          let index = Int.random(in: 0..<bytes.count, using: &random)
          bytes.insert(
            contentsOf: (0..<Int.random(in: 1..<9, using: &random)).map { _ in
              UInt8.random(in: 0...255, using: &random)
            }, at: index)
        }
        let text =
          "-----BEGIN SSH SIGNATURE-----\n\(Data(bytes).base64EncodedString())\n-----END SSH SIGNATURE-----\n"
        if let signature = try? SSHSignature(armored: text), signature.verifies(message) {
          verified += 1
        }
        _ = try? SSHPublicKey(blob: bytes, what: "fuzz")
      }
    }
    #expect(verified == 0)
  }
}
