import CLibgit2
import Foundation

/// Signs the bytes of a commit or tag object, returning the armored signature git stores with
/// it (an SSH or OpenPGP signature; GitKit does not look inside).
public typealias ObjectSigner = (Data) throws -> String

/// A signed commit's signature and the bytes it signs (the commit without its `gpgsig` field).
public struct CommitSignature: Sendable, Equatable {
  /// The armored signature.
  public var signature: String
  /// The bytes the signature covers.
  public var signedData: Data
}

extension Repository {
  /// Writes a commit signed by `signer`, in git's `gpgsig` header, as `git commit -S` would.
  func writeSignedCommit(
    tree: OpaquePointer, parents: [OpaquePointer?], author: UnsafePointer<git_signature>,
    committer: UnsafePointer<git_signature>, message: String, signer: ObjectSigner
  ) throws -> ObjectID {
    var buffer = git_buf()
    defer { git_buf_dispose(&buffer) }
    var parents = parents
    _ = try parents.withUnsafeMutableBufferPointer { parents in
      try check("build commit") {
        git_commit_create_buffer(
          &buffer, handle, author, committer, "UTF-8", message, tree, parents.count,
          parents.baseAddress)
      }
    }
    let content = Data(bytes: buffer.ptr, count: buffer.size)
    var signature = try signer(content)
    // libgit2 continues each line of the field itself; git's last line has no break of its own.
    while signature.hasSuffix("\n") { signature.removeLast() }
    var oid = git_oid()
    try check("write signed commit") {
      git_commit_create_with_signature(&oid, handle, buffer.ptr, signature, nil)
    }
    return ObjectID(oid)
  }

  /// A commit's signature and what it signs; nil when the commit is unsigned.
  public func signature(ofCommit id: ObjectID) throws -> CommitSignature? {
    var signature = git_buf()
    var signed = git_buf()
    defer {
      git_buf_dispose(&signature)
      git_buf_dispose(&signed)
    }
    var oid = id.raw
    git_error_clear()
    let code = git_commit_extract_signature(&signature, &signed, handle, &oid, nil)
    if code == GIT_ENOTFOUND.rawValue { return nil }
    try checked("read signature of \(id.short)", code: code)
    return CommitSignature(
      signature: String(decoding: Data(bytes: signature.ptr, count: signature.size), as: UTF8.self),
      signedData: Data(bytes: signed.ptr, count: signed.size))
  }

  /// An annotated tag's signature (the armored block after its message, as `git tag -s`
  /// writes it) and the bytes it signs (the tag before it); nil when the tag is unsigned.
  public func signature(ofTag id: ObjectID) throws -> CommitSignature? {
    var database: OpaquePointer?
    try check("open object database") { git_repository_odb(&database, handle) }
    defer { git_odb_free(database) }
    var object: OpaquePointer?
    var oid = id.raw
    try check("read tag \(id.short)") { git_odb_read(&object, database, &oid) }
    defer { git_odb_object_free(object) }
    let data = Data(
      bytes: git_odb_object_data(object), count: git_odb_object_size(object))
    for marker in ["-----BEGIN SSH SIGNATURE-----", "-----BEGIN PGP SIGNATURE-----"] {
      guard let range = data.range(of: Data(marker.utf8)),
        range.lowerBound == 0 || data[range.lowerBound - 1] == 0x0A
      else { continue }
      return CommitSignature(
        signature: String(decoding: data[range.lowerBound...], as: UTF8.self),
        signedData: Data(data[..<range.lowerBound]))
    }
    return nil
  }

  /// Creates an annotated tag signed by `signer`, its signature after the message as
  /// `git tag -s` writes it; fails when the tag exists.
  func createSignedTag(
    _ name: String, on commit: ObjectID, tagger: Signature, message: String,
    signer: ObjectSigner
  ) throws -> ObjectID {
    // A tagger libgit2 would refuse (a name with '<' or a line break) is refused here too.
    try tagger.withRaw { _ in }
    let offset = abs(tagger.offsetMinutes)
    let zone =
      (tagger.offsetMinutes < 0 ? "-" : "+") + String(format: "%02d%02d", offset / 60, offset % 60)
    var content =
      "object \(commit.hex)\ntype commit\ntag \(name)\n"
      + "tagger \(tagger.name) <\(tagger.email)> \(tagger.time) \(zone)\n\n\(message)"
    if !content.hasSuffix("\n") { content += "\n" }
    content += try signer(Data(content.utf8))
    var oid = git_oid()
    git_error_clear()
    let code = git_tag_create_from_buffer(&oid, handle, content, 0)
    if code == GIT_EEXISTS.rawValue { throw GitError.tagExists(name: "refs/tags/\(name)") }
    try checked("create tag \(name)", code: code)
    return ObjectID(oid)
  }
}
