import AgeEncryption
import Foundation
import ReviewCore
import SSHSigning
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
      func list(_ key: String, _ items: [String]) {
        if !items.isEmpty { entry.append(YAMLField(key, .sequence(items.map { .string($0) }))) }
      }
      if let name = reviewer.name { entry.append(YAMLField("name", .string(name))) }
      list("emails", reviewer.emails)
      list("keys", reviewer.keys)
      list("recipients", reviewer.recipients)
      if reviewer.role != .panelist {
        entry.append(YAMLField("role", .string(reviewer.role.rawValue)))
      }
      if let affiliation = reviewer.affiliation {
        entry.append(YAMLField("affiliation", .string(affiliation)))
      }
      list("conflicts", reviewer.conflicts.map(\.rawValue))
      return YAMLField(id, .mapping(entry))
    }
    fields.append(YAMLField("reviewers", .mapping(registered)))
    if let policy {
      fields.append(
        YAMLField(
          "policy",
          .mapping([
            YAMLField(
              "require-signatures",
              .scalar(policy.requireSignatures ? "true" : "false", plain: true)),
            YAMLField("conflicts", .string(policy.conflicts.rawValue)),
          ])))
    }
    var rule: [YAMLField] = []
    if let method = consensus.method { rule.append(YAMLField("method", .string(method.rawValue))) }
    if let threshold = consensus.threshold {
      rule.append(YAMLField("threshold", .string(threshold.description)))
    }
    if let count = consensus.minimumReviewers {
      rule.append(YAMLField("min-reviewers", .scalar("\(count)", plain: true)))
    }
    if !rule.isEmpty { fields.append(YAMLField("consensus", .mapping(rule))) }
    let reading = agreement.fields
    if !reading.isEmpty { fields.append(YAMLField("agreement", .mapping(reading))) }
    if let stopping { fields.append(stopping.field) }
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
        reviewers[ReviewerID(id)] = Reviewer.read(&entry, id: id)
        _ = entry.unknownFields()
        registry.diagnostics += entry.diagnostics
      }
      reader.diagnostics += registry.diagnostics
    }
    let consensus = ConsensusOverride.read(&reader)
    let agreement = AgreementSettings.read(&reader)
    let policy = Policy.read(&reader)
    let stopping = StoppingRule.read(&reader)
    let unknown = reader.unknownFields()
    diagnostics += reader.diagnostics
    guard diagnostics.isEmpty else { return (nil, diagnostics) }
    return (
      Settings(
        defaultFramework: framework.map { FrameworkID($0.text) } ?? builtInDefaultFramework,
        reviewers: reviewers,
        consensus: consensus, agreement: agreement, policy: policy, stopping: stopping,
        unknownFields: unknown), []
    )
  }
}

extension Settings.Reviewer {
  /// Reads one reviewer of the registry; `email` (one address) is read as well as `emails`.
  fileprivate static func read(_ entry: inout MappingReader, id: String) -> Settings.Reviewer {
    var reviewer = Settings.Reviewer(name: entry.string("name")?.text)
    let emails = (entry.strings("email") ?? []) + (entry.strings("emails") ?? [])
    for (email, mark) in emails where !email.contains("@") || email.contains(where: \.isWhitespace)
    {
      entry.fail(mark, "reviewer '\(id)': '\(email)' is not an e-mail address")
    }
    reviewer.emails = emails.map(\.text)
    for (line, mark) in entry.strings("keys") ?? [] {
      do {
        _ = try SSHPublicKey(line: line, what: "key")
        reviewer.keys.append(line)
      } catch {
        entry.fail(mark, "reviewer '\(id)': \(error)")
      }
    }
    for (line, mark) in entry.strings("recipients") ?? [] {
      do {
        _ = try AgeRecipient(line, what: "recipient")
        reviewer.recipients.append(line)
      } catch {
        entry.fail(mark, "reviewer '\(id)': \(error)")
      }
    }
    if let (text, mark) = entry.string("role") {
      if let role = Role(rawValue: text) {
        reviewer.role = role
      } else {
        entry.fail(
          mark, "reviewer '\(id)': role '\(text)' is not one of panelist, reference, chair")
      }
    }
    reviewer.affiliation = entry.string("affiliation")?.text
    for (subject, mark) in entry.strings("conflicts") ?? [] {
      if let problem = Identifier.problem(subject, kind: "subject") {
        entry.fail(mark, "reviewer '\(id)': \(problem)")
      } else {
        reviewer.conflicts.append(SubjectID(subject))
      }
    }
    return reviewer
  }
}

extension Policy {
  /// Reads the `policy` field of review.yaml; nil when there is none.
  fileprivate static func read(_ reader: inout MappingReader) -> Policy? {
    guard let (node, _) = reader.node("policy") else { return nil }
    var fields = MappingReader(
      node, path: reader.path, what: "'policy'", diagnostics: &reader.diagnostics)
    defer { reader.diagnostics += fields.diagnostics }
    var policy = Policy()
    if let (text, mark) = fields.string("require-signatures") {
      switch text {
      case "true", "yes", "on": policy.requireSignatures = true
      case "false", "no", "off": policy.requireSignatures = false
      default: fields.fail(mark, "require-signatures '\(text)' must be true or false")
      }
    }
    if let (text, mark) = fields.string("conflicts") {
      if let rule = ConflictRule(rawValue: text) {
        policy.conflicts = rule
      } else {
        fields.fail(mark, "policy conflicts '\(text)' is not one of show, exclude")
      }
    }
    _ = fields.unknownFields()
    return policy
  }
}
