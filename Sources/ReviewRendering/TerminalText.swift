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

  /// Text for a terminal with every control character of the data made visible (`\x1B`, as
  /// git quotes odd file names): only line feeds and tabs stay, and with `colour` the colour
  /// sequences this tool writes (`ESC [ digits m`); nothing else can move the cursor, retitle
  /// the window or hide text.
  public static func safe(_ text: String, colour: Bool) -> String {
    let scalars = Array(text.unicodeScalars)
    var out = String.UnicodeScalarView()
    var index = 0
    while index < scalars.count {
      let scalar = scalars[index]
      let value = scalar.value
      if scalar == "\u{1B}", colour, let end = colourSequenceEnd(scalars, from: index) {
        out.append(contentsOf: scalars[index...end])
        index = end + 1
        continue
      }
      if (value < 0x20 && scalar != "\n" && scalar != "\t") || value == 0x7F {
        out.append(contentsOf: String(format: "\\x%02X", value).unicodeScalars)
      } else if (0x80...0x9F).contains(value) {
        out.append(contentsOf: String(format: "\\u%04X", value).unicodeScalars)
      } else {
        out.append(scalar)
      }
      index += 1
    }
    return String(out)
  }

  /// Where a colour sequence `ESC [ digits-and-semicolons m` starting at `start` ends.
  private static func colourSequenceEnd(_ scalars: [Unicode.Scalar], from start: Int) -> Int? {
    guard start + 2 < scalars.count, scalars[start + 1] == "[" else { return nil }
    var index = start + 2
    while index < scalars.count, scalars[index] == ";" || ("0"..."9").contains(scalars[index]) {
      index += 1
    }
    return index < scalars.count && scalars[index] == "m" ? index : nil
  }
}
