import Crypto
import CryptoExtras
import Foundation

/// An OpenSSH public key: Ed25519, ECDSA on P-256, or RSA, as in `authorized_keys` and git's
/// `allowed_signers` files.
public struct SSHPublicKey: Hashable, Sendable {
  /// The key's type as SSH names it: `ssh-ed25519`, `ecdsa-sha2-nistp256`, `ssh-rsa`.
  public let type: String
  /// The key in the SSH wire encoding: what the base64 of its text form holds.
  public let blob: [UInt8]
  /// The comment after the key on its line, if any (not part of the key).
  public let comment: String?

  /// The key types this tool signs and verifies with.
  public static let supportedTypes = ["ssh-ed25519", "ecdsa-sha2-nistp256", "ssh-rsa"]

  /// Reads a key line, `TYPE BASE64 [COMMENT]`; `what` names its origin in errors.
  public init(line: String, what: String) throws {
    let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
    guard fields.count >= 2 else {
      throw SSHError.malformedKey(what: what, reason: "expected 'TYPE BASE64 [COMMENT]'")
    }
    guard let decoded = Data(base64Encoded: fields[1]) else {
      throw SSHError.malformedKey(what: what, reason: "the key is not base64")
    }
    try self.init(blob: Array(decoded), what: what)
    guard type == fields[0] else {
      throw SSHError.malformedKey(
        what: what, reason: "the line says \(fields[0]) but the key is \(type)")
    }
    self = SSHPublicKey(
      checkedType: type, blob: blob,
      comment: fields.count > 2 ? fields[2...].joined(separator: " ") : nil)
  }

  /// Reads a key from its wire encoding, checking it is a key of a supported type.
  public init(blob: [UInt8], what: String) throws {
    var reader = SSHReader(blob)
    let type: String
    do {
      type = try reader.text()
      guard Self.supportedTypes.contains(type) else {
        throw SSHError.unsupportedKeyType(what: what, type: type)
      }
      _ = try Self.parsed(type: type, blob: blob)
    } catch let error as SSHError {
      throw error
    } catch {
      throw SSHError.malformedKey(what: what, reason: "the \(what) key does not read")
    }
    self.init(checkedType: type, blob: blob, comment: nil)
  }

  private init(checkedType: String, blob: [UInt8], comment: String?) {
    self.type = checkedType
    self.blob = blob
    self.comment = comment
  }

  /// The key as one line, `TYPE BASE64`, without the comment.
  public var line: String { "\(type) \(Data(blob).base64EncodedString())" }

  /// The SHA-256 fingerprint as `ssh-keygen -l` prints it: `SHA256:` and unpadded base64.
  public var fingerprint: String {
    let digest = Data(SHA256.hash(data: blob)).base64EncodedString()
    return "SHA256:" + digest.replacingOccurrences(of: "=", with: "")
  }

  /// Keys compare by the key alone, not by comment.
  public static func == (a: SSHPublicKey, b: SSHPublicKey) -> Bool { a.blob == b.blob }
  public func hash(into hasher: inout Hasher) { hasher.combine(blob) }

  /// Whether `signature` (an SSH signature blob: algorithm name and bytes) is this key's
  /// signature of `data`.
  public func isValidSignature(_ signature: [UInt8], for data: [UInt8]) -> Bool {
    guard let key = try? Self.parsed(type: type, blob: blob) else { return false }
    var reader = SSHReader(signature)
    guard let algorithm = try? reader.text(), let bytes = try? reader.string(), reader.isAtEnd
    else { return false }
    switch key {
    case .ed25519(let key):
      return algorithm == "ssh-ed25519" && key.isValidSignature(bytes, for: data)
    case .p256(let key):
      var inner = SSHReader(bytes)
      guard algorithm == "ecdsa-sha2-nistp256", let r = try? inner.mpint(),
        let s = try? inner.mpint(), inner.isAtEnd, r.count <= 32, s.count <= 32,
        let value = try? P256.Signing.ECDSASignature(
          rawRepresentation: Self.padded(r, 32) + Self.padded(s, 32))
      else { return false }
      return key.isValidSignature(value, for: data)
    case .rsa(let key):
      let value = _RSA.Signing.RSASignature(rawRepresentation: bytes)
      switch algorithm {
      case "rsa-sha2-512":
        return key.isValidSignature(
          value, for: SHA512.hash(data: data), padding: .insecurePKCS1v1_5)
      case "rsa-sha2-256":
        return key.isValidSignature(
          value, for: SHA256.hash(data: data), padding: .insecurePKCS1v1_5)
      default:
        return false  // ssh-rsa signatures use SHA-1, which git and OpenSSH no longer accept
      }
    }
  }

  static func padded(_ bytes: [UInt8], _ count: Int) -> [UInt8] {
    [UInt8](repeating: 0, count: max(0, count - bytes.count)) + bytes
  }

  /// A key as the cryptography library holds it.
  enum Parsed {
    case ed25519(Curve25519.Signing.PublicKey)
    case p256(P256.Signing.PublicKey)
    case rsa(_RSA.Signing.PublicKey)
  }

  static func parsed(type: String, blob: [UInt8]) throws -> Parsed {
    var reader = SSHReader(blob)
    _ = try reader.text()
    let parsed: Parsed
    switch type {
    case "ssh-ed25519":
      parsed = .ed25519(try Curve25519.Signing.PublicKey(rawRepresentation: try reader.string()))
    case "ecdsa-sha2-nistp256":
      guard try reader.text() == "nistp256" else { throw SSHWireError.truncated }
      parsed = .p256(try P256.Signing.PublicKey(x963Representation: try reader.string()))
    case "ssh-rsa":
      let e = try reader.mpint()
      let n = try reader.mpint()
      parsed = .rsa(try _RSA.Signing.PublicKey(n: n, e: e))
    default:
      throw SSHWireError.truncated
    }
    guard reader.isAtEnd else { throw SSHWireError.truncated }
    return parsed
  }
}
