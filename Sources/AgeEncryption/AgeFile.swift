import Crypto
import Foundation

/// One recipient stanza of an age header: its arguments and its body.
public struct AgeStanza: Equatable, Sendable {
  /// The arguments after `->`; the first names the stanza's type.
  public var arguments: [String]
  /// The body's bytes.
  public var body: [UInt8]

  /// A stanza with these arguments and body.
  public init(arguments: [String], body: [UInt8]) {
    self.arguments = arguments
    self.body = body
  }
}

/// The age file format, age-encryption.org/v1: a text header of recipient stanzas and a MAC,
/// then a payload in ChaCha20-Poly1305 chunks of 64 KiB.
public enum AgeFile {
  private static let version = "age-encryption.org/v1"
  private static let chunkSize = 64 * 1024
  private static let x25519Label = Array("age-encryption.org/v1/X25519".utf8)
  private static let sshLabel = Array("age-encryption.org/v1/ssh-ed25519".utf8)

  /// Encrypts `plaintext` to every recipient, with `extra` stanzas in the header (which every
  /// identity passes over).
  public static func encrypt(
    _ plaintext: [UInt8], to recipients: [AgeRecipient], extra: [AgeStanza] = []
  ) throws -> [UInt8] {
    precondition(!recipients.isEmpty, "an age file needs a recipient")
    let fileKey = random(16)
    var stanzas = try recipients.map { try wrap(fileKey, for: $0) }
    stanzas += extra
    var header = Array((version + "\n").utf8)
    for stanza in stanzas { header += encode(stanza) }
    header += Array("---".utf8)
    let mac = HMAC<SHA256>.authenticationCode(for: header, using: headerKey(fileKey))
    header += Array(" \(base64(Array(mac)))\n".utf8)
    let nonce = random(16)
    return header + nonce + (try payload(plaintext, key: payloadKey(fileKey, nonce: nonce)))
  }

  /// The recipient stanzas of a file's header (binary or armored), read without any key.
  public static func stanzas(of file: [UInt8]) throws -> [AgeStanza] {
    try parseHeader(try dearmored(file)).stanzas
  }

  private static let armorBegin = "-----BEGIN AGE ENCRYPTED FILE-----"
  private static let armorEnd = "-----END AGE ENCRYPTED FILE-----"

  /// A file in age's ASCII armor: strict PEM, base64 in lines of 64 columns.
  public static func armor(_ file: [UInt8]) -> String {
    let body = Data(file).base64EncodedString()
    var lines = [armorBegin]
    var index = body.startIndex
    while index < body.endIndex {
      let end = body.index(index, offsetBy: 64, limitedBy: body.endIndex) ?? body.endIndex
      lines.append(String(body[index..<end]))
      index = end
    }
    lines.append(armorEnd)
    return lines.joined(separator: "\n") + "\n"
  }

  /// The binary file of an armored one; a binary file as it is.
  static func dearmored(_ file: [UInt8]) throws -> [UInt8] {
    let text = String(decoding: file.prefix(armorBegin.utf8.count + 64), as: UTF8.self)
    guard text.trimmingCharacters(in: .whitespacesAndNewlines).hasPrefix(armorBegin) else {
      return file
    }
    let lines = String(decoding: file, as: UTF8.self).split(whereSeparator: \.isNewline).map {
      $0.trimmingCharacters(in: .whitespaces)
    }.filter { !$0.isEmpty }
    guard lines.count >= 2, lines.first == armorBegin, lines.last == armorEnd,
      let data = Data(base64Encoded: lines.dropFirst().dropLast().joined())
    else { throw AgeError.malformedFile(reason: "the armor does not read") }
    return Array(data)
  }

  /// Decrypts a file (binary or armored) with an identity: the header's MAC and every chunk must authenticate.
  public static func decrypt(_ file: [UInt8], with identity: AgeIdentity) throws -> [UInt8] {
    let file = try dearmored(file)
    let header = try parseHeader(file)
    guard let fileKey = header.stanzas.lazy.compactMap({ unwrap($0, with: identity) }).first
    else { throw AgeError.noMatchingIdentity }
    let mac = HMAC<SHA256>.authenticationCode(
      for: file[..<header.macStart], using: headerKey(fileKey))
    guard Array(mac) == header.mac else { throw AgeError.tampered(reason: "the header's MAC") }
    let payloadBytes = Array(file[header.payloadStart...])
    guard payloadBytes.count >= 16 else {
      throw AgeError.malformedFile(reason: "the payload has no nonce")
    }
    let key = payloadKey(fileKey, nonce: Array(payloadBytes[..<16]))
    return try openPayload(Array(payloadBytes[16...]), key: key)
  }

  // MARK: Header

  private static func encode(_ stanza: AgeStanza) -> [UInt8] {
    var text = "-> " + stanza.arguments.joined(separator: " ") + "\n"
    let body = base64(stanza.body)
    var index = body.startIndex
    while true {
      let end = body.index(index, offsetBy: 64, limitedBy: body.endIndex) ?? body.endIndex
      text += body[index..<end] + "\n"
      if body.distance(from: index, to: end) < 64 { break }
      index = end
    }
    return Array(text.utf8)
  }

  private struct Header {
    var stanzas: [AgeStanza]
    /// Where the MAC's coverage ends: just after `---`.
    var macStart: Int
    var mac: [UInt8]
    var payloadStart: Int
  }

  private static func parseHeader(_ file: [UInt8]) throws -> Header {
    var position = 0
    func line() throws -> String {
      guard let end = file[position...].firstIndex(of: 0x0a) else {
        throw AgeError.malformedFile(reason: "the header ends early")
      }
      defer { position = end + 1 }
      guard let text = String(bytes: file[position..<end], encoding: .utf8) else {
        throw AgeError.malformedFile(reason: "the header is not text")
      }
      return text
    }
    guard try line() == version else {
      throw AgeError.malformedFile(reason: "no \(version) line")
    }
    var stanzas: [AgeStanza] = []
    while true {
      let start = position
      let text = try line()
      if text.hasPrefix("--- ") || text == "---" {
        guard text.hasPrefix("--- "), let mac = unbase64(String(text.dropFirst(4))),
          mac.count == 32, !stanzas.isEmpty
        else { throw AgeError.malformedFile(reason: "the header's MAC line does not read") }
        return Header(stanzas: stanzas, macStart: start + 3, mac: mac, payloadStart: position)
      }
      guard text.hasPrefix("-> ") else {
        throw AgeError.malformedFile(reason: "a stanza does not start with '->'")
      }
      let arguments = text.dropFirst(3).split(separator: " ", omittingEmptySubsequences: false)
        .map(String.init)
      guard arguments.allSatisfy({ !$0.isEmpty }) else {
        throw AgeError.malformedFile(reason: "a stanza has an empty argument")
      }
      var body = ""
      while true {
        let part = try line()
        guard part.count <= 64 else {
          throw AgeError.malformedFile(reason: "a stanza's body line is over 64 columns")
        }
        body += part
        if part.count < 64 { break }
      }
      guard let bytes = unbase64(body) else {
        throw AgeError.malformedFile(reason: "a stanza's body is not base64")
      }
      stanzas.append(AgeStanza(arguments: arguments, body: bytes))
    }
  }

  // MARK: Recipients

  private static func wrap(_ fileKey: [UInt8], for recipient: AgeRecipient) throws -> AgeStanza {
    let ephemeral = Curve25519.KeyAgreement.PrivateKey()
    let share = Array(ephemeral.publicKey.rawRepresentation)
    switch recipient {
    case .x25519(let key):
      let shared = try agree(ephemeral, key)
      let wrapKey = hkdf(shared, salt: share + key, info: x25519Label)
      return AgeStanza(arguments: ["X25519", base64(share)], body: try seal(fileKey, wrapKey))
    case .sshEd25519(let ssh):
      let edwards = Array(ssh.blob.suffix(32))
      let montgomery = EdwardsToMontgomery.montgomery(ofEdwards: edwards)
      let tweak = hkdf([], salt: ssh.blob, info: sshLabel)
      let shared = try agree(
        try Curve25519.KeyAgreement.PrivateKey(rawRepresentation: tweak),
        try agree(ephemeral, montgomery))
      let wrapKey = hkdf(shared, salt: share + montgomery, info: sshLabel)
      return AgeStanza(
        arguments: ["ssh-ed25519", base64(sshTag(ssh.blob)), base64(share)],
        body: try seal(fileKey, wrapKey))
    }
  }

  private static func unwrap(_ stanza: AgeStanza, with identity: AgeIdentity) -> [UInt8]? {
    guard stanza.body.count == 32 else { return nil }
    switch identity.kind {
    case .x25519(let key):
      guard stanza.arguments.count == 2, stanza.arguments[0] == "X25519",
        let share = unbase64(stanza.arguments[1]), share.count == 32,
        let shared = try? agree(key, share)
      else { return nil }
      let recipient = Array(key.publicKey.rawRepresentation)
      return open(stanza.body, hkdf(shared, salt: share + recipient, info: x25519Label))
    case .sshEd25519(let key, let ssh):
      guard stanza.arguments.count == 3, stanza.arguments[0] == "ssh-ed25519",
        stanza.arguments[1] == base64(sshTag(ssh.blob)),
        let share = unbase64(stanza.arguments[2]), share.count == 32,
        let tweakKey = try? Curve25519.KeyAgreement.PrivateKey(
          rawRepresentation: hkdf([], salt: ssh.blob, info: sshLabel)),
        let first = try? agree(key, share), let shared = try? agree(tweakKey, first)
      else { return nil }
      let montgomery = Array(key.publicKey.rawRepresentation)
      return open(stanza.body, hkdf(shared, salt: share + montgomery, info: sshLabel))
    }
  }

  private static func sshTag(_ blob: [UInt8]) -> [UInt8] {
    Array(SHA256.hash(data: blob).prefix(4))
  }

  private static func agree(_ key: Curve25519.KeyAgreement.PrivateKey, _ point: [UInt8]) throws
    -> [UInt8]
  {
    let secret = try key.sharedSecretFromKeyAgreement(
      with: Curve25519.KeyAgreement.PublicKey(rawRepresentation: point))
    let bytes = secret.withUnsafeBytes { Array($0) }
    guard bytes.contains(where: { $0 != 0 }) else {
      throw AgeError.malformedFile(reason: "a share of low order")
    }
    return bytes
  }

  // MARK: Payload

  private static func payload(_ plaintext: [UInt8], key: SymmetricKey) throws -> [UInt8] {
    var out: [UInt8] = []
    out.reserveCapacity(plaintext.count + (plaintext.count / chunkSize + 1) * 16)
    var counter: UInt64 = 0
    var start = 0
    repeat {
      let end = min(start + chunkSize, plaintext.count)
      let box = try ChaChaPoly.seal(
        plaintext[start..<end], using: key, nonce: chunkNonce(counter, last: end == plaintext.count)
      )
      out += box.ciphertext + box.tag
      counter += 1
      start = end
    } while start < plaintext.count
    return out
  }

  private static func openPayload(_ bytes: [UInt8], key: SymmetricKey) throws -> [UInt8] {
    var out: [UInt8] = []
    var counter: UInt64 = 0
    var start = 0
    let sealedChunk = chunkSize + 16
    while true {
      let end = min(start + sealedChunk, bytes.count)
      let last = end == bytes.count
      guard end - start >= 16 else { throw AgeError.tampered(reason: "the payload is cut short") }
      do {
        let box = try ChaChaPoly.SealedBox(
          nonce: chunkNonce(counter, last: last), ciphertext: bytes[start..<(end - 16)],
          tag: bytes[(end - 16)..<end])
        let chunk = try ChaChaPoly.open(box, using: key)
        guard !chunk.isEmpty || (counter == 0 && last) else {
          throw AgeError.tampered(reason: "an empty final chunk")
        }
        out += chunk
      } catch let error as AgeError {
        throw error
      } catch {
        throw AgeError.tampered(reason: "payload chunk \(counter) does not authenticate")
      }
      if last { return out }
      counter += 1
      start = end
    }
  }

  private static func chunkNonce(_ counter: UInt64, last: Bool) -> ChaChaPoly.Nonce {
    var bytes = [UInt8](repeating: 0, count: 12)
    for i in 0..<8 { bytes[10 - i] = UInt8(truncatingIfNeeded: counter >> (8 * i)) }
    bytes[11] = last ? 1 : 0
    return try! ChaChaPoly.Nonce(data: bytes)
  }

  // MARK: Primitives

  private static func headerKey(_ fileKey: [UInt8]) -> SymmetricKey {
    SymmetricKey(data: hkdf(fileKey, salt: [], info: Array("header".utf8)))
  }

  private static func payloadKey(_ fileKey: [UInt8], nonce: [UInt8]) -> SymmetricKey {
    SymmetricKey(data: hkdf(fileKey, salt: nonce, info: Array("payload".utf8)))
  }

  private static func hkdf(_ ikm: [UInt8], salt: [UInt8], info: [UInt8]) -> [UInt8] {
    HKDF<SHA256>.deriveKey(
      inputKeyMaterial: SymmetricKey(data: ikm), salt: salt, info: info, outputByteCount: 32
    ).withUnsafeBytes { Array($0) }
  }

  private static func seal(_ fileKey: [UInt8], _ key: [UInt8]) throws -> [UInt8] {
    let box = try ChaChaPoly.seal(
      fileKey, using: SymmetricKey(data: key),
      nonce: try ChaChaPoly.Nonce(data: [UInt8](repeating: 0, count: 12)))
    return Array(box.ciphertext + box.tag)
  }

  private static func open(_ body: [UInt8], _ key: [UInt8]) -> [UInt8]? {
    guard
      let box = try? ChaChaPoly.SealedBox(
        nonce: try ChaChaPoly.Nonce(data: [UInt8](repeating: 0, count: 12)),
        ciphertext: body[..<16], tag: body[16...]),
      let fileKey = try? ChaChaPoly.open(box, using: SymmetricKey(data: key))
    else { return nil }
    return Array(fileKey)
  }

  /// Bytes from the system's CSPRNG.
  static func random(_ count: Int) -> [UInt8] {
    SymmetricKey(size: SymmetricKeySize(bitCount: count * 8)).withUnsafeBytes { Array($0) }
  }

  /// Canonical base64 without padding, as age writes it.
  static func base64(_ bytes: [UInt8]) -> String {
    var text = Data(bytes).base64EncodedString()
    while text.hasSuffix("=") { text.removeLast() }
    return text
  }

  /// Unpadded base64 that re-encodes to itself; nil otherwise.
  static func unbase64(_ text: String) -> [UInt8]? {
    guard !text.contains("=") else { return nil }
    let padded = text + String(repeating: "=", count: (4 - text.count % 4) % 4)
    guard let data = Data(base64Encoded: padded), base64(Array(data)) == text else { return nil }
    return Array(data)
  }
}
