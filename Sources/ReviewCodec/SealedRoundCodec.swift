import Foundation
import ReviewCore
import Yams

extension SealedRound {
  /// The canonical round file: schema, round, state, until, panel, then the unknown fields.
  public func canonicalYAML() -> Data {
    var fields: [YAMLField] = [
      YAMLField("schema", .scalar("1", plain: true)), YAMLField("round", .string(name)),
      YAMLField("state", .string(state.rawValue)),
    ]
    if let until { fields.append(YAMLField("until", .string(Self.isoDate(until)))) }
    fields.append(YAMLField("panel", .sequence(panel.map { .string($0.rawValue) })))
    var writer = CanonicalYAML()
    writer.write(fields + unknownFields)
    return Data(writer.text.utf8)
  }

  /// A time as the round file writes it: ISO 8601 in UTC, to the second.
  public static func isoDate(_ time: Int64) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.formatOptions = [.withInternetDateTime]
    formatter.timeZone = TimeZone(identifier: "UTC")
    return formatter.string(from: Date(timeIntervalSince1970: TimeInterval(time)))
  }

  /// Reads a round file.
  package static func read(_ document: YAMLDocument) -> (SealedRound?, [Diagnostic]) {
    var diagnostics: [Diagnostic] = []
    var reader = MappingReader(
      document.root, path: document.path, what: "a round file", diagnostics: &diagnostics)
    reader.schema()
    let name = reader.identifier("round", kind: "round")
    var state: State?
    if let (text, mark) = reader.string("state", required: true) {
      state = State(rawValue: text)
      if state == nil { reader.fail(mark, "state '\(text)' must be open or closed") }
    }
    var until: Int64?
    if let (text, mark) = reader.string("until") {
      let formatter = ISO8601DateFormatter()
      formatter.formatOptions = [.withInternetDateTime]
      if let date = formatter.date(from: text) {
        until = Int64(date.timeIntervalSince1970)
      } else {
        reader.fail(mark, "until '\(text)' must be a date such as 2026-12-09T00:00:00Z")
      }
    }
    var panel: [ReviewerID] = []
    for (text, mark) in reader.strings("panel") ?? [] {
      if let problem = Identifier.problem(text, kind: "reviewer") {
        reader.fail(mark, problem)
      } else {
        panel.append(ReviewerID(text))
      }
    }
    let unknown = reader.unknownFields()
    diagnostics += reader.diagnostics
    guard diagnostics.isEmpty, let name, let state else { return (nil, diagnostics) }
    return (
      SealedRound(
        name: name.text, state: state, until: until, panel: panel, unknownFields: unknown), []
    )
  }
}
