import Foundation
import ReviewCore
import Yams

extension ConsensusReport {
  /// The framework whose criteria are the Model Openness Tool's components.
  public static let motFramework: FrameworkID = "mof-1.0"

  /// The consensus as a Model Openness Tool record (schema `mof_schema.json`): each criterion
  /// whose consensus is above the lowest level is a listed component, with the license most of
  /// its agreeing reviewers gave and their first evidence as paths.
  ///
  /// The tool counts a component as open only through an open license, so an `open` consensus
  /// with no license given is exported without one and the tool will not count it.
  ///
  /// Only a subject judged against `mof-1.0` makes a record: the tool's components are that
  /// framework's criteria, and another framework's would pass its schema while meaning nothing.
  public func motRecord(date: String) throws -> Data {
    guard framework.id == Self.motFramework else {
      throw ReviewError.cannotExport(
        subject: subject.id, framework: framework.id, format: "a Model Openness Tool record",
        needs: Self.motFramework)
    }
    let lowest = framework.scale.levels.first?.id
    var components: [YAMLValue] = []
    for entry in criteria {
      guard let level = entry.consensus, level != lowest,
        let criterion = framework.criterion(entry.criterion)
      else { continue }
      let agreeing = evaluations.filter { $0.judgements[entry.criterion]?.level == level }
        .compactMap { $0.judgements[entry.criterion] }
      var licenseCounts: [String: Int] = [:]
      for judgement in agreeing {
        if let license = judgement.license { licenseCounts[license, default: 0] += 1 }
      }
      let license = licenseCounts.max {
        $0.value == $1.value ? $0.key > $1.key : $0.value < $1.value
      }?.key
      let evidence = agreeing.flatMap(\.evidence)
      var fields = [YAMLField("name", .string(criterion.title))]
      if let description = criterion.description {
        fields.append(YAMLField("description", .string(description)))
      }
      if let license { fields.append(YAMLField("license", .string(license))) }
      if let path = evidence.first { fields.append(YAMLField("component_path", .string(path))) }
      components.append(.mapping(fields))
    }
    let producer = subject.unknownFields.first { $0.key == "producer" }?.value.scalarText ?? ""
    let record: [YAMLField] = [
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
    var writer = CanonicalYAML()
    writer.write(record)
    return Data(writer.text.utf8)
  }
}
