import Foundation
import GitKit
import ReviewCodec
import ReviewCore

/// The result of merging the three versions of one review file.
public struct FileMergeResult: Sendable {
  /// The merged file (our side wherever there is a conflict); nil when the file is deleted.
  public var contents: Data?
  /// The fields changed differently on the two sides.
  public var conflicts: [MergeConflict]
}

extension SemanticMerge {
  /// Merges three versions of a file under `reviews/` by meaning: an evaluation
  /// (`reviews/<subject>/<reviewer>.yaml`) judgement by judgement, a subject file field by field.
  /// Empty data stands for a side where the file does not exist. Criteria are written in the
  /// order of `frameworks`' criteria.
  public static func mergeFile(
    path: String, base: Data, ours: Data, theirs: Data, frameworks: [FrameworkID: Framework],
    checkFramework: Bool = false
  ) throws -> FileMergeResult {
    let location = FileLocation(path: path)
    guard let subject = location?.subject else { throw StoreError.notAReviewFile(path) }
    let sides = [(base, "base"), (ours, "ours"), (theirs, "theirs")]
    guard case .evaluation(_, let name) = location else {
      let subjects = try sides.map { data, side -> Subject? in
        guard !data.isEmpty else { return nil }
        let document = try YAMLDocument.parse(data, path: "\(path) (\(side))").orThrow()
        let (subject, problems) = Subject.read(document, expectedID: subject)
        guard let subject else { throw ReviewError.invalidFiles(problems) }
        return subject
      }
      return mergeSubjects(base: subjects[0], ours: subjects[1], theirs: subjects[2])
    }
    // The canonical form by the fast reader, anything else by Yams, as everywhere.
    let evaluations = try sides.map { data, side -> Evaluation? in
      guard !data.isEmpty else { return nil }
      // The base may predate the framework's last change; the two sides must fit it.
      let (evaluation, problems) = Evaluation.load(
        data, path: "\(path) (\(side))", expectedSubject: subject, expectedReviewer: name,
        framework: { frameworks[$0] }, checkFramework: checkFramework && side != "base")
      guard let evaluation else { throw ReviewError.invalidFiles(problems) }
      return evaluation
    }
    let result = merge(
      base: evaluations[0], ours: evaluations[1], theirs: evaluations[2], subject: subject,
      reviewer: name)
    let contents = result.merged.map { $0.canonicalYAML(order: frameworks[$0.framework]) }
    return FileMergeResult(contents: contents, conflicts: result.conflicts)
  }

  /// Subject files merged field by field (links as a set).
  static func mergeSubjects(base: Subject?, ours: Subject?, theirs: Subject?) -> FileMergeResult {
    guard let ours, let theirs else {
      let survivor = ours ?? theirs
      if let base, let survivor, survivor != base {
        let conflict = MergeConflict(
          subject: base.id, reviewer: nil, criterion: nil, field: "file", base: "present",
          ours: ours == nil ? nil : "edited", theirs: theirs == nil ? nil : "edited")
        return FileMergeResult(contents: ours?.canonicalYAML(), conflicts: [conflict])
      }
      return FileMergeResult(contents: base == nil ? survivor?.canonicalYAML() : nil, conflicts: [])
    }
    var conflicts: [MergeConflict] = []
    func fields(_ subject: Subject?) -> [YAMLField] {
      guard let subject else { return [] }
      var list: [YAMLField] = []
      if let title = subject.title { list.append(YAMLField("title", .string(title))) }
      list.append(YAMLField("framework", .string(subject.framework)))
      return list + subject.unknownFields
    }
    let merged = mergeFields(
      base: fields(base), ours: fields(ours), theirs: fields(theirs), criterion: nil
    ) { criterion, field, b, o, t in
      conflicts.append(
        MergeConflict(
          subject: ours.id, reviewer: nil, criterion: criterion, field: field, base: b, ours: o,
          theirs: t))
    }
    var subject = ours
    subject.title = merged.first { $0.key == "title" }?.value.scalarText
    subject.framework =
      merged.first { $0.key == "framework" }?.value.scalarText.map { FrameworkID($0) }
      ?? ours.framework
    subject.links = mergeSet(base: base?.links ?? [], ours: ours.links, theirs: theirs.links)
    subject.unknownFields = merged.filter { $0.key != "title" && $0.key != "framework" }
    return FileMergeResult(contents: subject.canonicalYAML(), conflicts: conflicts)
  }
}

extension MergeConflict: CustomStringConvertible {
  /// One line for people: where, and the three values.
  public var description: String {
    func value(_ text: String?) -> String { text.map { "'\($0)'" } ?? "(none)" }
    let place =
      location.path + (criterion.map { " \($0)" } ?? "")
    return "\(place) \(field): base \(value(base)), ours \(value(ours)), theirs \(value(theirs))"
  }
}
