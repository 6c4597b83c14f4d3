import ArgumentParser
import Foundation

/// Where `-o` sends a command's output, as a user of a shell's `>` expects: standard output for
/// none or `-`; a regular file (or a new one) replaced atomically, so a reader sees the old
/// bytes or the new ones, with its permissions kept and through any symbolic link to it, which
/// stays a link; anything else that exists (a FIFO, a device) opened and written, never replaced.
enum OutputFile {
  /// Writes `data` to `path` (standard output when nil or `-`).
  static func write(_ data: Data, to path: String?) throws {
    guard let path, path != "-" else {
      FileHandle.standardOutput.write(data)
      return
    }
    let target = try self.target(of: path)
    var info = stat()
    guard lstat(target, &info) == 0 else {
      // Nothing there yet: a new regular file.
      return try replace(target, with: data, mode: nil, shownAs: path)
    }
    switch info.st_mode & S_IFMT {
    case S_IFREG:
      try replace(target, with: data, mode: info.st_mode & 0o7777, shownAs: path)
    case S_IFDIR:
      throw CommandError.cannotWrite(path: path, reason: "is a folder")
    default:
      try stream(data, into: target, shownAs: path)
    }
  }

  /// The file a path names, following symbolic links (relative ones from their own folder).
  static func target(of path: String) throws -> String {
    var current = path
    for _ in 0..<40 {
      var info = stat()
      guard lstat(current, &info) == 0, info.st_mode & S_IFMT == S_IFLNK else { return current }
      var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
      let count = readlink(current, &buffer, buffer.count - 1)
      guard count >= 0 else {
        throw CommandError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
      }
      let link = String(decoding: buffer[..<count].map { UInt8(bitPattern: $0) }, as: UTF8.self)
      let folder = (current as NSString).deletingLastPathComponent
      current = link.hasPrefix("/") ? link : (folder.isEmpty ? "." : folder) + "/" + link
    }
    throw CommandError.cannotWrite(path: path, reason: "too many levels of symbolic links")
  }

  /// Replaces a regular file through a temporary file beside it and a rename.
  private static func replace(
    _ target: String, with data: Data, mode: mode_t?, shownAs path: String
  )
    throws
  {
    do {
      try data.write(to: URL(fileURLWithPath: target), options: .atomic)
    } catch {
      throw CommandError.cannotWrite(path: path, reason: nil)
    }
    if let mode { chmod(target, mode) }
  }

  /// Writes into a file that is not a regular one (a FIFO, a device), as it is.
  private static func stream(_ data: Data, into target: String, shownAs path: String) throws {
    let descriptor = open(target, O_WRONLY | O_NOCTTY | O_CLOEXEC)
    guard descriptor >= 0 else {
      throw CommandError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
    }
    defer { close(descriptor) }
    try data.withUnsafeBytes { (buffer: UnsafeRawBufferPointer) in
      var offset = 0
      while offset < buffer.count {
        let written = Foundation.write(
          descriptor, buffer.baseAddress! + offset, buffer.count - offset)
        if written < 0 {
          if errno == EINTR { continue }
          throw CommandError.cannotWrite(path: path, reason: String(cString: strerror(errno)))
        }
        offset += written
      }
    }
  }
}

/// The formats of a document command (`report`, `feedback`).
enum DocumentFormat: String, ExpressibleByArgument { case md, html, json }

/// Writes a document in its format to `output` (a file, `-` or nil for standard output).
func writeDocument<Value: Encodable>(
  _ format: DocumentFormat, markdown: () -> String, html: () -> String, json value: Value,
  to output: String?
) throws {
  switch format {
  case .md: try OutputFile.write(Data(markdown().utf8), to: output)
  case .html: try OutputFile.write(Data(html().utf8), to: output)
  case .json:
    if let output {
      try OutputFile.write(try jsonData(value), to: output)
    } else {
      try printJSON(value)
    }
  }
}
