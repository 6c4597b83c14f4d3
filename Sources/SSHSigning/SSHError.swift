import Foundation

/// What went wrong reading an SSH key or signature, or talking to ssh-agent.
public enum SSHError: Error, Equatable, Sendable {
  /// A public key line or blob that does not read; `what` names where it came from.
  case malformedKey(what: String, reason: String)
  /// A key type this tool cannot sign or verify with.
  case unsupportedKeyType(what: String, type: String)
  /// A private key file protected by a passphrase (which the tool never asks for).
  case encryptedPrivateKey(path: String)
  /// An armored signature that does not read.
  case malformedSignature(reason: String)
  /// No ssh-agent to ask: `SSH_AUTH_SOCK` is unset or names no socket.
  case noAgent(reason: String)
  /// The agent does not hold the private half of a key, or refused to sign.
  case agentRefused(fingerprint: String)
  /// The agent's answer did not read.
  case agentProtocol(reason: String)
  /// Signing failed in the cryptography library.
  case signingFailed(reason: String)
}

extension SSHError: CustomStringConvertible {
  /// The problem in words, lower case, without a full stop.
  public var description: String {
    switch self {
    case .malformedKey(let what, let reason): return "\(what): \(reason)"
    case .unsupportedKeyType(let what, let type):
      return
        "\(what): key type \(type) is not supported (use ssh-ed25519, ecdsa-sha2-nistp256 or ssh-rsa)"
    case .encryptedPrivateKey(let path):
      return
        "\(path) is protected by a passphrase: add it to ssh-agent (ssh-add \(path)) and keep \(path).pub beside it"
    case .malformedSignature(let reason): return "bad SSH signature: \(reason)"
    case .noAgent(let reason): return "no ssh-agent to sign with: \(reason)"
    case .agentRefused(let fingerprint):
      return "ssh-agent does not hold the key \(fingerprint) (add it with ssh-add)"
    case .agentProtocol(let reason): return "ssh-agent: \(reason)"
    case .signingFailed(let reason): return "signing failed: \(reason)"
    }
  }
}
