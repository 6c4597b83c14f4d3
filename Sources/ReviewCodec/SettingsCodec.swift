import Foundation
import ReviewCore
import Yams

extension Settings {
  /// The canonical file `review init` writes.
  public func canonicalYAML() -> Data {
    var fields: [YAMLField] = [
      YAMLField("schema", .scalar("1", plain: true)),
      YAMLField("default-framework", .string(defaultFramework)),
    ]
    let registered = reviewers.keys.sorted().map { id -> YAMLField in
      let reviewer = reviewers[id]!
      var entry: [YAMLField] = []
      if let name = reviewer.name { entry.append(YAMLField("name", .string(name))) }
      if let email = reviewer.email { entry.append(YAMLField("email", .string(email))) }
      return YAMLField(id, .mapping(entry))
    }
    fields.append(YAMLField("reviewers", .mapping(registered)))
    var rule: [YAMLField] = []
    if let method = consensus.method { rule.append(YAMLField("method", .string(method.rawValue))) }
    if let threshold = consensus.threshold {
      rule.append(YAMLField("threshold", .string(threshold.description)))
    }
    if let count = consensus.minimumReviewers {
      rule.append(YAMLField("min-reviewers", .scalar("\(count)", plain: true)))
    }
    if !rule.isEmpty { fields.append(YAMLField("consensus", .mapping(rule))) }
    var writer = CanonicalYAML()
    writer.write(fields + unknownFields)
    return Data(writer.text.utf8)
  }

  package static func read(_ document: YAMLDocument) -> (Settings?, [Diagnostic]) {
    var diagnostics: [Diagnostic] = []
    var reader = MappingReader(
      document.root, path: document.path, what: FileLocation.settingsPath, diagnostics: &diagnostics
    )
    reader.schema()
    let framework = reader.identifier("default-framework", kind: "framework", required: false)
    var reviewers: [ReviewerID: Reviewer] = [:]
    if let (node, _) = reader.node("reviewers") {
      var registry = MappingReader(
        node, path: document.path, what: "'reviewers'", diagnostics: &reader.diagnostics)
      for (id, keyMark, value) in registry.fields {
        _ = registry.node(id)
        if let problem = Identifier.problem(id, kind: "reviewer") {
          registry.fail(keyMark, problem)
          continue
        }
        var entry = MappingReader(
          value, path: document.path, what: "reviewer '\(id)'", diagnostics: &registry.diagnostics)
        let name = entry.string("name")
        let email = entry.string("email")
        _ = entry.unknownFields()
        registry.diagnostics += entry.diagnostics
        reviewers[ReviewerID(id)] = Reviewer(name: name?.text, email: email?.text)
      }
      reader.diagnostics += registry.diagnostics
    }
    let consensus = ConsensusOverride.read(&reader)
    let unknown = reader.unknownFields()
    diagnostics += reader.diagnostics
    guard diagnostics.isEmpty else { return (nil, diagnostics) }
    return (
      Settings(
        defaultFramework: framework.map { FrameworkID($0.text) } ?? builtInDefaultFramework,
        reviewers: reviewers,
        consensus: consensus, unknownFields: unknown), []
    )
  }
}
