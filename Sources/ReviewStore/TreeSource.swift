import Foundation
import GitKit
import ReviewCodec
import ReviewCore

/// What a path in a tree is.
public enum SourceEntryKind: Sendable, Equatable {
  case file, directory, symlink, other
}

/// A read-only view of the repository's files: the working tree, or a commit's tree. The loader
/// reads review files through it, so validation and every read command share one code path.
public protocol TreeSource {
  /// Where the files come from, for messages: "working tree" or a commit id.
  var label: String { get }
  /// The entries of a folder by name, or nil when it does not exist.
  func entries(_ folder: String) throws -> [String: SourceEntryKind]?
  /// The bytes of a file, or only its size when that is over `limit`: a file over the limit is
  /// never read.
  func read(_ path: String, limit: Int) throws -> FileContents
  /// The git object id of a file or folder, when the source has ids (a commit's tree) and the
  /// path exists; equal ids mean equal contents.
  func objectID(_ path: String) throws -> ObjectID?
}

extension TreeSource {
  /// The git object id of a file or folder; nil where there is none.
  public func objectID(_ path: String) throws -> ObjectID? { nil }
}

/// A file's bytes, or the size of a file too large to read.
public enum FileContents: Sendable, Equatable {
  case bytes(Data)
  case tooLarge(size: Int)
}

/// The files of a commit.
public struct RevisionSource: TreeSource {
  let repository: Repository
  /// The commit read.
  public let commit: ObjectID
  let tree: ObjectID

  /// Creates a value with each field given.
  public init(repository: Repository, commit: ObjectID) throws {
    self.repository = repository
    self.commit = commit
    self.tree = try wrapGit { try repository.commit(commit).tree }
  }

  /// What the files come from, for reports.
  public var label: String { commit.hex }

  /// The entries of a folder by name; nil when there is no such folder.
  public func entries(_ folder: String) throws -> [String: SourceEntryKind]? {
    guard let entries = try wrapGit({ try repository.entries(at: folder, in: tree) }) else {
      return nil
    }
    var result: [String: SourceEntryKind] = [:]
    for entry in entries {
      switch entry.kind {
      case .file, .executable: result[entry.name] = .file
      case .directory: result[entry.name] = .directory
      case .symlink: result[entry.name] = .symlink
      case .submodule: result[entry.name] = .other
      }
    }
    return result
  }

  private func blobID(_ path: String) throws -> ObjectID {
    guard let entry = try wrapGit({ try repository.entry(at: path, in: tree) }) else {
      throw StoreError.io(path: path, message: "no such file at \(commit.short)")
    }
    return entry.id
  }

  /// The git object id of a file or folder; nil where there is none.
  public func objectID(_ path: String) throws -> ObjectID? {
    try wrapGit { try repository.entry(at: path, in: tree)?.id }
  }

  /// A file's bytes, or its size when it is over `limit`.
  public func read(_ path: String, limit: Int) throws -> FileContents {
    let id = try blobID(path)
    guard let bytes = try wrapGit({ try repository.blob(id, limit: limit) }) else {
      return .tooLarge(size: try wrapGit { try repository.blobSize(id) })
    }
    return .bytes(bytes)
  }
}

/// The files of a working tree, seen without following symbolic links.
public struct WorkingTreeSource: TreeSource {
  /// The work tree's folder.
  public let root: String

  /// Creates a value with each field given.
  public init(root: String) {
    self.root = root
  }

  /// What the files come from, for reports.
  public var label: String { "working tree" }

  private func kind(_ fullPath: String) -> SourceEntryKind? {
    var info = stat()
    guard lstat(fullPath, &info) == 0 else { return nil }
    switch info.st_mode & S_IFMT {
    case S_IFREG: return .file
    case S_IFDIR: return .directory
    case S_IFLNK: return .symlink
    default: return .other
    }
  }

  /// The entries of a folder by name; nil when there is no such folder.
  public func entries(_ folder: String) throws -> [String: SourceEntryKind]? {
    let fullPath = folder.isEmpty ? root : root + "/" + folder
    guard kind(fullPath) == .directory else { return nil }
    let names: [String]
    do {
      names = try FileManager.default.contentsOfDirectory(atPath: fullPath)
    } catch {
      throw StoreError.io(path: folder, message: "cannot list folder")
    }
    var result: [String: SourceEntryKind] = [:]
    for name in names where name != ".git" {
      result[name] = kind(fullPath + "/" + name) ?? .other
    }
    return result
  }

  /// A file's bytes, or its size when it is over `limit`.
  public func read(_ path: String, limit: Int) throws -> FileContents {
    var info = stat()
    guard lstat(root + "/" + path, &info) == 0 else {
      throw StoreError.io(path: path, message: String(cString: strerror(errno)))
    }
    guard info.st_size <= limit else { return .tooLarge(size: Int(info.st_size)) }
    guard let data = FileManager.default.contents(atPath: root + "/" + path) else {
      throw StoreError.io(path: path, message: "cannot read file")
    }
    return .bytes(data)
  }
}
