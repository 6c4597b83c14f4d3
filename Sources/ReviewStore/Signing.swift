import Foundation
import GitKit
import SSHSigning

/// What a write signs: a commit (`commit.gpgsign`) or a round's tag (`tag.gpgsign`).
public enum SignedObject: String, Sendable {
  case commit
  case tag
}

/// The key a write signs with, chosen as git chooses it.
public struct WriteSigner: Sendable {
  /// The SSH key that signs.
  public let ssh: SSHSigner

  /// The signer for git's object bytes: an armored SSHSIG in the namespace `git`.
  public var objectSigner: ObjectSigner {
    { data in
      do {
        return try ssh.sign(Array(data))
      } catch let error as SSHError {
        throw StoreError.signing(error)
      }
    }
  }

  /// The signer of a write, or nil when it is not to be signed. `choice` is `--sign` (true) or
  /// `--no-sign` (false); without it git's `commit.gpgsign` or `tag.gpgsign` decides. A signed
  /// write needs `gpg.format ssh` and `user.signingkey`, as `git commit -S` does with SSH.
  public static func resolve(
    _ object: SignedObject, choice: Bool?, environment: [String: String],
    config: (String) -> String?
  ) throws -> WriteSigner? {
    let key = "\(object.rawValue).gpgsign"
    let wanted: Bool
    if let choice {
      wanted = choice
    } else if let value = config(key) {
      guard let parsed = gitBool(value) else {
        throw StoreError.badConfig(key: key, value: value, expected: "true or false")
      }
      wanted = parsed
    } else {
      wanted = false
    }
    guard wanted else { return nil }
    let format = config("gpg.format") ?? "openpgp"
    guard format == "ssh" else { throw StoreError.unsupportedSigningFormat(format) }
    guard let signingKey = config("user.signingkey"), !signingKey.isEmpty else {
      throw StoreError.noSigningKey
    }
    do {
      return WriteSigner(ssh: try SSHSigner(signingKey: signingKey, environment: environment))
    } catch let error as SSHError {
      throw StoreError.signing(error)
    }
  }

  /// A git boolean: true, yes, on, 1 or false, no, off, 0 and empty, in any case.
  static func gitBool(_ value: String) -> Bool? {
    switch value.lowercased() {
    case "true", "yes", "on", "1": return true
    case "false", "no", "off", "0", "": return false
    default: return nil
    }
  }
}
