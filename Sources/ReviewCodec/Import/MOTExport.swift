import Foundation
import ReviewCore
import Yams

extension ConsensusReport {
  /// The framework whose criteria are the Model Openness Tool's components.
  public static let motFramework: FrameworkID = "mof-1.0"

  /// The consensus as a Model Openness Tool record (schema `mof_schema.json`).
  ///
  /// A subject imported from a record (`mot-record:` in its file) gets that record back whole:
  /// every field as read, and every component as listed, except those the panel judged
  /// differently. A component is judged differently when the panel's consensus is another level
  /// than the record gives it, or the license most of its agreeing reviewers gave is not the
  /// record's effective license. Such a component is dropped when the panel says `closed`, and
  /// otherwise written with the panel's license and first evidence; a component the record does
  /// not list and the panel puts above `closed` is added at the end. A component with no
  /// consensus yet is left as the record has it.
  ///
  /// Any other subject makes a new record dated `date`: each criterion whose consensus is above
  /// the lowest level is a listed component.
  ///
  /// A component below the top level with no license given is written `license: unlicensed`, as
  /// the tool's own records do, so that it does not inherit the release's license. An `open`
  /// one with no license given inherits the release's; the tool counts it open only if that is.
  ///
  /// Only a subject judged against `mof-1.0` makes a record: the tool's components are that
  /// framework's criteria, and another framework's would pass its schema while meaning nothing.
  public func motRecord(date: String) throws -> Data {
    guard framework.id == Self.motFramework else {
      throw ReviewError.cannotExport(
        subject: subject.id, framework: framework.id, format: "a Model Openness Tool record",
        needs: Self.motFramework)
    }
    let panel = panelComponents()
    let record = try subject.motRecord.map { try writtenBack($0, panel: panel) }
    var writer = CanonicalYAML()
    if case .mapping(let fields)? = record {
      writer.write(fields)
    } else {
      writer.write(newRecord(date: date, panel: panel))
    }
    return Data(writer.text.utf8)
  }

  /// What the panel says of each criterion it has a consensus on.
  private func panelComponents() -> [CriterionID: PanelComponent] {
    var result: [CriterionID: PanelComponent] = [:]
    for entry in criteria {
      guard let level = entry.consensus else { continue }
      let agreeing = evaluations.compactMap { evaluation in
        evaluation.judgements[entry.criterion].flatMap { $0.level == level ? $0 : nil }
      }
      var licenseCounts: [String: Int] = [:]
      for judgement in agreeing {
        if let license = judgement.license { licenseCounts[license, default: 0] += 1 }
      }
      let license = licenseCounts.max {
        $0.value == $1.value ? $0.key > $1.key : $0.value < $1.value
      }?.key
      result[entry.criterion] = PanelComponent(
        level: level, license: license, evidence: agreeing.flatMap(\.evidence))
    }
    return result
  }

  /// The kept record with the components the panel judged differently rewritten.
  private func writtenBack(_ kept: YAMLValue, panel: [CriterionID: PanelComponent]) throws
    -> YAMLValue
  {
    let path = FileLocation.subject(subject.id).path
    guard case .mapping(let fields) = kept else { return kept }
    var text = CanonicalYAML()
    text.write(fields)
    let record = try MOTRecord.read(Data(text.text.utf8), path: path)
    let implied = try record.evaluation(
      subject: subject.id, reviewer: Settings.curators[0], framework: framework, path: path)
    var items: [YAMLValue] = []
    if case .sequence(let listed)? = kept["release"]?["components"] { items = listed }
    var components: [YAMLValue] = []
    var listedCriteria: Set<CriterionID> = []
    // The reader keeps one component per item, in order, so the two line up.
    for (item, component) in zip(items, record.components) {
      guard let criterion = framework.criteria.first(where: { $0.title == component.name }) else {
        components.append(item)
        continue
      }
      listedCriteria.insert(criterion.id)
      guard let judged = panel[criterion.id] else {
        components.append(item)
        continue
      }
      let effective = record.effectiveLicense(component, contentType: criterion.kind)?.name
      let differs =
        judged.level != implied.judgements[criterion.id]?.level
        || (judged.license.map { $0 != effective } ?? false)
      if !differs {
        components.append(item)
      } else if judged.level != closed {
        components.append(rewritten(item, as: judged))
      }
    }
    for criterion in framework.criteria where !listedCriteria.contains(criterion.id) {
      guard let judged = panel[criterion.id], judged.level != closed else { continue }
      components.append(newComponent(criterion, judged))
    }
    // Untouched, the field stays as written (an empty `components:` stays empty, not `[]`).
    guard components != items else { return kept }
    var result = kept
    result["release"]?["components"] = .sequence(components)
    return result
  }

  /// The scale's lowest level: a component the panel puts there is not listed.
  private var closed: LevelID? { framework.scale.levels.first?.id }

  /// A listed component as the panel judged it: its license and first evidence, the rest kept.
  private func rewritten(_ item: YAMLValue, as judged: PanelComponent) -> YAMLValue {
    var item = item
    item["license"] = license(judged)
    if let path = judged.evidence.first { item["component_path"] = .string(path) }
    return item
  }

  /// A component the panel lists: the criterion's title and description, its license, its
  /// first evidence.
  private func newComponent(_ criterion: Criterion, _ judged: PanelComponent) -> YAMLValue {
    var item = YAMLValue.mapping([YAMLField("name", .string(criterion.title))])
    if let description = criterion.description { item["description"] = .string(description) }
    item["license"] = license(judged)
    if let path = judged.evidence.first { item["component_path"] = .string(path) }
    return item
  }

  /// The license field of a component the panel judged: its license, else `unlicensed` below
  /// the top level, else none (the release's applies).
  private func license(_ judged: PanelComponent) -> YAMLValue? {
    if let license = judged.license { return .string(license) }
    return judged.level == framework.scale.levels.last?.id ? nil : .string("unlicensed")
  }

  /// A record for a subject that was not imported: the framework, the release named by the
  /// subject's title, and the components the panel puts above the lowest level.
  private func newRecord(date: String, panel: [CriterionID: PanelComponent]) -> [YAMLField] {
    let components = framework.criteria.compactMap { criterion -> YAMLValue? in
      guard let judged = panel[criterion.id], judged.level != closed else { return nil }
      return newComponent(criterion, judged)
    }
    let producer = subject.unknownFields.first { $0.key == "producer" }?.value.scalarText ?? ""
    return [
      YAMLField(
        "framework",
        .mapping([
          YAMLField("name", .string("Model Openness Framework")),
          YAMLField("version", .string("1.0")),
          YAMLField("date", .string("2024-12-15")),
        ])),
      YAMLField(
        "release",
        .mapping([
          YAMLField("name", .string(subject.title ?? subject.id.rawValue)),
          YAMLField("version", .string("")),
          YAMLField("date", .string(date)), YAMLField("producer", .string(producer)),
          YAMLField("license", .mapping([])), YAMLField("components", .sequence(components)),
        ])),
    ]
  }
}

/// What a panel says of one component: its consensus level, the license most of the agreeing
/// reviewers gave, and their evidence.
private struct PanelComponent {
  var level: LevelID
  var license: String?
  var evidence: [String]
}
