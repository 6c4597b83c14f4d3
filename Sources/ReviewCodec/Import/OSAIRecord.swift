import Foundation
import ReviewCore
import Yams

/// A European Open Source AI Index record: `system`, `org`, and per dimension a `class`
/// (open, partial, closed; empty when it does not apply), `link` and `notes`.
public struct OSAIRecord: Sendable {
  /// One dimension of the record: its class, links and notes.
  public struct Dimension: Sendable {
    /// The class, as a level of the framework; nil when the record gives none.
    public var level: LevelID?
    /// Where the facts can be checked.
    public var links: [String]
    /// The index's notes.
    public var notes: String?
  }

  /// The system's name.
  public var name: String
  /// The system's page.
  public var link: String?
  /// By the index's field name (`datasources_basemodel`, ...).
  public var dimensions: [CriterionID: Dimension]

  /// Reads a record, naming the field of each problem. `framework` says which dimensions to read.
  public static func read(_ data: Data, path: String, framework: Framework) throws -> OSAIRecord {
    var diagnostics: [Diagnostic] = []
    var (top, system) = try MappingReader.record(
      data, path: path, format: "an Open Source AI Index record", key: "system",
      diagnostics: &diagnostics)
    let name = system.string("name", required: true)?.text ?? ""
    let link = system.string("link")?.text
    diagnostics += system.diagnostics
    var record = OSAIRecord(name: name, link: link?.isEmpty == false ? link : nil, dimensions: [:])
    let levels = Set(framework.scale.levels.map(\.id))
    for criterion in framework.criteria {
      guard let (node, _) = top.node(criterion.id.rawValue) else { continue }
      var fields = MappingReader(
        node, path: path, what: "'\(criterion.id)'", keyPrefix: "\(criterion.id).",
        diagnostics: &diagnostics)
      var level: LevelID?
      if let (text, mark) = fields.string("class") {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        if !trimmed.isEmpty {
          if levels.contains(LevelID(trimmed)) {
            level = LevelID(trimmed)
          } else {
            fields.fail(
              mark,
              "\(criterion.id).class: '\(text)' is not one of \(framework.scale.levels.map(\.id.rawValue).joined(separator: ", "))"
            )
          }
        }
      }
      let links = (fields.strings("link") ?? []).map {
        $0.text.trimmingCharacters(in: .whitespaces)
      }
      .filter { !$0.isEmpty }
      let notes = fields.string("notes")?.text.trimmingCharacters(in: .whitespacesAndNewlines)
      diagnostics += fields.diagnostics
      record.dimensions[criterion.id] = Dimension(
        level: level, links: links, notes: notes?.isEmpty == false ? notes : nil)
    }
    guard diagnostics.isEmpty else { throw ReviewError.invalidFiles(diagnostics) }
    return record
  }

  /// The record as an evaluation: each dimension with a class becomes a judgement at that level,
  /// with its links as evidence and its notes as the note; dimensions without one are absent.
  public func evaluation(subject: SubjectID, reviewer: ReviewerID, framework: Framework)
    -> Evaluation
  {
    var judgements: [CriterionID: Judgement] = [:]
    for (id, dimension) in dimensions {
      guard let level = dimension.level else { continue }
      var evidence: [String] = []
      for link in dimension.links where !evidence.contains(link) && EvidenceReference.isValid(link)
      {
        evidence.append(link)
      }
      judgements[id] = Judgement(level: level, evidence: evidence, note: dimension.notes)
    }
    return Evaluation(
      subject: subject, reviewer: reviewer, framework: framework.id, judgements: judgements)
  }
}
