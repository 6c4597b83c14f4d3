/// What a command itself could not do, outside the repository: files named on the command line,
/// and the editor.
enum CommandError: Error, CustomStringConvertible {
  /// A file named on the command line that could not be read.
  case cannotRead(path: String)
  /// An output file that could not be written, and why when the system said.
  case cannotWrite(path: String, reason: String? = nil)
  /// The editor command that could not be started.
  case cannotStartEditor(String)
  /// The editor exited with a failure; the draft stays where it is.
  case editorFailed(status: Int32, draft: String)

  var description: String {
    switch self {
    case .cannotRead(let path): return "\(path): cannot read file"
    case .cannotWrite(let path, let reason):
      return "\(path): cannot write file\(reason.map { " (\($0))" } ?? "")"
    case .cannotStartEditor(let editor): return "\(editor): cannot start the editor"
    case .editorFailed(let status, let draft):
      return "the editor exited with status \(status); the draft is kept at \(draft)"
    }
  }
}
