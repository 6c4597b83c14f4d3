/// What a seal encrypts: the canonical evaluation, then a comment line with the commitment's
/// nonce, then comment lines of padding, so that the plaintext is still the evaluation's YAML
/// (`age -d` gives it back readable) and every file of a size class has the same size.
public enum SealPayload {
  /// The smallest padded size; larger plaintexts are padded to the next power of two above it.
  public static let sizeClass = 16 * 1024
  private static let nonceMark = Array("# review seal nonce: ".utf8)

  /// The size an evaluation of `count` bytes and its trailer are padded to.
  public static func paddedSize(_ count: Int) -> Int {
    var size = sizeClass
    while size < count { size *= 2 }
    return size
  }

  /// The padded plaintext of a canonical evaluation and its nonce.
  public static func plaintext(evaluation: [UInt8], nonce: [UInt8]) -> [UInt8] {
    var bytes = evaluation
    if let last = bytes.last, last != 0x0a { bytes.append(0x0a) }
    bytes += nonceMark + Array(Hex.encode(nonce).utf8) + [0x0a]
    let target = paddedSize(bytes.count)
    while bytes.count < target {
      let line = min(64, target - bytes.count)
      bytes += line == 1 ? [0x0a] : [0x23] + [UInt8](repeating: 0x2d, count: line - 2) + [0x0a]
    }
    return bytes
  }

  /// The evaluation and nonce of a padded plaintext; nil when it has no nonce line.
  public static func read(_ plaintext: [UInt8]) -> (evaluation: [UInt8], nonce: [UInt8])? {
    // The nonce line is the last line that starts with the mark, after the evaluation.
    var start = plaintext.count - nonceMark.count
    while start >= 0 {
      if (start == 0 || plaintext[start - 1] == 0x0a),
        plaintext[start..<(start + nonceMark.count)].elementsEqual(nonceMark)
      {
        let hexStart = start + nonceMark.count
        let end = plaintext[hexStart...].firstIndex(of: 0x0a) ?? plaintext.count
        guard let nonce = Hex.decode(String(decoding: plaintext[hexStart..<end], as: UTF8.self))
        else { return nil }
        return (Array(plaintext[..<start]), nonce)
      }
      start -= 1
    }
    return nil
  }
}

/// Lower-case hexadecimal, for nonces and commitments in files people read.
public enum Hex {
  /// The bytes in hex.
  public static func encode(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef")
    return String(bytes.flatMap { [digits[Int($0 >> 4)], digits[Int($0 & 15)]] })
  }

  /// The bytes of an even-length hex string; nil when it is not one.
  public static func decode(_ text: String) -> [UInt8]? {
    let digits = Array(text.utf8)
    guard digits.count % 2 == 0 else { return nil }
    func value(_ digit: UInt8) -> UInt8? {
      switch digit {
      case 0x30...0x39: return digit - 0x30
      case 0x61...0x66: return digit - 0x61 + 10
      case 0x41...0x46: return digit - 0x41 + 10
      default: return nil
      }
    }
    var bytes: [UInt8] = []
    for index in stride(from: 0, to: digits.count, by: 2) {
      guard let high = value(digits[index]), let low = value(digits[index + 1]) else {
        return nil
      }
      bytes.append(high << 4 | low)
    }
    return bytes
  }
}
