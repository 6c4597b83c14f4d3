import Foundation
import ReviewCore
import Yams

extension Subject {
  /// The key of the Model Openness Tool record a subject was imported from.
  package static let motRecordKey = "mot-record"

  /// A kept record as the canonical file writes it, to compare two by what readers see.
  public static func recordText(_ record: YAMLValue) -> String {
    var writer = CanonicalYAML()
    writer.write([YAMLField(motRecordKey, record)])
    return writer.text
  }

  /// The canonical file: schema, id, title, framework, links, the imported record, then the
  /// unknown fields as read.
  public func canonicalYAML() -> Data {
    var fields: [YAMLField] = [
      YAMLField("schema", .scalar("1", plain: true)), YAMLField("id", .string(id)),
    ]
    if let title { fields.append(YAMLField("title", .string(title))) }
    fields.append(YAMLField("framework", .string(framework)))
    if !links.isEmpty { fields.append(YAMLField("links", .sequence(links.map(YAMLValue.string)))) }
    if let motRecord { fields.append(YAMLField(Self.motRecordKey, motRecord)) }
    var writer = CanonicalYAML()
    writer.write(fields + unknownFields)
    return Data(writer.text.utf8)
  }

  /// Reads a subject file; `expectedID` is the folder it stands in.
  /// `isKnownFramework` checks the framework id, so its problem points at the field.
  package static func read(
    _ document: YAMLDocument, expectedID: SubjectID,
    isKnownFramework: (FrameworkID) -> Bool = { _ in true }
  ) -> (Subject?, [Diagnostic]) {
    var diagnostics: [Diagnostic] = []
    var reader = MappingReader(
      document.root, path: document.path, what: "a subject file", diagnostics: &diagnostics)
    reader.schema()
    let id = reader.identifier("id", kind: "subject")
    if let (text, mark) = id, text != expectedID.rawValue {
      reader.fail(
        mark, "id '\(text)' does not match its folder '\(FileLocation.subjectFolder(expectedID))'")
    }
    let title = reader.string("title")
    let framework = reader.identifier("framework", kind: "framework")
    if let (text, mark) = framework, !isKnownFramework(FrameworkID(text)) {
      reader.fail(mark, "unknown framework '\(text)'")
    }
    let links = reader.strings("links") ?? []
    var motRecord: YAMLValue?
    if let (node, _) = reader.node(motRecordKey) {
      motRecord = readMOTRecord(node, path: document.path, diagnostics: &reader.diagnostics)
    }
    let unknown = reader.unknownFields()
    diagnostics += reader.diagnostics
    guard diagnostics.isEmpty, let id, let framework else { return (nil, diagnostics) }
    return (
      Subject(
        id: SubjectID(id.text), title: title?.text, framework: FrameworkID(framework.text),
        links: links.map(\.text), motRecord: motRecord, unknownFields: unknown), []
    )
  }

  /// The record kept under `mot-record:`, checked as `review import mot` checks one so that
  /// `export mot` can always write it back.
  private static func readMOTRecord(_ node: Node, path: String, diagnostics: inout [Diagnostic])
    -> YAMLValue?
  {
    do {
      return try MOTRecord.read(node, path: path, keyPrefix: "\(motRecordKey).").document
    } catch ReviewError.invalidFiles(let problems) {
      diagnostics += problems
    } catch {
      diagnostics.append(Diagnostic(path: path, message: "\(error)"))
    }
    return nil
  }
}
