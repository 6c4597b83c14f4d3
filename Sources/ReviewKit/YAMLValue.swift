/// A YAML value as the tool keeps it: every scalar a string (so `yes`, `no`, `on` and `1.0` are
/// never turned into booleans or numbers), mappings in their order. Used for fields the tool does
/// not know, which it keeps through every read and write.
public indirect enum YAMLValue: Hashable, Sendable {
  /// A scalar; `plain` records that it was written unquoted and may be written so again.
  case scalar(String, plain: Bool)
  case sequence([YAMLValue])
  case mapping([YAMLField])

  /// A scalar the tool writes itself, quoted when needed.
  public static func string(_ text: String) -> YAMLValue { .scalar(text, plain: false) }

  /// The text of a scalar; nil for a collection.
  public var scalarText: String? {
    if case .scalar(let text, _) = self { return text }
    return nil
  }
}

/// One key and value of a mapping.
public struct YAMLField: Hashable, Sendable {
  public var key: String
  public var value: YAMLValue

  public init(_ key: String, _ value: YAMLValue) {
    self.key = key
    self.value = value
  }
}
