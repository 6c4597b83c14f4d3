import Foundation

/// How sure a reviewer is of a judgement.
public enum Confidence: String, Hashable, Sendable, CaseIterable, Codable {
  case low, medium, high
}

/// The fields of a judgement in their canonical order: the one table that the canonical file and
/// both of its readers, the semantic diff and merge, resolve, score changes and the JSON output
/// follow. A new field is a new case here (with its shape and its check), and nothing else in
/// the domain changes.
public enum JudgementField: String, CaseIterable, Hashable, Sendable, Codable {
  /// The level on the framework's scale; the one required field.
  case level
  /// An SPDX license expression.
  case license
  /// Where the facts can be checked: a set of URLs, kept in the order added.
  case evidence
  /// The reviewer's reasoning.
  case note
  /// How sure the reviewer is: low, medium or high.
  case confidence

  /// How a field holds its value.
  public enum Shape: Sendable {
    /// One text; merged three-way as a whole.
    case scalar
    /// A set of texts in the order added; merged as a set, honouring removals.
    case set
  }

  /// The field's shape.
  public var shape: Shape {
    switch self {
    case .evidence: return .set
    case .level, .license, .note, .confidence: return .scalar
    }
  }

  /// Whether every judgement has this field.
  public var isRequired: Bool { self == .level }

  /// The key in a file and in JSON.
  public var key: String { rawValue }

  /// The field with this key; nil for a key the tool does not know.
  public init?(key: String) { self.init(rawValue: key) }

  /// The fields of each shape, in the canonical order.
  public static let scalars = allCases.filter { $0.shape == .scalar }

  /// What is wrong with `value` as this field of `criterion`'s judgement, checked against
  /// `framework` when it is known; nil when the value may stand. An empty value of an optional
  /// field means "absent" only where the check allows it (an empty note; never an empty license).
  public func problem(_ value: String, criterion: CriterionID, framework: Framework?)
    -> JudgementProblem?
  {
    switch self {
    case .level:
      guard let framework, framework.level(LevelID(value)) == nil else { return nil }
      return .unknownLevel(
        value, criterion: criterion, levels: framework.scale.levels.map(\.id))
    case .license:
      return SPDXExpression.problem(value).map { .invalidLicense(value, reason: $0) }
    case .confidence:
      return Confidence(rawValue: value) == nil
        ? .invalidConfidence(value, criterion: criterion) : nil
    case .evidence, .note:
      // Evidence in a file is read as written (reports show what is not a link as text);
      // `ScoreChange` checks what the command line adds with `EvidenceReference`.
      return nil
    }
  }
}

/// A value that a judgement field may not hold.
public enum JudgementProblem: Error, Hashable, Sendable, CustomStringConvertible {
  /// A level the framework's scale does not have.
  case unknownLevel(String, criterion: CriterionID, levels: [LevelID])
  /// A license that is not a well-formed SPDX expression.
  case invalidLicense(String, reason: String)
  /// A confidence other than low, medium, high.
  case invalidConfidence(String, criterion: CriterionID)
  /// Evidence that is neither a web address, a DOI nor a path in the repository.
  case invalidEvidence(String, reason: String)

  /// The problem in words, naming the criterion.
  public var description: String {
    switch self {
    case .unknownLevel(let level, let criterion, let levels):
      let ids = levels.map(\.rawValue)
      return
        "unknown level '\(level)' for '\(criterion)' (levels: \(ids.joined(separator: ", ")))\(Suggestion.phrase(Suggestion.nearest(to: level, among: ids)))"
    case .invalidLicense(_, let reason), .invalidEvidence(_, let reason):
      return reason
    case .invalidConfidence(let value, let criterion):
      return "confidence '\(value)' for '\(criterion)' is not one of low, medium, high"
    }
  }

  /// The same, where the file position already names the criterion.
  public var descriptionInFile: String {
    if case .invalidConfidence(let value, _) = self {
      return "confidence '\(value)' is not one of low, medium, high"
    }
    return description
  }
}

/// One reviewer's judgement of one criterion: the fields of `JudgementField`, and any fields the
/// tool does not know, kept as they were read. Each field is a stored property (read directly on
/// hot paths); generic code reaches them through the two subscripts, by field.
public struct Judgement: Hashable, Sendable {
  /// The level on the framework's scale.
  public var level: LevelID
  /// An SPDX license expression.
  public var license: String?
  /// Where the facts can be checked, as a set kept in the order added.
  public var evidence: [String]
  /// The reviewer's reasoning.
  public var note: String?
  /// How sure the reviewer is.
  public var confidence: Confidence?
  /// Fields the tool does not know, in file order.
  public var unknownFields: [YAMLField]

  /// A judgement with each field given.
  public init(
    level: LevelID, license: String? = nil, evidence: [String] = [], note: String? = nil,
    confidence: Confidence? = nil, unknownFields: [YAMLField] = []
  ) {
    self.level = level
    self.license = license
    self.evidence = evidence
    self.note = note
    self.confidence = confidence
    self.unknownFields = unknownFields
  }

  /// A scalar field's value; nil when absent. Setting nil removes an optional field; a set
  /// field is not a scalar (use `subscript(items:)`).
  public subscript(field: JudgementField) -> String? {
    get {
      switch field {
      case .level: return level.rawValue
      case .license: return license
      case .note: return note
      case .confidence: return confidence?.rawValue
      case .evidence: preconditionFailure("evidence is a set field")
      }
    }
    set {
      switch field {
      case .level: level = newValue.map { LevelID($0) } ?? level
      case .license: license = newValue
      case .note: note = newValue
      // A value the field's check refuses is never set (readers and score check first).
      case .confidence: confidence = newValue.flatMap(Confidence.init(rawValue:))
      case .evidence: preconditionFailure("evidence is a set field")
      }
    }
  }

  /// A set field's items, in the order added.
  public subscript(items field: JudgementField) -> [String] {
    get {
      switch field {
      case .evidence: return evidence
      case .level, .license, .note, .confidence: preconditionFailure("\(field) is a scalar field")
      }
    }
    set {
      switch field {
      case .evidence: evidence = newValue
      case .level, .license, .note, .confidence: preconditionFailure("\(field) is a scalar field")
      }
    }
  }

  /// The first problem of any field, checked against `framework` when known; nil when valid.
  public func problem(criterion: CriterionID, framework: Framework?) -> JudgementProblem? {
    for field in JudgementField.scalars {
      if let value = self[field],
        let problem = field.problem(
          value, criterion: criterion, framework: framework)
      {
        return problem
      }
    }
    return nil
  }

  /// The judgement in one line, `level: open; license: MIT; evidence: a, b`, for a conflict over
  /// a whole judgement.
  public var summary: String {
    var parts: [String] = []
    for field in JudgementField.allCases {
      switch field.shape {
      case .scalar:
        if let value = self[field] { parts.append("\(field.key): \(value)") }
      case .set:
        let items = self[items: field]
        if !items.isEmpty { parts.append("\(field.key): \(items.joined(separator: ", "))") }
      }
    }
    return parts.joined(separator: "; ")
  }
}
