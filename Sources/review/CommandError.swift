/// What a command itself could not do, outside the repository: files named on the command line,
/// and the editor.
enum CommandError: Error, CustomStringConvertible {
  /// A file named on the command line that could not be read.
  case cannotRead(path: String)
  /// An output file that could not be written, and why when the system said.
  case cannotWrite(path: String, reason: String? = nil)
  /// A program (the editor, the pager) that could not be started, and why.
  case cannotStart(String, reason: String)
  /// The editor exited with a failure; the draft stays where it is.
  case editorFailed(String, status: Int32, draft: String)

  var description: String {
    switch self {
    case .cannotRead(let path): return "\(path): cannot read file"
    case .cannotWrite(let path, let reason):
      return "\(path): cannot write file\(reason.map { " (\($0))" } ?? "")"
    case .cannotStart(let command, let reason): return "\(command): cannot start (\(reason))"
    case .editorFailed(let editor, let status, let draft):
      // 126 and 127 are the shell's own: the command could not be run or found.
      let what =
        status == 127
        ? "the editor '\(editor)' was not found"
        : status == 126
          ? "the editor '\(editor)' could not be run" : "the editor exited with status \(status)"
      return "\(what); the draft is kept at \(draft)"
    }
  }
}
