import Foundation

/// A byte-level reader of the canonical evaluation files the tool writes (fixed keys, block
/// style, two-space indents, plain or double-quoted scalars), for reading history fast. Anything
/// else, or anything that would not validate, is left to the full YAML reader: `read` returns
/// nil and the caller falls back, so both paths give the same evaluations.
enum CanonicalReader {
  static func evaluation(
    _ data: Data, expectedSubject: String?, expectedReviewer: String?,
    framework: (String) -> Framework?,
    checkFramework: Bool
  ) -> Evaluation? {
    evaluation(
      [UInt8](data), expectedSubject: expectedSubject, expectedReviewer: expectedReviewer,
      framework: framework, checkFramework: checkFramework)
  }

  static func evaluation(
    _ bytes: [UInt8], expectedSubject: String?, expectedReviewer: String?,
    framework: (String) -> Framework?,
    checkFramework: Bool
  ) -> Evaluation? {
    guard bytes.count <= maximumFileSize, var evaluation = parse(bytes),
      hasValidHeader(evaluation),
      expectedSubject.map({ $0 == evaluation.subject }) ?? true,
      expectedReviewer.map({ $0 == evaluation.reviewer }) ?? true
    else { return nil }
    let resolved = framework(evaluation.framework)
    if checkFramework && resolved == nil { return nil }
    guard evaluation.judgements.allSatisfy({ isValid($0.key, $0.value, in: resolved) }) else {
      return nil
    }
    evaluation.unknownFields = []
    return evaluation
  }

  // The same checks as the full reader; any failure goes back to it for the diagnostics.

  /// Whether the file-level ids are valid.
  static func hasValidHeader(_ evaluation: Evaluation) -> Bool {
    Identifier.isValid(evaluation.subject) && Identifier.isValid(evaluation.reviewer)
      && Identifier.isValid(evaluation.framework)
  }

  /// Whether a judgement would pass validation (against its framework, when known).
  static func isValid(_ id: String, _ judgement: Judgement, in framework: Framework?) -> Bool {
    guard Identifier.isValid(id) else { return false }
    if let framework {
      guard framework.criterion(id) != nil, framework.level(judgement.level) != nil else {
        return false
      }
    }
    if let license = judgement.license, SPDXExpression.problem(license) != nil { return false }
    return true
  }

  private static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
  private static let schemaLine = bytes("schema: 1")
  private static let emptyCriteria = bytes("criteria: {}")
  private static let criteriaLine = bytes("criteria:")
  private static let evidenceItem = bytes("      - ")
  private static let subjectKey = bytes("subject: ")
  private static let reviewerKey = bytes("reviewer: ")
  private static let frameworkKey = bytes("framework: ")
  private static let fieldOrder = ["level", "license", "evidence", "note", "confidence"].map(bytes)

  /// The structure of a canonical file, read byte by byte; nil at the first thing outside the
  /// canonical subset.
  static func parse(_ bytes: [UInt8]) -> Evaluation? {
    guard bytes.last == 0x0A, !bytes.contains(0x0D) else { return nil }
    let lines = bytes.dropLast().split(separator: 0x0A, omittingEmptySubsequences: false)
    guard lines.count >= 5, lines[0].elementsEqual(schemaLine),
      let subject = value(lines[1], key: subjectKey),
      let reviewer = value(lines[2], key: reviewerKey),
      let framework = value(lines[3], key: frameworkKey)
    else { return nil }
    var evaluation = Evaluation(subject: subject, reviewer: reviewer, framework: framework)
    if lines[4].elementsEqual(emptyCriteria) {
      return lines.count == 5 ? evaluation : nil
    }
    guard lines[4].elementsEqual(criteriaLine), let judgements = judgements(lines[5...]) else {
      return nil
    }
    evaluation.judgements = judgements
    return evaluation
  }

  /// The judgements of a file's criteria lines, or of a run of whole criterion blocks from one;
  /// nil at anything outside the canonical subset or a criterion given twice.
  static func judgements(_ block: ArraySlice<UInt8>) -> [String: Judgement]? {
    guard block.last == 0x0A, !block.contains(0x0D) else { return nil }
    return judgements(
      block.dropLast().split(separator: 0x0A, omittingEmptySubsequences: false)[...])
  }

  private static func judgements(_ lines: ArraySlice<ArraySlice<UInt8>>) -> [String: Judgement]? {
    let space = UInt8(ascii: " ")
    func indent(_ line: ArraySlice<UInt8>) -> Int { line.prefix { $0 == space }.count }
    var judgements: [String: Judgement] = [:]
    var index = lines.startIndex
    while index < lines.endIndex {
      let line = lines[index]
      // A criterion: two spaces, an id, a colon.
      guard indent(line) == 2, line.last == UInt8(ascii: ":") else { return nil }
      let id = String(decoding: line.dropFirst(2).dropLast(), as: UTF8.self)
      guard Identifier.isValid(id), judgements[id] == nil else { return nil }
      index += 1
      var judgement = Judgement(level: "")
      var last = -1
      while index < lines.endIndex, indent(lines[index]) >= 4 {
        let field = lines[index].dropFirst(4)
        guard let colon = field.firstIndex(of: UInt8(ascii: ":")),
          let position = fieldOrder.firstIndex(where: { field[..<colon].elementsEqual($0) }),
          position > last
        else { return nil }
        // Fields come once each, in the canonical order, level first.
        if last == -1 && position != 0 { return nil }
        last = position
        if position == 2 {
          guard colon == field.index(before: field.endIndex) else { return nil }
          index += 1
          while index < lines.endIndex, lines[index].starts(with: evidenceItem) {
            guard let url = scalar(lines[index].dropFirst(8)), !judgement.evidence.contains(url)
            else { return nil }
            judgement.evidence.append(url)
            index += 1
          }
          if judgement.evidence.isEmpty { return nil }
          continue
        }
        let rest = field[(colon + 1)...]
        guard rest.first == space, let text = scalar(rest.dropFirst()), !text.isEmpty else {
          return nil
        }
        switch position {
        case 0: judgement.level = text
        case 1: judgement.license = text
        case 3: judgement.note = text
        default:
          guard let confidence = Confidence(rawValue: text) else { return nil }
          judgement.confidence = confidence
        }
        index += 1
      }
      guard last >= 0 else { return nil }
      judgements[id] = judgement
    }
    return judgements
  }

  /// `key: value` with a scalar value.
  private static func value(_ line: ArraySlice<UInt8>, key prefix: [UInt8]) -> String? {
    guard line.starts(with: prefix) else { return nil }
    return scalar(line.dropFirst(prefix.count))
  }

  /// A plain scalar the canonical writer would write plain, or a double-quoted one on one line.
  private static func scalar(_ bytes: ArraySlice<UInt8>) -> String? {
    guard let first = bytes.first else { return nil }
    guard first == UInt8(ascii: "\"") else {
      let string = String(decoding: bytes, as: UTF8.self)
      return CanonicalYAML.isPlainSyntax(string) ? string : nil
    }
    var result: [UInt8] = []
    result.reserveCapacity(bytes.count)
    var index = bytes.index(after: bytes.startIndex)
    func append(_ scalar: Unicode.Scalar) { result.append(contentsOf: String(scalar).utf8) }
    while index < bytes.endIndex {
      let byte = bytes[index]
      index += 1
      switch byte {
      case UInt8(ascii: "\""):
        guard index == bytes.endIndex else { return nil }
        return String(validating: result, as: UTF8.self)
      case UInt8(ascii: "\\"):
        guard index < bytes.endIndex else { return nil }
        let escape = bytes[index]
        index += 1
        switch escape {
        case UInt8(ascii: "\""): result.append(escape)
        case UInt8(ascii: "\\"): result.append(escape)
        case UInt8(ascii: "n"): result.append(0x0A)
        case UInt8(ascii: "t"): result.append(0x09)
        case UInt8(ascii: "r"): result.append(0x0D)
        case UInt8(ascii: "0"): result.append(0x00)
        case UInt8(ascii: "x"), UInt8(ascii: "u"):
          let count = escape == UInt8(ascii: "x") ? 2 : 4
          guard bytes.endIndex - index >= count,
            let code = UInt32(
              String(decoding: bytes[index..<(index + count)], as: UTF8.self), radix: 16),
            let decoded = Unicode.Scalar(code)
          else { return nil }
          index += count
          append(decoded)
        default:
          return nil
        }
      default:
        if byte < 0x20 { return nil }
        result.append(byte)
      }
    }
    return nil
  }
}

extension Evaluation {
  /// Reads an evaluation file: the canonical form by the fast reader, anything else (and every
  /// problem, with its position) by the full YAML reader.
  static func load(
    _ data: Data, path: String, expectedSubject: String?, expectedReviewer: String?,
    framework: (String) -> Framework?, checkFramework: Bool = true
  ) -> (Evaluation?, [Diagnostic]) {
    if let fast = CanonicalReader.evaluation(
      data, expectedSubject: expectedSubject, expectedReviewer: expectedReviewer,
      framework: framework,
      checkFramework: checkFramework)
    {
      return (fast, [])
    }
    switch YAMLDocument.parse(data, path: path) {
    case .success(let document):
      return read(
        document, expectedSubject: expectedSubject, expectedReviewer: expectedReviewer,
        framework: framework,
        checkFramework: checkFramework)
    case .failure(let diagnostic):
      return (nil, [diagnostic])
    }
  }
}

/// A canonical evaluation file cut into its header and one byte block per criterion, so that two
/// versions can be compared block by block and only the blocks that differ parsed.
struct CanonicalBlocks {
  let bytes: [UInt8]
  /// The lines up to and including `criteria:`.
  let header: Range<Int>
  /// The file's subject, reviewer and framework, read from the header (no judgements).
  let identity: Evaluation
  /// Each criterion's lines, and the bytes of its id within them, in file order.
  let blocks: [(id: Range<Int>, range: Range<Int>)]

  /// nil when the file does not have the canonical layout (the full reader then handles it).
  init?(_ data: Data) {
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
    // The fifth line must be `criteria:`; the criteria follow.
    var lineStart = 0
    for _ in 0..<4 {
      guard let end = endOfLine(from: lineStart) else { return nil }
      lineStart = end + 1
    }
    let criteriaLine = "criteria:\n".utf8
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
      // A criterion starts at a line with exactly two spaces of indent.
      let isCriterion =
        end - line > 3 && bytes[line] == space && bytes[line + 1] == space
        && bytes[line + 2] != space
      guard isCriterion || start != nil else { return nil }
      if isCriterion {
        if let start { blocks.append((id, start..<line)) }
        start = line
        guard let colon = memchr(base + line + 2, Int32(UInt8(ascii: ":")), end - line - 2)
        else { return nil }
        id = (line + 2)..<(UnsafeRawPointer(colon) - UnsafeRawPointer(base))
      }
      line = end + 1
    }
    if let start { blocks.append((id, start..<bytes.count)) }
    return (headerEnd, blocks)
  }

  /// The file reduced to the judgements of these criteria, read from their blocks alone; nil
  /// when a block is not canonical or would not validate (the whole file must be read then).
  func evaluation(with ids: Set<String>, framework: Framework?) -> Evaluation? {
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
  static func changedIDs(_ old: CanonicalBlocks, _ new: CanonicalBlocks) -> Set<String>? {
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
