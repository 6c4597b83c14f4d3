import Crypto
import Foundation
import SSHSigning

/// Someone an age file can be encrypted to: an X25519 key (`age1…`) or an OpenSSH Ed25519
/// public key (`ssh-ed25519 …`).
public enum AgeRecipient: Hashable, Sendable {
  /// A native X25519 recipient: the 32-byte public key.
  case x25519([UInt8])
  /// An ssh-ed25519 recipient.
  case sshEd25519(SSHPublicKey)

  /// Reads `age1…` or an OpenSSH ssh-ed25519 public key line; `what` names it in errors.
  public init(_ text: String, what: String) throws {
    let text = text.trimmingCharacters(in: .whitespaces)
    if text.hasPrefix("ssh-") {
      let key = try SSHPublicKey(line: text, what: what)
      guard key.type == "ssh-ed25519" else {
        throw AgeError.malformedRecipient(
          what: what, reason: "\(key.type) keys cannot be encrypted to (use ssh-ed25519 or age1…)")
      }
      self = .sshEd25519(key)
      return
    }
    guard let (hrp, data) = Bech32.decode(text), hrp == "age", data.count == 32 else {
      throw AgeError.malformedRecipient(what: what, reason: "expected age1… or ssh-ed25519 …")
    }
    self = .x25519(data)
  }

  /// The recipient as written: `age1…`, or the OpenSSH key line.
  public var text: String {
    switch self {
    case .x25519(let key): return Bech32.encode(hrp: "age", data: key)
    case .sshEd25519(let key): return key.line
    }
  }
}

/// A private key that opens age files: an X25519 identity (`AGE-SECRET-KEY-1…`) or an
/// unencrypted OpenSSH Ed25519 private key.
public struct AgeIdentity: Sendable {
  enum Kind: Sendable {
    case x25519(Curve25519.KeyAgreement.PrivateKey)
    case sshEd25519(Curve25519.KeyAgreement.PrivateKey, SSHPublicKey)
  }
  let kind: Kind

  /// A new random X25519 identity.
  public static func generate() -> AgeIdentity {
    AgeIdentity(kind: .x25519(Curve25519.KeyAgreement.PrivateKey()))
  }

  private init(kind: Kind) { self.kind = kind }

  /// Reads an identity file's text: age's `AGE-SECRET-KEY-1…` (with `#` comments) or an
  /// OpenSSH private key; `path` names it in errors.
  public init(text: String, path: String) throws {
    if SSHPrivateKey.isPrivateKey(text) {
      let key = try SSHPrivateKey(text: text, path: path)
      guard let seed = key.ed25519Seed else {
        throw AgeError.malformedIdentity(
          what: path, reason: "\(key.publicKey.type) keys cannot open age files (use ssh-ed25519)")
      }
      // The X25519 secret of an Ed25519 key is the clamped first half of SHA-512(seed).
      let scalar = Array(SHA512.hash(data: seed)).prefix(32)
      kind = .sshEd25519(
        try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: scalar), key.publicKey)
      return
    }
    let lines = text.split(whereSeparator: \.isNewline).map {
      $0.trimmingCharacters(in: .whitespaces)
    }
    guard let line = lines.first(where: { $0.hasPrefix("AGE-SECRET-KEY-1") }) else {
      throw AgeError.malformedIdentity(
        what: path, reason: "no AGE-SECRET-KEY-1… line and no OpenSSH private key")
    }
    guard let (hrp, data) = Bech32.decode(line), hrp == "age-secret-key-", data.count == 32,
      let key = try? Curve25519.KeyAgreement.PrivateKey(rawRepresentation: data)
    else {
      throw AgeError.malformedIdentity(what: path, reason: "the secret key does not read")
    }
    kind = .x25519(key)
  }

  /// The identity file's line, `AGE-SECRET-KEY-1…`; nil for an OpenSSH key.
  public var secretKeyLine: String? {
    guard case .x25519(let key) = kind else { return nil }
    return Bech32.encode(hrp: "age-secret-key-", data: Array(key.rawRepresentation)).uppercased()
  }

  /// The recipient that files for this identity are encrypted to.
  public var recipient: AgeRecipient {
    switch kind {
    case .x25519(let key): return .x25519(Array(key.publicKey.rawRepresentation))
    case .sshEd25519(_, let key): return .sshEd25519(key)
    }
  }
}
