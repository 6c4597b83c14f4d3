import Foundation
import ReviewCore
import Yams

extension Judgement {
  /// The fields as the canonical file writes them: the table's, in its order, then the unknown.
  var canonicalFields: [YAMLField] {
    var fields: [YAMLField] = []
    for field in JudgementField.allCases {
      switch field.shape {
      case .scalar:
        if let value = self[field] { fields.append(YAMLField(field.key, .string(value))) }
      case .set:
        let items = self[items: field]
        if !items.isEmpty {
          fields.append(YAMLField(field.key, .sequence(items.map(YAMLValue.string))))
        }
      }
    }
    return fields + unknownFields
  }
}

extension Evaluation {
  /// The canonical file: fixed keys, criteria in the framework's order (any the framework does
  /// not list after them, by id), unknown fields after the known ones.
  public func canonicalYAML(order framework: Framework?) -> Data {
    let ordered = framework?.criteria.map(\.id).filter { judgements[$0] != nil } ?? []
    let rest = judgements.keys.filter { !ordered.contains($0) }.sorted()
    let criteria = (ordered + rest).map { id in
      YAMLField(id, .mapping(judgements[id]!.canonicalFields))
    }
    let fields =
      CanonicalLayout.header(of: self)
      + [YAMLField(CanonicalLayout.criteriaKey, .mapping(criteria))]
    var writer = CanonicalYAML()
    writer.write(fields + unknownFields)
    return Data(writer.text.utf8)
  }

  /// Reads an evaluation; the path's folder and file name must agree with `subject` and
  /// `reviewer`, and the judgements are checked against `framework` when one is given.
  /// Without `checkFramework` an unknown framework is no error and judgements go unchecked
  /// (history may hold files written against frameworks the repository no longer has).
  package static func read(
    _ document: YAMLDocument, expectedSubject: SubjectID?, expectedReviewer: ReviewerID?,
    framework: (FrameworkID) -> Framework?, checkFramework: Bool = true
  ) -> (Evaluation?, [Diagnostic]) {
    var diagnostics: [Diagnostic] = []
    var reader = MappingReader(
      document.root, path: document.path, what: "an evaluation", diagnostics: &diagnostics)
    reader.schema()
    let subject = reader.identifier("subject", kind: "subject")
    if let (text, mark) = subject, let expectedSubject, text != expectedSubject.rawValue {
      reader.fail(
        mark,
        "subject '\(text)' does not match its folder '\(FileLocation.subjectFolder(expectedSubject))'"
      )
    }
    let reviewer = reader.identifier("reviewer", kind: "reviewer")
    if let (text, mark) = reviewer, let expectedReviewer, text != expectedReviewer.rawValue {
      reader.fail(
        mark, "reviewer '\(text)' does not match the file name '\(expectedReviewer).yaml'")
    }
    let frameworkID = reader.identifier("framework", kind: "framework")
    var resolved: Framework?
    if let (text, mark) = frameworkID {
      resolved = framework(FrameworkID(text))
      if resolved == nil && checkFramework { reader.fail(mark, "unknown framework '\(text)'") }
    }
    var judgements: [CriterionID: Judgement] = [:]
    if let (node, _) = reader.node("criteria") {
      judgements = readJudgements(node, framework: resolved, reader: &reader)
    } else {
      reader.fail(reader.mark, "missing required field 'criteria'")
    }
    let unknown = reader.unknownFields()
    diagnostics += reader.diagnostics
    guard diagnostics.isEmpty, let subject, let reviewer, let frameworkID else {
      return (nil, diagnostics)
    }
    return (
      Evaluation(
        subject: SubjectID(subject.text), reviewer: ReviewerID(reviewer.text),
        framework: FrameworkID(frameworkID.text),
        judgements: judgements, unknownFields: unknown), []
    )
  }

  private static func readJudgements(
    _ node: Node, framework: Framework?, reader: inout MappingReader
  ) -> [CriterionID: Judgement] {
    if case .scalar(let scalar) = node, scalar.string.isEmpty { return [:] }  // `criteria:` alone
    var criteriaReader = MappingReader(
      node, path: reader.path, what: "'criteria'", diagnostics: &reader.diagnostics)
    defer { reader.diagnostics += criteriaReader.diagnostics }
    var judgements: [CriterionID: Judgement] = [:]
    for (criterion, keyMark, value) in criteriaReader.fields {
      _ = criteriaReader.node(criterion)
      if let problem = Identifier.problem(criterion, kind: "criterion") {
        criteriaReader.fail(keyMark, problem)
        continue
      }
      let criterion = CriterionID(criterion)
      if let framework, framework.criterion(criterion) == nil {
        criteriaReader.fail(
          keyMark,
          ReviewError.unknownCriterion(
            criterion, framework: framework.id,
            suggestion: framework.nearestCriterion(to: criterion)
          ).description)
        continue
      }
      var fields = MappingReader(
        value, path: reader.path, what: "the judgement of '\(criterion)'",
        diagnostics: &criteriaReader.diagnostics)
      var judgement = Judgement(level: "")
      var hasLevel = false
      for field in JudgementField.allCases {
        switch field.shape {
        case .scalar:
          guard let (text, mark) = fields.string(field.key, required: field.isRequired) else {
            continue
          }
          if let problem = field.problem(text, criterion: criterion, framework: framework) {
            fields.fail(mark, problem.descriptionInFile)
          }
          if field.isRequired { hasLevel = true }
          if !text.isEmpty || field.isRequired { judgement[field] = text }
        case .set:
          var items: [String] = []
          for (text, _) in fields.strings(field.key) ?? [] where !items.contains(text) {
            items.append(text)
          }
          judgement[items: field] = items
        }
      }
      judgement.unknownFields = fields.unknownFields()
      criteriaReader.diagnostics += fields.diagnostics
      if hasLevel { judgements[criterion] = judgement }
    }
    return judgements
  }
}
