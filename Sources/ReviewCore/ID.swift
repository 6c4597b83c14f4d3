/// What an id names. Each kind is a type of its own, so that a reviewer id cannot stand where a
/// subject id is meant.
public protocol IDKind: Sendable {
  /// The kind's name in messages: `subject`, `reviewer`...
  static var name: String { get }
}

/// An id of one kind: text that follows the id rule of `Identifier`, one safe path component.
///
/// An id is taken as it is given: readers make ids from text they have checked, and the store
/// checks ids that come from people (`Identifier.validate`) before it uses them.
public struct ID<Kind: IDKind>: Hashable, Comparable, Sendable, CustomStringConvertible,
  ExpressibleByStringLiteral, ExpressibleByStringInterpolation, Codable, CodingKeyRepresentable
{
  /// The id's text.
  public let rawValue: String

  /// An id whose text is known to follow the rule (read by a reader that checked it).
  public init(_ rawValue: String) {
    self.rawValue = rawValue
  }

  /// An id written in code.
  public init(stringLiteral value: String) {
    rawValue = value
  }

  /// The text, as in files and paths.
  public var description: String { rawValue }

  /// Orders by text, as files are listed.
  public static func < (lhs: ID, rhs: ID) -> Bool { lhs.rawValue < rhs.rawValue }

  /// Reads the text.
  public init(from decoder: any Decoder) throws {
    rawValue = try decoder.singleValueContainer().decode(String.self)
  }

  /// Writes the text.
  public func encode(to encoder: any Encoder) throws {
    var container = encoder.singleValueContainer()
    try container.encode(rawValue)
  }

  /// The text as a JSON object's key.
  public var codingKey: any CodingKey { IDKey(stringValue: rawValue) }

  /// An id from a JSON object's key.
  public init?<T: CodingKey>(codingKey: T) {
    rawValue = codingKey.stringValue
  }
}

/// A JSON object's key that is an id's text.
private struct IDKey: CodingKey {
  var stringValue: String
  var intValue: Int? { nil }
  init(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}

/// A subject's id.
public enum SubjectKind: IDKind { public static let name = "subject" }
/// A reviewer's id.
public enum ReviewerKind: IDKind { public static let name = "reviewer" }
/// A criterion's id, unique within its framework.
public enum CriterionKind: IDKind { public static let name = "criterion" }
/// A level's id, unique within its scale.
public enum LevelKind: IDKind { public static let name = "level" }
/// A framework's id.
public enum FrameworkKind: IDKind { public static let name = "framework" }

/// The id of a subject: its folder under `reviews/`.
public typealias SubjectID = ID<SubjectKind>
/// The id of a reviewer: the name of their evaluation files.
public typealias ReviewerID = ID<ReviewerKind>
/// The id of a criterion.
public typealias CriterionID = ID<CriterionKind>
/// The id of a level.
public typealias LevelID = ID<LevelKind>
/// The id of a framework: its template's name.
public typealias FrameworkID = ID<FrameworkKind>

extension Identifier {
  /// Whether an id's text follows the rule (an id read without checking may not).
  public static func isValid<Kind>(_ id: ID<Kind>) -> Bool { isValid(id.rawValue) }
}

extension YAMLValue {
  /// An id as a scalar the tool writes.
  public static func string<Kind>(_ id: ID<Kind>) -> YAMLValue { .string(id.rawValue) }
}

extension YAMLField {
  /// A field keyed by an id (a criterion in an evaluation, a reviewer in the registry).
  public init<Kind>(_ key: ID<Kind>, _ value: YAMLValue) { self.init(key.rawValue, value) }
}

extension Identifier {
  /// What is wrong with an id read without checking; nil when it follows the rule.
  public static func problem<Kind>(_ id: ID<Kind>) -> String? {
    problem(id.rawValue, kind: Kind.name)
  }

  /// Throws `ReviewError.invalidIdentifier` unless the id follows the rule.
  public static func validate<Kind>(_ id: ID<Kind>) throws {
    try validate(id.rawValue, kind: Kind.name)
  }
}
