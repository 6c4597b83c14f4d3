/// The field of integers modulo 2^255 − 19, just enough of it to map an Ed25519 public key to
/// the X25519 key of the same secret, as age's ssh-ed25519 recipients need: u = (1 + y) / (1 − y).
struct FieldElement: Equatable {
  /// Five limbs of 51 bits, least significant first.
  private var limbs: [UInt64]
  private static let mask: UInt64 = (1 << 51) - 1

  private init(limbs: [UInt64]) { self.limbs = limbs }

  /// One.
  static let one = FieldElement(limbs: [1, 0, 0, 0, 0])

  /// The element of 32 little-endian bytes, with the top bit ignored.
  init(bytes: [UInt8]) {
    precondition(bytes.count == 32)
    var value = [UInt64](repeating: 0, count: 4)
    for (index, byte) in bytes.enumerated() {
      value[index / 8] |= UInt64(byte) << (8 * (index % 8))
    }
    value[3] &= (1 << 63) - 1
    limbs = [
      value[0] & Self.mask,
      (value[0] >> 51 | value[1] << 13) & Self.mask,
      (value[1] >> 38 | value[2] << 26) & Self.mask,
      (value[2] >> 25 | value[3] << 39) & Self.mask,
      value[3] >> 12,
    ]
  }

  /// The canonical 32 little-endian bytes.
  var bytes: [UInt8] {
    var h = carried().limbs
    // Subtract p once when h ≥ p: q is 1 exactly then.
    var q = (h[0] + 19) >> 51
    for i in 1..<5 { q = (h[i] + q) >> 51 }
    h[0] += 19 * q
    for i in 0..<4 {
      h[i + 1] += h[i] >> 51
      h[i] &= Self.mask
    }
    h[4] &= Self.mask
    let words = [
      h[0] | h[1] << 51, h[1] >> 13 | h[2] << 38, h[2] >> 26 | h[3] << 25, h[3] >> 39 | h[4] << 12,
    ]
    return words.flatMap { word in (0..<8).map { UInt8(truncatingIfNeeded: word >> (8 * $0)) } }
  }

  private func carried() -> FieldElement {
    var h = limbs
    for _ in 0..<2 {
      for i in 0..<4 {
        h[i + 1] += h[i] >> 51
        h[i] &= Self.mask
      }
      h[0] += 19 * (h[4] >> 51)
      h[4] &= Self.mask
    }
    return FieldElement(limbs: h)
  }

  static func + (a: FieldElement, b: FieldElement) -> FieldElement {
    FieldElement(limbs: (0..<5).map { a.limbs[$0] + b.limbs[$0] }).carried()
  }

  static func - (a: FieldElement, b: FieldElement) -> FieldElement {
    // Adding 2p keeps every limb positive.
    let twoP: [UInt64] = [0xf_ffff_ffff_ffda] + [UInt64](repeating: 0xf_ffff_ffff_fffe, count: 4)
    let a = a.carried().limbs
    let b = b.carried().limbs
    return FieldElement(limbs: (0..<5).map { a[$0] + twoP[$0] - b[$0] }).carried()
  }

  static func * (a: FieldElement, b: FieldElement) -> FieldElement {
    let x = a.carried().limbs.map { UInt128($0) }
    let y = b.carried().limbs.map { UInt128($0) }
    var r = [UInt128](repeating: 0, count: 5)
    for i in 0..<5 {
      for j in 0..<5 {
        let product = x[i] * y[j]
        if i + j < 5 { r[i + j] += product } else { r[i + j - 5] += 19 * product }
      }
    }
    var limbs = [UInt64](repeating: 0, count: 5)
    var carry: UInt128 = 0
    for i in 0..<5 {
      let value = r[i] + carry
      limbs[i] = UInt64(value & UInt128(mask))
      carry = value >> 51
    }
    limbs[0] += UInt64(carry) * 19
    return FieldElement(limbs: limbs).carried()
  }

  /// The multiplicative inverse, by Fermat: a^(p − 2).
  var inverse: FieldElement {
    // p − 2 = 2^255 − 21: bits 254…5 set, then 0b01011.
    var result = FieldElement.one
    for bit in stride(from: 254, through: 0, by: -1) {
      result = result * result
      if bit >= 5 || [0, 1, 3].contains(bit) { result = result * self }
    }
    return result
  }
}

enum EdwardsToMontgomery {
  /// The X25519 public key of the secret behind an Ed25519 public key (32 bytes each).
  static func montgomery(ofEdwards key: [UInt8]) -> [UInt8] {
    let y = FieldElement(bytes: key)
    return ((FieldElement.one + y) * (FieldElement.one - y).inverse).bytes
  }
}
