import Foundation
import ReviewCore

/// Text for a terminal: aligned tables and coloured levels.
public enum TerminalText {
  /// A level coloured by its position on the scale (lowest red, highest green) when colour is on.
  public static func level(_ level: LevelID, in framework: Framework, colour: Bool) -> String {
    guard colour, let index = framework.scale.levels.firstIndex(where: { $0.id == level }) else {
      return level.rawValue
    }
    let count = framework.scale.levels.count
    let code = index == 0 ? 31 : (index == count - 1 ? 32 : 33)
    return "\u{1B}[\(code)m\(level)\u{1B}[0m"
  }

  /// Lays out rows as columns separated by two spaces, without trailing spaces.
  public static func table(_ rows: [[String]]) -> String {
    func width(_ text: String) -> Int {
      // Escape sequences take no room on screen.
      var visible = 0
      var inEscape = false
      for scalar in text.unicodeScalars {
        if scalar == "\u{1B}" {
          inEscape = true
        } else if inEscape {
          if scalar == "m" { inEscape = false }
        } else {
          visible += 1
        }
      }
      return visible
    }
    let columns = rows.map(\.count).max() ?? 0
    var widths = Array(repeating: 0, count: columns)
    for row in rows {
      for (index, cell) in row.enumerated() { widths[index] = max(widths[index], width(cell)) }
    }
    return rows.map { row in
      var line = ""
      for (index, cell) in row.enumerated() {
        line += cell
        if index < row.count - 1 {
          line += String(repeating: " ", count: widths[index] - width(cell) + 2)
        }
      }
      while line.hasSuffix(" ") { line.removeLast() }
      return line
    }.joined(separator: "\n")
  }
}
