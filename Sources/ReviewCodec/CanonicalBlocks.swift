import Foundation
import ReviewCore
import Yams

/// A canonical evaluation file cut into its header and one byte block per criterion, so that two
/// versions can be compared block by block and only the blocks that differ parsed.
package struct CanonicalBlocks {
  let bytes: [UInt8]
  /// The lines up to and including `criteria:`.
  let header: Range<Int>
  /// The file's subject, reviewer and framework, read from the header (no judgements).
  package let identity: Evaluation
  /// Each criterion's lines, and the bytes of its id within them, in file order.
  let blocks: [(id: Range<Int>, range: Range<Int>)]

  /// nil when the file does not have the canonical layout (the full reader then handles it).
  package init?(_ data: Data) {
    let bytes = [UInt8](data)
    guard bytes.count > 2, bytes.count <= maximumFileSize, bytes.last == 0x0A,
      let (headerEnd, blocks) = bytes.withUnsafeBufferPointer(Self.cut),
      let identity = CanonicalReader.parse(Array(bytes[..<headerEnd])),
      CanonicalReader.hasValidHeader(identity)
    else { return nil }
    self.bytes = bytes
    header = 0..<headerEnd
    self.identity = identity
    self.blocks = blocks
  }

  /// The end of the header and the criteria's blocks, found line by line.
  private static func cut(_ bytes: UnsafeBufferPointer<UInt8>)
    -> (Int, [(id: Range<Int>, range: Range<Int>)])?
  {
    let base = bytes.baseAddress!
    func endOfLine(from start: Int) -> Int? {
      guard start < bytes.count, let found = memchr(base + start, 0x0A, bytes.count - start)
      else { return nil }
      return UnsafeRawPointer(found) - UnsafeRawPointer(base)
    }
    let space = UInt8(ascii: " ")
    // The header's lines, then `criteria:`; the criteria follow.
    var lineStart = 0
    for _ in CanonicalLayout.headerKeys {
      guard let end = endOfLine(from: lineStart) else { return nil }
      lineStart = end + 1
    }
    let criteriaLine = "\(CanonicalLayout.criteriaKey):\n".utf8
    guard lineStart + criteriaLine.count <= bytes.count,
      bytes[lineStart..<(lineStart + criteriaLine.count)].elementsEqual(criteriaLine)
    else { return nil }
    let headerEnd = lineStart + criteriaLine.count
    var blocks: [(Range<Int>, Range<Int>)] = []
    var start: Int?
    var id = 0..<0
    var line = headerEnd
    while line < bytes.count {
      guard let end = endOfLine(from: line) else { return nil }
      // A criterion starts at a line exactly one level in (two spaces).
      let indent = CanonicalLayout.indent
      let isCriterion =
        end - line > indent + 1 && (0..<indent).allSatisfy { bytes[line + $0] == space }
        && bytes[line + indent] != space
      guard isCriterion || start != nil else { return nil }
      if isCriterion {
        if let start { blocks.append((id, start..<line)) }
        start = line
        guard
          let colon = memchr(base + line + indent, Int32(UInt8(ascii: ":")), end - line - indent)
        else { return nil }
        id = (line + indent)..<(UnsafeRawPointer(colon) - UnsafeRawPointer(base))
      }
      line = end + 1
    }
    if let start { blocks.append((id, start..<bytes.count)) }
    return (headerEnd, blocks)
  }

  /// The file reduced to the judgements of these criteria, read from their blocks alone; nil
  /// when a block is not canonical or would not validate (the whole file must be read then).
  package func evaluation(with ids: Set<String>, framework: Framework?) -> Evaluation? {
    var evaluation = identity
    for block in blocks where ids.contains(name(block.id)) {
      guard let judgements = CanonicalReader.judgements(bytes[block.range]) else { return nil }
      for (id, judgement) in judgements {
        guard evaluation.judgements.updateValue(judgement, forKey: id) == nil,
          CanonicalReader.isValid(id, judgement, in: framework)
        else { return nil }
      }
    }
    return evaluation
  }

  func name(_ range: Range<Int>) -> String { String(decoding: bytes[range], as: UTF8.self) }

  /// Whether two byte ranges, of this file and another, hold the same bytes.
  private static func same(_ a: [UInt8], _ x: Range<Int>, _ b: [UInt8], _ y: Range<Int>) -> Bool {
    guard x.count == y.count else { return false }
    return a.withUnsafeBufferPointer { p in
      b.withUnsafeBufferPointer { q in
        memcmp(p.baseAddress! + x.lowerBound, q.baseAddress! + y.lowerBound, x.count) == 0
      }
    }
  }

  /// The ids whose block differs between two versions (present in one only, or other bytes);
  /// nil when the headers differ.
  package static func changedIDs(_ old: CanonicalBlocks, _ new: CanonicalBlocks) -> Set<String>? {
    guard same(old.bytes, old.header, new.bytes, new.header) else { return nil }
    // Usually both list the same criteria in the same order: compare them pairwise.
    if old.blocks.count == new.blocks.count,
      zip(old.blocks, new.blocks).allSatisfy({ same(old.bytes, $0.id, new.bytes, $1.id) })
    {
      var changed: Set<String> = []
      for (a, b) in zip(old.blocks, new.blocks) where !same(old.bytes, a.range, new.bytes, b.range)
      {
        changed.insert(new.name(b.id))
      }
      return changed
    }
    var changed: Set<String> = []
    var before: [String: Range<Int>] = [:]
    for block in old.blocks { before[old.name(block.id)] = block.range }
    for block in new.blocks {
      let id = new.name(block.id)
      if let range = before.removeValue(forKey: id), same(old.bytes, range, new.bytes, block.range)
      {
        continue
      }
      changed.insert(id)
    }
    changed.formUnion(before.keys)
    return changed
  }
}
