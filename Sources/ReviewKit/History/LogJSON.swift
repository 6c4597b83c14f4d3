import Foundation

/// The JSON of `review log`, written directly: the same document JSONEncoder gives with sorted
/// keys and pretty printing, without building an intermediate tree for tens of thousands of
/// commits.
public enum LogJSON {
  public static func render(_ entries: [LogEntry]) -> String {
    String(decoding: data(entries), as: UTF8.self)
  }

  /// The document as UTF-8 bytes, built without one giant intermediate string.
  public static func data(_ entries: [LogEntry]) -> Data {
    guard !entries.isEmpty else { return Data("[\n\n]\n".utf8) }
    // Entries render independently, on all cores.
    let rendered = parallelMap(Array(entries.enumerated())) { index, entry in
      render(entry, last: index == entries.count - 1)
    }
    var out = Data()
    out.reserveCapacity(rendered.reduce(4) { $0 + $1.utf8.count })
    out.append(contentsOf: "[\n".utf8)
    for chunk in rendered { out.append(contentsOf: chunk.utf8) }
    out.append(contentsOf: "]\n".utf8)
    return out
  }

  private static func render(_ entry: LogEntry, last: Bool) -> String {
    var out = "  {\n"
    out += "    \"author\" : \(string(entry.author)),\n"
    out += "    \"changes\" : ["
    if entry.changes.isEmpty {
      out += "\n\n    ],\n"
    } else {
      out += "\n"
      for (position, change) in entry.changes.enumerated() {
        out += "      {\n"
        if let criterion = change.criterion {
          out += "        \"criterion\" : \(string(criterion)),\n"
        }
        out += "        \"field\" : \(string(change.field)),\n"
        if let new = change.new { out += "        \"new\" : \(string(new)),\n" }
        if let old = change.old { out += "        \"old\" : \(string(old)),\n" }
        out += "        \"reviewer\" : \(string(change.reviewer)),\n"
        out += "        \"subject\" : \(string(change.subject))\n"
        out += position == entry.changes.count - 1 ? "      }\n" : "      },\n"
      }
      out += "    ],\n"
    }
    out += "    \"commit\" : \(string(entry.commit)),\n"
    out += "    \"date\" : \(string(entry.date)),\n"
    out += "    \"email\" : \(string(entry.email)),\n"
    out += "    \"message\" : \(string(entry.message))\n"
    out += last ? "  }\n" : "  },\n"
    return out
  }

  /// A JSON string literal, escaped as JSONEncoder does (slashes left as they are).
  static func string(_ text: String) -> String {
    // Most values need no escaping: copy them whole.
    if !text.utf8.contains(where: {
      $0 < 0x20 || $0 == UInt8(ascii: "\"") || $0 == UInt8(ascii: "\\")
    }) {
      return "\"" + text + "\""
    }
    var out = "\""
    for scalar in text.unicodeScalars {
      switch scalar {
      case "\"": out += "\\\""
      case "\\": out += "\\\\"
      case "\n": out += "\\n"
      case "\r": out += "\\r"
      case "\t": out += "\\t"
      case "\u{08}": out += "\\b"
      case "\u{0C}": out += "\\f"
      default:
        if scalar.value < 0x20 {
          let hex = String(scalar.value, radix: 16)
          out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
        } else {
          out.unicodeScalars.append(scalar)
        }
      }
    }
    return out + "\""
  }
}
