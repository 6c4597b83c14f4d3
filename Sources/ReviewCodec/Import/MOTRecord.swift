import Foundation
import ReviewCore
import Yams

/// A Model Openness Tool model record (`framework:` and `release:`), read for import.
public struct MOTRecord: Sendable {
  /// One listed component.
  public struct Component: Sendable {
    /// The name, as the tool lists it.
    public var name: String
    /// The component's own license: nil when the field is absent or null (then the release's
    /// license applies), "" when empty.
    public var license: String?
    /// Where the component is published.
    public var componentPath: String?
    /// Where the component's license text is.
    public var licensePath: String?
  }

  /// The name, as the tool lists it.
  public var name: String
  /// Who released the model.
  public var producer: String?
  /// The source repository.
  public var repository: String?
  /// The Hugging Face page.
  public var huggingface: String?
  /// Release-wide licenses by content type (`distribution`, `code`, `data`, `document`).
  public var licenses: [String: (name: String, path: String?)]
  /// The components the record lists.
  public var components: [Component]
  /// The whole record as read, every field in its order, for keeping in the subject file.
  public var document: YAMLValue = .mapping([])

  /// Reads a record, naming the field of each problem.
  public static func read(_ data: Data, path: String) throws -> MOTRecord {
    try read(YAMLDocument.parse(data, path: path).orThrow().root, path: path)
  }

  /// Reads a record from its YAML node; `keyPrefix` names where it stands in a larger file.
  static func read(_ root: Node, path: String, keyPrefix: String = "") throws -> MOTRecord {
    var diagnostics: [Diagnostic] = []
    var (_, release) = try MappingReader.record(
      root, path: path, format: "a Model Openness Tool record", key: "release",
      keyPrefix: keyPrefix, diagnostics: &diagnostics)
    let name = release.string("name", required: true)
    func optional(_ key: String) -> String? {
      guard let text = release.string(key)?.text, !text.isEmpty else { return nil }
      return text
    }
    var record = MOTRecord(
      name: name?.text ?? "", producer: optional("producer"), repository: optional("repository"),
      huggingface: optional("huggingface"), licenses: [:], components: [])
    if let (licenseNode, _) = release.node("license"), case .mapping(let mapping) = licenseNode {
      for (key, value) in mapping {
        guard let type = key.string, case .mapping(let entry) = value,
          let licenseName = entry["name"]?.string, !licenseName.isEmpty
        else { continue }
        record.licenses[type] = (licenseName, entry["path"]?.string)
      }
    }
    if let (componentsNode, _) = release.node("components") {
      if case .sequence(let items) = componentsNode {
        for item in items {
          var fields = MappingReader(
            item, path: path, what: "an item of '\(keyPrefix)release.components'",
            keyPrefix: "\(keyPrefix)release.components[].",
            diagnostics: &release.diagnostics)
          guard let (componentName, _) = fields.string("name", required: true) else { continue }
          var license: String?
          if let (node, _) = fields.node("license") {
            switch node {
            case .scalar(let scalar)
            where !(scalar.style == .plain && ["", "~", "null"].contains(scalar.string)):
              license = scalar.string
            case .mapping(let mapping):
              license = mapping["name"]?.string
            default:
              license = nil
            }
          }
          func text(_ key: String) -> String? {
            guard let value = fields.string(key)?.text, !value.isEmpty else { return nil }
            return value
          }
          record.components.append(
            Component(
              name: componentName, license: license, componentPath: text("component_path"),
              licensePath: text("license_path")))
          release.diagnostics += fields.diagnostics
        }
      } else if case .scalar(let scalar) = componentsNode, scalar.string.isEmpty {
        // `components:` with nothing listed.
      } else {
        release.fail(componentsNode.mark, "'\(keyPrefix)release.components' must be a list")
      }
    }
    diagnostics += release.diagnostics
    do {
      record.document = try root.yamlValue()
    } catch {
      diagnostics.append(YAMLDocument.diagnostic(path, error.mark, "keys must be plain strings"))
    }
    guard diagnostics.isEmpty else { throw ReviewError.invalidFiles(diagnostics) }
    return record
  }

  /// The release's repository and Hugging Face page, where they are links.
  public var releaseLinks: [String] { Self.links([repository, huggingface]) }

  /// The fields that are links, once each and in order: evidence is a set, and a field that
  /// is no link (a page title pasted after the address) is left out, kept only in the record.
  static func links(_ fields: [String?]) -> [String] {
    var result: [String] = []
    for case let field? in fields where EvidenceReference.isValid(field) && !result.contains(field)
    {
      result.append(field)
    }
    return result
  }

  /// The license that applies to a listed component, as the tool resolves it: its own, else
  /// the release's license for its content type, else the distribution license; nil when none.
  /// An empty own license means none (the tool then reads it as unlicensed).
  public func effectiveLicense(_ component: Component, contentType: String?) -> (
    name: String, source: String
  )? {
    if let own = component.license {
      return own.isEmpty ? nil : (own, "the component")
    }
    if let type = contentType, let license = licenses[type] {
      return (license.name, "release.license.\(type)")
    }
    if let license = licenses["distribution"] {
      return (license.name, "release.license.distribution")
    }
    return nil
  }

  /// The record as an evaluation against a MOF framework (criteria titled with the tool's
  /// component names): a listed component with an open effective license is `open`, listed
  /// otherwise `restricted`, not listed `closed`; licenses and paths become license and
  /// evidence, and a note says what the record says.
  public func evaluation(
    subject: SubjectID, reviewer: ReviewerID, framework: Framework, path: String
  )
    throws
    -> Evaluation
  {
    var judgements: [CriterionID: Judgement] = [:]
    var listed: [CriterionID: Component] = [:]
    for component in components {
      guard let criterion = framework.criteria.first(where: { $0.title == component.name }) else {
        throw ReviewError.invalidFiles([
          Diagnostic(
            path: path,
            message:
              "release.components: unknown component '\(component.name)' (not one of the \(framework.id) components)"
          )
        ])
      }
      listed[criterion.id] = component
    }
    let releaseLinks = self.releaseLinks
    for criterion in framework.criteria {
      guard let component = listed[criterion.id] else {
        judgements[criterion.id] = Judgement(
          level: "closed", evidence: releaseLinks,
          note: "Not listed in the Model Openness Tool record of \(name).")
        continue
      }
      let evidence = Self.links([component.componentPath, component.licensePath])
      let license = effectiveLicense(component, contentType: criterion.kind)
      let known = license.flatMap { MOTLicenses.isOpen[$0.name] }
      if let license, known == true {
        judgements[criterion.id] = Judgement(
          level: "open", license: license.name, evidence: evidence,
          note:
            "Listed with \(license.name) (from \(license.source)), an open license in the Model Openness Tool's list."
        )
      } else {
        let what = license.map { "license '\($0.name)' (from \($0.source))" } ?? "no license"
        judgements[criterion.id] = Judgement(
          level: "restricted", license: known == false ? license?.name : nil, evidence: evidence,
          note: "Listed with \(what), which the Model Openness Tool does not count as open.")
      }
    }
    return Evaluation(
      subject: subject, reviewer: reviewer, framework: framework.id, judgements: judgements)
  }
}

/// A subject id made from a name: lower case, runs of other characters as `-`.
public func subjectID(from name: String, field: String, path: String) throws -> String {
  var id = ""
  for scalar in name.lowercased().unicodeScalars {
    let allowed =
      ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "." || scalar == "_"
    if allowed {
      id.unicodeScalars.append(scalar)
    } else if !id.hasSuffix("-") {
      id += "-"
    }
  }
  while id.contains("..") { id = id.replacingOccurrences(of: "..", with: ".") }
  id = String(id.drop { !($0.isLetter || $0.isNumber) }.prefix(64))
  while id.hasSuffix("-") || id.hasSuffix(".") { id.removeLast() }
  guard Identifier.isValid(id) else {
    throw ReviewError.noSubjectID(name: name, field: field, path: path)
  }
  return id
}
