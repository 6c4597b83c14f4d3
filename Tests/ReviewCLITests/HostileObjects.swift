import Foundation
import TestSupport
import Testing

/// Objects plain git accepts that `review` would never write, made with git's plumbing as a
/// collaborator's tool could.
extension Workspace {
  /// Runs git with `input` on standard input; its output without the line break.
  func plumbing(_ arguments: [String], input: String? = nil) throws -> String {
    try run("/usr/bin/git", arguments, in: root, environment: environment, input: input)
      .requireSuccess().stdout.trimmingCharacters(in: .newlines)
  }

  /// Commits `tree` on top of HEAD with `message`, moving the current branch.
  func commitTree(_ tree: String, message: String) throws {
    try write(".message", message)
    let commit = try plumbing(["commit-tree", tree, "-p", "HEAD", "-F", ".message"])
    try git(["update-ref", "HEAD", commit]).requireSuccess()
    try FileManager.default.removeItem(atPath: root + "/.message")
  }

  /// Commits a version of `reviews/SUBJECT` whose tree names `file` twice (`git fsck`:
  /// duplicateEntries); returns that tree's id. `git mktree` refuses this, so the bytes are
  /// written as they are.
  @discardableResult
  func commitNamingTwice(_ file: String, in subject: String) throws -> String {
    var entries = try plumbing(["ls-tree", "HEAD:reviews/\(subject)"]).split(separator: "\n")
      .map { line -> (name: String, id: String) in
        let parts = line.split(separator: "\t", maxSplits: 1)
        return (String(parts[1]), String(parts[0].split(separator: " ")[2]))
      }
    let twice = try #require(entries.firstIndex { $0.name == file })
    entries.insert(entries[twice], at: twice)
    var bytes = Data()
    for (name, id) in entries {
      bytes += Data("100644 \(name)\0".utf8)
      var hex = Substring(id)
      while !hex.isEmpty {
        bytes.append(UInt8(hex.prefix(2), radix: 16)!)
        hex = hex.dropFirst(2)
      }
    }
    try bytes.write(to: URL(fileURLWithPath: root + "/.tree"))
    let folder = try plumbing(["hash-object", "-t", "tree", "--literally", "-w", ".tree"])
    try FileManager.default.removeItem(atPath: root + "/.tree")
    func replacing(_ name: String, with id: String, in listing: String) -> String {
      listing.replacingOccurrences(
        of: #"tree [0-9a-f]{40}\t\#(name)(\n|$)"#, with: "tree \(id)\t\(name)$1",
        options: .regularExpression)
    }
    let reviews = try plumbing(
      ["mktree"],
      input: replacing(subject, with: folder, in: try plumbing(["ls-tree", "HEAD:reviews"]))
        + "\n")
    let tree = try plumbing(
      ["mktree"],
      input: replacing("reviews", with: reviews, in: try plumbing(["ls-tree", "HEAD"])) + "\n")
    try commitTree(tree, message: "\(file) twice in reviews/\(subject)")
    return folder
  }
}
