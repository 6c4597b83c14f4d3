import Foundation
import ReviewCore
import Yams

/// A byte-level reader of the canonical evaluation files the tool writes (fixed keys, block
/// style, two-space indents, plain or double-quoted scalars), for reading history fast. Anything
/// else, or anything that would not validate, is left to the full YAML reader: `read` returns
/// nil and the caller falls back, so both paths give the same evaluations.
package enum CanonicalReader {
  static func evaluation(
    _ data: Data, expectedSubject: SubjectID?, expectedReviewer: ReviewerID?,
    framework: (FrameworkID) -> Framework?,
    checkFramework: Bool
  ) -> Evaluation? {
    evaluation(
      [UInt8](data), expectedSubject: expectedSubject, expectedReviewer: expectedReviewer,
      framework: framework, checkFramework: checkFramework)
  }

  static func evaluation(
    _ bytes: [UInt8], expectedSubject: SubjectID?, expectedReviewer: ReviewerID?,
    framework: (FrameworkID) -> Framework?,
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
  static func isValid(_ id: CriterionID, _ judgement: Judgement, in framework: Framework?) -> Bool {
    guard Identifier.isValid(id) else { return false }
    if let framework, framework.criterion(id) == nil { return false }
    return judgement.problem(criterion: id, framework: framework) == nil
  }

  private static func bytes(_ text: String) -> [UInt8] { Array(text.utf8) }
  private static let schemaLine = bytes(
    "\(CanonicalLayout.headerKeys[0]): \(CanonicalLayout.schema)")
  private static let emptyCriteria = bytes("\(CanonicalLayout.criteriaKey): {}")
  private static let criteriaLine = bytes("\(CanonicalLayout.criteriaKey):")
  /// An item of a set field: three levels in, and a dash.
  private static let setItem = CanonicalLayout.pad(3) + bytes("- ")
  /// `subject: `, `reviewer: `, `framework: `: the header's keys after the schema.
  private static let headerKeys = CanonicalLayout.headerKeys.dropFirst().map { bytes("\($0): ") }
  private static let criterionIndent = CanonicalLayout.indent
  private static let fieldIndent = 2 * CanonicalLayout.indent
  /// The judgement fields' keys, in the table's (canonical) order.
  private static let fieldKeys = JudgementField.allCases.map { bytes($0.key) }

  /// The structure of a canonical file, read byte by byte; nil at the first thing outside the
  /// canonical subset.
  static func parse(_ bytes: [UInt8]) -> Evaluation? {
    guard bytes.last == 0x0A, !bytes.contains(0x0D) else { return nil }
    let lines = bytes.dropLast().split(separator: 0x0A, omittingEmptySubsequences: false)
    let headerCount = headerKeys.count + 1
    guard lines.count > headerCount, lines[0].elementsEqual(schemaLine),
      let subject = value(lines[1], key: headerKeys[0]),
      let reviewer = value(lines[2], key: headerKeys[1]),
      let framework = value(lines[3], key: headerKeys[2])
    else { return nil }
    var evaluation = Evaluation(
      subject: SubjectID(subject), reviewer: ReviewerID(reviewer), framework: FrameworkID(framework)
    )
    if lines[headerCount].elementsEqual(emptyCriteria) {
      return lines.count == headerCount + 1 ? evaluation : nil
    }
    guard lines[headerCount].elementsEqual(criteriaLine),
      let judgements = judgements(lines[(headerCount + 1)...])
    else {
      return nil
    }
    evaluation.judgements = judgements
    return evaluation
  }

  /// The judgements of a file's criteria lines, or of a run of whole criterion blocks from one;
  /// nil at anything outside the canonical subset or a criterion given twice.
  static func judgements(_ block: ArraySlice<UInt8>) -> [CriterionID: Judgement]? {
    guard block.last == 0x0A, !block.contains(0x0D) else { return nil }
    return judgements(
      block.dropLast().split(separator: 0x0A, omittingEmptySubsequences: false)[...])
  }

  private static func judgements(_ lines: ArraySlice<ArraySlice<UInt8>>) -> [CriterionID:
    Judgement]?
  {
    let space = UInt8(ascii: " ")
    func indent(_ line: ArraySlice<UInt8>) -> Int { line.prefix { $0 == space }.count }
    var judgements: [CriterionID: Judgement] = [:]
    var index = lines.startIndex
    while index < lines.endIndex {
      let line = lines[index]
      // A criterion: one level in, an id, a colon.
      guard indent(line) == criterionIndent, line.last == UInt8(ascii: ":") else { return nil }
      let id = CriterionID(
        String(decoding: line.dropFirst(criterionIndent).dropLast(), as: UTF8.self))
      guard Identifier.isValid(id), judgements[id] == nil else { return nil }
      index += 1
      var judgement = Judgement(level: "")
      var last = -1
      while index < lines.endIndex, indent(lines[index]) >= fieldIndent {
        let field = lines[index].dropFirst(fieldIndent)
        guard let colon = field.firstIndex(of: UInt8(ascii: ":")),
          let position = fieldKeys.firstIndex(where: { field[..<colon].elementsEqual($0) }),
          position > last
        else { return nil }
        let known = JudgementField.allCases[position]
        // Fields come once each, in the canonical order, the required one first.
        if last == -1 && !known.isRequired { return nil }
        last = position
        if known.shape == .set {
          guard colon == field.index(before: field.endIndex) else { return nil }
          index += 1
          var items: [String] = []
          while index < lines.endIndex, lines[index].starts(with: setItem) {
            guard let item = scalar(lines[index].dropFirst(setItem.count)), !items.contains(item)
            else { return nil }
            items.append(item)
            index += 1
          }
          if items.isEmpty { return nil }
          judgement[items: known] = items
          continue
        }
        let rest = field[(colon + 1)...]
        guard rest.first == space, let text = scalar(rest.dropFirst()), !text.isEmpty else {
          return nil
        }
        judgement[known] = text
        // A value the field cannot hold (a confidence not in the list) is the full reader's
        // to report.
        guard judgement[known] == text else { return nil }
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
      // Bytes that are not UTF-8 are the full reader's to refuse, never replaced.
      guard let string = String(validating: bytes, as: UTF8.self) else { return nil }
      return YAMLScalar.isPlainSyntax(string) ? string : nil
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
  package static func load(
    _ data: Data, path: String, expectedSubject: SubjectID?, expectedReviewer: ReviewerID?,
    framework: (FrameworkID) -> Framework?, checkFramework: Bool = true
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
