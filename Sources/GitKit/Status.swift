import CLibgit2
import Foundation

/// How a path differs from HEAD, in the index or the working tree.
public struct StatusEntry: Hashable, Sendable {
  /// What changed, in `git status --short`'s terms.
  public enum Change: String, Sendable {
    case added, modified, deleted, renamed, typeChanged = "type-changed", untracked, conflicted
  }

  /// The path from the repository root.
  public var path: String
  /// Whether the change is staged (index) or only in the working tree.
  public var staged: Bool
  /// What changed.
  public var change: Change

  /// Creates a value with each field given.
  public init(path: String, staged: Bool, change: Change) {
    self.path = path
    self.staged = staged
    self.change = change
  }
}

extension Repository {
  /// Paths that differ from HEAD below `prefix` (staged, unstaged and untracked), as `git status`
  /// lists them; ignored files are left out.
  public func status(under prefix: String) throws -> [StatusEntry] {
    var options = git_status_options()
    try check("git_status_options_init") {
      git_status_options_init(&options, UInt32(GIT_STATUS_OPTIONS_VERSION))
    }
    options.show = GIT_STATUS_SHOW_INDEX_AND_WORKDIR
    options.flags =
      GIT_STATUS_OPT_INCLUDE_UNTRACKED.rawValue | GIT_STATUS_OPT_RECURSE_UNTRACKED_DIRS.rawValue
      | GIT_STATUS_OPT_SORT_CASE_SENSITIVELY.rawValue
    let pattern = strdup(prefix.isEmpty ? "*" : prefix)
    defer { free(pattern) }
    var patterns: [UnsafeMutablePointer<CChar>?] = [pattern]
    var list: OpaquePointer?
    try patterns.withUnsafeMutableBufferPointer { buffer in
      options.pathspec = git_strarray(strings: buffer.baseAddress, count: 1)
      try check("read status of \(prefix)") { git_status_list_new(&list, handle, &options) }
    }
    defer { git_status_list_free(list) }
    var result: [StatusEntry] = []
    for index in 0..<git_status_list_entrycount(list) {
      guard let entry = git_status_byindex(list, index)?.pointee else { continue }
      let flags = entry.status.rawValue
      func path(_ delta: UnsafeMutablePointer<git_diff_delta>?) -> String? {
        guard let delta, let raw = delta.pointee.new_file.path ?? delta.pointee.old_file.path
        else { return nil }
        return String(cString: raw)
      }
      let staged: [(UInt32, StatusEntry.Change)] = [
        (GIT_STATUS_INDEX_NEW.rawValue, .added), (GIT_STATUS_INDEX_MODIFIED.rawValue, .modified),
        (GIT_STATUS_INDEX_DELETED.rawValue, .deleted),
        (GIT_STATUS_INDEX_RENAMED.rawValue, .renamed),
        (GIT_STATUS_INDEX_TYPECHANGE.rawValue, .typeChanged),
      ]
      let unstaged: [(UInt32, StatusEntry.Change)] = [
        (GIT_STATUS_WT_NEW.rawValue, .untracked), (GIT_STATUS_WT_MODIFIED.rawValue, .modified),
        (GIT_STATUS_WT_DELETED.rawValue, .deleted), (GIT_STATUS_WT_RENAMED.rawValue, .renamed),
        (GIT_STATUS_WT_TYPECHANGE.rawValue, .typeChanged),
        (GIT_STATUS_CONFLICTED.rawValue, .conflicted),
      ]
      if let indexPath = path(entry.head_to_index),
        let change = staged.first(where: { flags & $0.0 != 0 })?.1
      {
        result.append(StatusEntry(path: indexPath, staged: true, change: change))
      }
      if let workPath = path(entry.index_to_workdir),
        let change = unstaged.first(where: { flags & $0.0 != 0 })?.1
      {
        result.append(StatusEntry(path: workPath, staged: false, change: change))
      }
    }
    return result
  }
}
