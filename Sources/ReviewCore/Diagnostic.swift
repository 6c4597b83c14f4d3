import Foundation

/// A problem in a file, at a position, printed as `path:line:column: error: message`.
public struct Diagnostic: Error, Hashable, Sendable, Codable, CustomStringConvertible {
  /// The file, from the repository root.
  public var path: String
  /// The line, from 1.
  public var line: Int
  /// The column, from 1.
  public var column: Int
  /// What is wrong, in lower case without a full stop.
  public var message: String

  /// Creates a value with each field given.
  public init(path: String, line: Int = 1, column: Int = 1, message: String) {
    self.path = path
    self.line = max(line, 1)
    self.column = max(column, 1)
    self.message = message
  }

  /// `path:line:column: error: message`, as compilers and git print problems.
  public var description: String { "\(path):\(line):\(column): error: \(message)" }
}

/// Where in a file a value stands (1-based line and column).
public struct Position: Hashable, Sendable {
  /// The line, from 1.
  public var line: Int
  /// The column, from 1.
  public var column: Int

  /// Creates a value with each field given.
  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

  /// The start of a file.
  public static let start = Position(line: 1, column: 1)
}

extension Result where Failure == Diagnostic {
  /// The value, or the diagnostic as `ReviewError.invalidFiles`.
  public func orThrow() throws -> Success {
    switch self {
    case .success(let value): return value
    case .failure(let diagnostic): throw ReviewError.invalidFiles([diagnostic])
    }
  }
}
