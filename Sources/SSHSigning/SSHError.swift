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
