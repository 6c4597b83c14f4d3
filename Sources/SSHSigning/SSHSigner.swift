import Foundation

/// Signs in the `SSHSIG` format with the key git's `user.signingkey` names: a private key file,
/// a public key file or `key::` literal whose private half is in ssh-agent.
public struct SSHSigner: Sendable {
  /// The key that signs.
  public let publicKey: SSHPublicKey
  private let source: Source

  private enum Source: Sendable {
    case file(SSHPrivateKey)
    case agent(SSHAgent)
  }

  /// The signer `user.signingkey` names, read the way git reads it: `key::` and a key line, or
  /// a path (`~/` is the home folder) to a private key, or to a public key held by the agent.
  public init(signingKey: String, environment: [String: String]) throws {
    if signingKey.hasPrefix("key::") {
      let line = String(signingKey.dropFirst(5))
      publicKey = try SSHPublicKey(line: line, what: "user.signingkey")
      source = .agent(try SSHAgent(environment: environment))
      return
    }
    if signingKey.hasPrefix("ssh-") || signingKey.hasPrefix("ecdsa-") {
      // git takes a bare key line as a literal too (older configuration).
      publicKey = try SSHPublicKey(line: signingKey, what: "user.signingkey")
      source = .agent(try SSHAgent(environment: environment))
      return
    }
    var path = signingKey
    if path.hasPrefix("~/"), let home = environment["HOME"] {
      path = home + path.dropFirst(1)
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw SSHError.malformedKey(what: path, reason: "cannot read the file user.signingkey names")
    }
    let text = String(decoding: data, as: UTF8.self)
    if SSHPrivateKey.isPrivateKey(text) {
      do {
        let key = try SSHPrivateKey(text: text, path: path)
        publicKey = key.publicKey
        source = .file(key)
      } catch SSHError.encryptedPrivateKey(let path) {
        // A passphrase-protected key signs through the agent when its public half is beside it.
        guard let pub = FileManager.default.contents(atPath: path + ".pub") else {
          throw SSHError.encryptedPrivateKey(path: path)
        }
        publicKey = try SSHPublicKey(
          line: String(decoding: pub, as: UTF8.self), what: path + ".pub")
        source = .agent(try SSHAgent(environment: environment))
      }
      return
    }
    let line = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
    publicKey = try SSHPublicKey(line: line, what: path)
    source = .agent(try SSHAgent(environment: environment))
  }

  /// The armored `SSHSIG` signature of `message` in `namespace`.
  public func sign(_ message: [UInt8], namespace: String = "git") throws -> String {
    let signature = try SSHSignature.sign(message, namespace: namespace, key: publicKey) { data in
      switch source {
      case .file(let key): return try key.sign(data)
      case .agent(let agent): return try agent.sign(data, with: publicKey)
      }
    }
    return signature.armored
  }
}
