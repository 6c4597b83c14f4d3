import Crypto
import CryptoExtras
import Foundation

/// An unencrypted OpenSSH private key (`-----BEGIN OPENSSH PRIVATE KEY-----`), as `ssh-keygen`
/// writes it: Ed25519, ECDSA on P-256 or RSA.
public struct SSHPrivateKey: Sendable {
  /// The public half.
  public let publicKey: SSHPublicKey
  private let key: Key

  private enum Key: Sendable {
    case ed25519(Curve25519.Signing.PrivateKey)
    case p256(P256.Signing.PrivateKey)
    case rsa(_RSA.Signing.PrivateKey)
  }

  private static let begin = "-----BEGIN OPENSSH PRIVATE KEY-----"
  private static let end = "-----END OPENSSH PRIVATE KEY-----"

  /// Whether text looks like an OpenSSH private key file.
  public static func isPrivateKey(_ text: String) -> Bool {
    text.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix(begin)
  }

  /// Reads a private key file's text; `path` names it in errors.
  public init(text: String, path: String) throws {
    let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
    guard trimmed.hasPrefix(Self.begin), trimmed.hasSuffix(Self.end) else {
      throw SSHError.malformedKey(what: path, reason: "not an OpenSSH private key")
    }
    let body = trimmed.dropFirst(Self.begin.count).dropLast(Self.end.count)
      .filter { !$0.isWhitespace }
    guard let data = Data(base64Encoded: String(body)) else {
      throw SSHError.malformedKey(what: path, reason: "the key is not base64")
    }
    do {
      (publicKey, key) = try Self.read(Array(data), path: path)
    } catch let error as SSHError {
      throw error
    } catch {
      throw SSHError.malformedKey(what: path, reason: "the private key does not read")
    }
  }

  private static func read(_ bytes: [UInt8], path: String) throws -> (SSHPublicKey, Key) {
    var reader = SSHReader(bytes)
    let magic = Array("openssh-key-v1".utf8) + [0]
    guard try reader.take(magic.count) == magic else {
      throw SSHError.malformedKey(what: path, reason: "not an openssh-key-v1 key")
    }
    let cipher = try reader.text()
    let kdf = try reader.text()
    _ = try reader.string()  // kdf options
    guard cipher == "none", kdf == "none" else { throw SSHError.encryptedPrivateKey(path: path) }
    guard try reader.uint32() == 1 else {
      throw SSHError.malformedKey(what: path, reason: "the file holds more than one key")
    }
    let publicKey = try SSHPublicKey(blob: try reader.string(), what: path)
    var secret = SSHReader(try reader.string())
    guard try secret.uint32() == (try secret.uint32()) else {
      throw SSHError.malformedKey(what: path, reason: "the check numbers differ")
    }
    let type = try secret.text()
    guard type == publicKey.type else {
      throw SSHError.malformedKey(what: path, reason: "the private and public halves differ")
    }
    let key: Key
    switch type {
    case "ssh-ed25519":
      _ = try secret.string()
      let both = try secret.string()
      guard both.count == 64 else { throw SSHWireError.truncated }
      key = .ed25519(try Curve25519.Signing.PrivateKey(rawRepresentation: both[0..<32]))
    case "ecdsa-sha2-nistp256":
      _ = try secret.text()
      _ = try secret.string()
      let d = try secret.mpint()
      key = .p256(try P256.Signing.PrivateKey(rawRepresentation: SSHPublicKey.padded(d, 32)))
    case "ssh-rsa":
      let n = try secret.mpint()
      let e = try secret.mpint()
      let d = try secret.mpint()
      _ = try secret.mpint()  // iqmp
      let p = try secret.mpint()
      let q = try secret.mpint()
      key = .rsa(try _RSA.Signing.PrivateKey(n: n, e: e, d: d, p: p, q: q))
    default:
      throw SSHError.unsupportedKeyType(what: path, type: type)
    }
    let derived: [UInt8]
    switch key {
    case .ed25519(let key): derived = Array(key.publicKey.rawRepresentation)
    case .p256(let key): derived = Array(key.publicKey.x963Representation)
    case .rsa(let key):
      derived = Array(try key.publicKey.getKeyPrimitives().modulus.drop(while: { $0 == 0 }))
    }
    // Each type's public blob ends with the public key (RSA: with the modulus).
    guard Array(publicKey.blob.suffix(derived.count)) == derived else {
      throw SSHError.malformedKey(what: path, reason: "the private and public halves differ")
    }
    return (publicKey, key)
  }

  /// The 32-byte seed of an Ed25519 key; nil for other types.
  public var ed25519Seed: [UInt8]? {
    guard case .ed25519(let key) = key else { return nil }
    return Array(key.rawRepresentation)
  }

  /// Signs `data` as SSH does, returning the signature blob (algorithm name and bytes). RSA
  /// keys sign with `rsa-sha2-512`, as git's `ssh-keygen -Y sign` does.
  public func sign(_ data: [UInt8]) throws -> [UInt8] {
    var writer = SSHWriter()
    do {
      switch key {
      case .ed25519(let key):
        writer.string("ssh-ed25519")
        writer.string(Array(try key.signature(for: data)))
      case .p256(let key):
        let raw = Array(try key.signature(for: data).rawRepresentation)
        var inner = SSHWriter()
        inner.mpint(raw[0..<32])
        inner.mpint(raw[32..<64])
        writer.string("ecdsa-sha2-nistp256")
        writer.string(inner.bytes)
      case .rsa(let key):
        let signature = try key.signature(
          for: SHA512.hash(data: data), padding: .insecurePKCS1v1_5)
        writer.string("rsa-sha2-512")
        writer.string(Array(signature.rawRepresentation))
      }
    } catch {
      throw SSHError.signingFailed(reason: "\(error)")
    }
    return writer.bytes
  }
}
