import Foundation
import ReviewCodec
import ReviewCore
import ReviewStore

/// The JSON of `review log`, written directly as bytes: the same document JSONEncoder gives with
/// sorted keys, pretty printing and unescaped slashes, without building an intermediate tree
/// for tens of thousands of commits.
public enum LogJSON {
  /// The document as UTF-8 bytes.
  public static func data(_ entries: [LogEntry]) -> Data {
    document(parallelMap(entries, object))
  }

  /// The array of objects rendered one by one by `object`.
  public static func document(_ objects: [[UInt8]]) -> Data {
    layout.piece(objects, offset: 0) + layout.end(count: objects.count)
  }

  /// How objects make the document, for writing it as they come.
  public static let layout = SeparatedDocument(
    open: "[\n", separator: ",\n", close: "\n]\n", empty: "[\n\n]\n")

  /// One entry as an element of the document: indented, without the separator after it.
  @Sendable public static func object(_ entry: LogEntry) -> [UInt8] {
    var out = JSONBytes()
    out.raw("  {\n")
    out.member("    ", "author", entry.author)
    out.raw("    \"changes\" : [")
    if entry.changes.isEmpty {
      out.raw("\n\n    ],\n")
    } else {
      out.raw("\n")
      // Thousands of changes (a commit that adds a whole panel) are rendered in parts at once.
      let parts = stride(from: 0, to: entry.changes.count, by: 2048).map {
        $0..<min($0 + 2048, entry.changes.count)
      }
      let rendered =
        parts.count == 1
        ? [changes(entry.changes, parts[0])]
        : parallelMap(parts) {
          changes(entry.changes, $0)
        }
      for part in rendered { out.bytes += part }
      out.raw("    ],\n")
    }
    out.member("    ", "commit", entry.commit)
    out.member("    ", "date", entry.date)
    out.member("    ", "email", entry.email)
    out.member("    ", "message", entry.message, last: true)
    out.raw("  }")
    return out.bytes
  }
}

extension LogJSON {
  /// Some of an entry's changes, each followed by its separator.
  private static func changes(_ changes: [JudgementChange], _ range: Range<Int>) -> [UInt8] {
    var out = JSONBytes()
    for position in range {
      let change = changes[position]
      out.raw("      {\n")
      if let criterion = change.criterion {
        out.member("        ", "criterion", criterion.rawValue)
      }
      out.member("        ", "field", change.field)
      if let new = change.new { out.member("        ", "new", new) }
      if let old = change.old { out.member("        ", "old", old) }
      out.member("        ", "reviewer", change.reviewer.rawValue)
      out.member("        ", "subject", change.subject.rawValue, last: true)
      out.raw(position == changes.count - 1 ? "      }\n" : "      },\n")
    }
    return out.bytes
  }
}

/// A document made of pieces that can be written out as they come: opened before the first,
/// separated, closed after the last, or `empty` when there are none.
public struct SeparatedDocument: Sendable {
  /// What comes before the first item.
  public var open: StaticString
  /// What comes between two items.
  public var separator: StaticString
  /// What comes after the last item.
  public var close: StaticString
  /// The whole document when there is no item.
  public var empty: StaticString

  /// Creates a value with each field given.
  public init(open: StaticString, separator: StaticString, close: StaticString, empty: StaticString)
  {
    self.open = open
    self.separator = separator
    self.close = close
    self.empty = empty
  }

  /// Some pieces, `offset` being how many came before them.
  public func piece(_ pieces: [[UInt8]], offset: Int) -> Data {
    var out = Data()
    out.reserveCapacity(pieces.reduce(open.utf8CodeUnitCount) { $0 + $1.count + 2 })
    for (index, piece) in pieces.enumerated() {
      out.append(bytes(offset + index == 0 ? open : separator))
      out.append(contentsOf: piece)
    }
    return out
  }

  /// What follows the last of `count` pieces.
  public func end(count: Int) -> Data {
    Data(bytes(count == 0 ? empty : close))
  }

  private func bytes(_ text: StaticString) -> UnsafeBufferPointer<UInt8> {
    UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount)
  }
}

/// A JSON text under construction, as bytes.
struct JSONBytes {
  var bytes: [UInt8] = []

  init() {
    bytes.reserveCapacity(512)
  }

  mutating func raw(_ text: StaticString) {
    bytes.append(
      contentsOf: UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
  }

  /// `"key" : "value"` on a line of its own, as JSONEncoder lays out a pretty-printed member.
  mutating func member(
    _ indent: StaticString, _ key: StaticString, _ value: String, last: Bool = false
  ) {
    raw(indent)
    raw("\"")
    raw(key)
    raw("\" : ")
    string(value)
    raw(last ? "\n" : ",\n")
  }

  /// A string literal, escaped as JSONEncoder escapes: quotes, backslashes and control
  /// characters (bytes of multi-byte UTF-8 sequences are all above them, so bytes will do).
  mutating func string(_ text: String) {
    var text = text
    text.withUTF8 { utf8 in
      bytes.append(0x22)
      guard utf8.contains(where: { $0 < 0x20 || $0 == 0x22 || $0 == 0x5C }) else {
        bytes.append(contentsOf: utf8)
        bytes.append(0x22)
        return
      }
      for byte in utf8 {
        switch byte {
        case 0x22: raw("\\\"")
        case 0x5C: raw("\\\\")
        case 0x0A: raw("\\n")
        case 0x0D: raw("\\r")
        case 0x09: raw("\\t")
        case 0x08: raw("\\b")
        case 0x0C: raw("\\f")
        case ..<0x20:
          raw("\\u00")
          let low = byte & 0x0F
          bytes.append((byte >> 4) + 0x30)
          bytes.append(low < 10 ? low + 0x30 : low - 10 + 0x61)
        default: bytes.append(byte)
        }
      }
      bytes.append(0x22)
    }
  }
}
