import CLibgit2
import Foundation

/// An annotated tag: its name (without `refs/tags/`), the commit it points to, who made it and why.
public struct AnnotatedTag: Hashable, Sendable {
  /// The name under `refs/tags/`, such as `review/llama2/one`.
  public var name: String
  /// The object the tag points at (through any annotated tag).
  public var target: ObjectID
  /// Who made an annotated tag, and when; nil for a lightweight one.
  public var tagger: Signature?
  /// An annotated tag's message; empty for a lightweight one.
  public var message: String
  /// The tag object's id; nil for a lightweight tag.
  public var object: ObjectID? = nil
}

extension Repository {
  /// Creates an annotated tag `name` on a commit, signed by `signer` when given; fails when the
  /// tag exists (never moves one).
  @discardableResult
  public func createTag(
    _ name: String, on commit: ObjectID, tagger: Signature, message: String,
    signer: ObjectSigner? = nil
  ) throws -> ObjectID {
    if let signer {
      return try createSignedTag(
        name, on: commit, tagger: tagger, message: message, signer: signer)
    }
    var target: OpaquePointer?
    var oid = commit.raw
    try check("read commit \(commit.short)") {
      git_object_lookup(&target, handle, &oid, GIT_OBJECT_COMMIT)
    }
    defer { git_object_free(target) }
    var tagID = git_oid()
    try tagger.withRaw { signature in
      git_error_clear()
      let code = git_tag_create(&tagID, handle, name, target, signature, message, 0)
      if code == GIT_EEXISTS.rawValue {
        throw GitError.tagExists(name: "refs/tags/\(name)")
      }
      try checked("create tag \(name)", code: code)
    }
    return ObjectID(tagID)
  }

  /// The annotated tags whose names start with `prefix`, sorted by name. Lightweight tags are
  /// listed with no tagger and an empty message. A tag on something other than a commit is
  /// refused (`tagNotOnACommit`), or with `skippingOthers` left out.
  public func tags(withPrefix prefix: String, skippingOthers: Bool = false) throws
    -> [AnnotatedTag]
  {
    var names = git_strarray()
    try check("list tags") { git_tag_list_match(&names, prefix + "*", handle) }
    defer { git_strarray_dispose(&names) }
    var result: [AnnotatedTag] = []
    for index in 0..<names.count {
      guard let raw = names.strings[index] else { continue }
      let name = String(cString: raw)
      var object: OpaquePointer?
      try check("read tag \(name)") { git_revparse_single(&object, handle, "refs/tags/" + name) }
      defer { git_object_free(object) }
      var commit: OpaquePointer?
      var peeled: OpaquePointer?
      try check("peel tag \(name)") { git_object_peel(&peeled, object, GIT_OBJECT_ANY) }
      defer { git_object_free(peeled) }
      let type = git_object_type(peeled)
      guard type == GIT_OBJECT_COMMIT else {
        if skippingOthers { continue }
        throw GitError.tagNotOnACommit(
          name: name, type: String(cString: git_object_type2string(type)))
      }
      try check("peel tag \(name)") { git_object_peel(&commit, object, GIT_OBJECT_COMMIT) }
      defer { git_object_free(commit) }
      let target = ObjectID(pointer: git_object_id(commit))
      if git_object_type(object) == GIT_OBJECT_TAG {
        let tag = object
        let tagger = git_tag_tagger(tag).map { Signature($0) }
        let message = git_tag_message(tag).map { String(cString: $0) } ?? ""
        result.append(
          AnnotatedTag(
            name: name, target: target, tagger: tagger, message: message,
            object: ObjectID(pointer: git_object_id(tag))))
      } else {
        result.append(AnnotatedTag(name: name, target: target, tagger: nil, message: ""))
      }
    }
    return result.sorted { $0.name < $1.name }
  }
}
