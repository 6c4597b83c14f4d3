import Crypto
import Foundation

/// An SSH signature in the `SSHSIG` format (OpenSSH's PROTOCOL.sshsig), as `ssh-keygen -Y sign`
/// writes it and git stores it in a signed commit or tag.
public struct SSHSignature: Sendable, Equatable {
  /// The key that made it.
  public let publicKey: SSHPublicKey
  /// What it is for: git signs in the namespace `git`.
  public let namespace: String
  /// The hash of the message: `sha512` or `sha256`.
  public let hashAlgorithm: String
  /// The signature blob: algorithm name and bytes.
  public let signature: [UInt8]

  private static let magic = Array("SSHSIG".utf8)
  private static let begin = "-----BEGIN SSH SIGNATURE-----"
  private static let end = "-----END SSH SIGNATURE-----"

  /// Whether text is an armored SSH signature (and not, say, an OpenPGP one).
  public static func isArmored(_ text: String) -> Bool {
    text.utf8.drop(while: isSpace).starts(with: begin.utf8)
  }

  /// ASCII white space, byte by byte: armor is ASCII, and `verify` reads one per commit.
  static func isSpace(_ byte: UInt8) -> Bool {
    byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09
  }

  /// Signs `message` in `namespace` with `sign`, which signs bytes with `key` (a private key
  /// or an agent).
  public static func sign(
    _ message: [UInt8], namespace: String = "git", key: SSHPublicKey,
    with sign: ([UInt8]) throws -> [UInt8]
  ) throws -> SSHSignature {
    let signed = signedData(message, namespace: namespace, hashAlgorithm: "sha512")
    let signature = try sign(signed)
    let result = SSHSignature(
      publicKey: key, namespace: namespace, hashAlgorithm: "sha512", signature: signature)
    // A signature that does not verify (an agent answering with another key) is not written.
    guard key.isValidSignature(signature, for: signed) else {
      throw SSHError.signingFailed(
        reason: "the signature made with \(key.fingerprint) does not verify")
    }
    return result
  }

  /// Reads an armored signature.
  public init(armored text: String) throws {
    let bytes = Array(text.utf8.drop(while: Self.isSpace).reversed().drop(while: Self.isSpace))
      .reversed()
    let begin = Array(Self.begin.utf8)
    let end = Array(Self.end.utf8)
    guard bytes.starts(with: begin), bytes.reversed().starts(with: end.reversed()),
      bytes.count >= begin.count + end.count
    else {
      throw SSHError.malformedSignature(reason: "not an SSH signature")
    }
    let body = bytes.dropFirst(begin.count).dropLast(end.count).filter { !Self.isSpace($0) }
    guard let data = Data(base64Encoded: Data(body)) else {
      throw SSHError.malformedSignature(reason: "the signature is not base64")
    }
    var reader = SSHReader(data)
    do {
      guard try reader.take(6) == Self.magic, try reader.uint32() == 1 else {
        throw SSHError.malformedSignature(reason: "not an SSHSIG version 1 signature")
      }
      publicKey = try SSHPublicKey(blob: try reader.string(), what: "signature")
      namespace = try reader.text()
      _ = try reader.string()  // reserved
      hashAlgorithm = try reader.text()
      signature = try reader.string()
      guard reader.isAtEnd else {
        throw SSHError.malformedSignature(reason: "bytes after the signature")
      }
    } catch let error as SSHError {
      throw error
    } catch {
      throw SSHError.malformedSignature(reason: "the signature does not read")
    }
  }

  private init(
    publicKey: SSHPublicKey, namespace: String, hashAlgorithm: String, signature: [UInt8]
  ) {
    self.publicKey = publicKey
    self.namespace = namespace
    self.hashAlgorithm = hashAlgorithm
    self.signature = signature
  }

  /// The armored text, wrapped at 70 columns as ssh-keygen writes it, ending in a line break.
  public var armored: String {
    var writer = SSHWriter()
    writer.raw(Self.magic)
    writer.uint32(1)
    writer.string(publicKey.blob)
    writer.string(namespace)
    writer.string([UInt8]())
    writer.string(hashAlgorithm)
    writer.string(signature)
    let base64 = Array(Data(writer.bytes).base64EncodedString())
    let lines = stride(from: 0, to: base64.count, by: 70).map {
      String(base64[$0..<min($0 + 70, base64.count)])
    }
    return ([Self.begin] + lines + [Self.end]).joined(separator: "\n") + "\n"
  }

  /// Whether this is a valid signature of `message` in `namespace` by its own key. Who that key
  /// belongs to is the caller's question.
  public func verifies(_ message: [UInt8], namespace expected: String = "git") -> Bool {
    guard namespace == expected, hashAlgorithm == "sha512" || hashAlgorithm == "sha256" else {
      return false
    }
    return publicKey.isValidSignature(
      signature, for: Self.signedData(message, namespace: namespace, hashAlgorithm: hashAlgorithm))
  }

  /// What the key signs: the magic, the namespace, the hash algorithm and the message's hash.
  private static func signedData(_ message: [UInt8], namespace: String, hashAlgorithm: String)
    -> [UInt8]
  {
    var writer = SSHWriter()
    writer.raw(magic)
    writer.string(namespace)
    writer.string([UInt8]())
    writer.string(hashAlgorithm)
    writer.string(
      hashAlgorithm == "sha256"
        ? Array(SHA256.hash(data: message)) : Array(SHA512.hash(data: message)))
    return writer.bytes
  }
}
