import Foundation

/// A problem in a file, at a position, printed as `path:line:column: error: message`.
public struct Diagnostic: Error, Hashable, Sendable, Codable, CustomStringConvertible {
  public var path: String
  public var line: Int
  public var column: Int
  public var message: String

  public init(path: String, line: Int = 1, column: Int = 1, message: String) {
    self.path = path
    self.line = max(line, 1)
    self.column = max(column, 1)
    self.message = message
  }

  public var description: String { "\(path):\(line):\(column): error: \(message)" }
}

/// Where in a file a value stands (1-based line and column).
public struct Position: Hashable, Sendable {
  public var line: Int
  public var column: Int

  public init(line: Int, column: Int) {
    self.line = line
    self.column = column
  }

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
