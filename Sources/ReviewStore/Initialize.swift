import Foundation
import GitKit
import ReviewCodec
import ReviewCore

/// What `review init` did.
public enum InitOutcome: Sendable, Equatable {
  /// Made a new repository and committed the review files.
  case created(root: String, commit: ObjectID)
  /// Added the review files to an existing git repository.
  case adopted(root: String, commit: ObjectID)
  /// The repository is a review repository already; `configuredDriver` when this clone's
  /// merge driver was set just now (a fresh clone), else nothing changed.
  case alreadyInitialized(root: String, configuredDriver: Bool)
  /// Made (or pointed at main) a bare hub for the panel to push to and clone from.
  case hub(path: String, created: Bool)
}

extension ReviewRepository {
  /// The `.gitattributes` line that routes review files to the semantic merge driver.
  static let attributesLine = "reviews/**/*.yaml merge=review"
  /// The `.gitattributes` line that routes sealed evaluations to the merge driver (the newest
  /// seal wins) and keeps their base64 out of diffs.
  static let sealAttributesLine = "reviews/*/sealed/*.age merge=review -diff"

  /// `.gitattributes` with both of review's lines, the missing ones appended; nil when it has
  /// both.
  static func attributes(adding current: Data?) -> Data? {
    let text = current.map { String(decoding: $0, as: UTF8.self) } ?? ""
    let present = Set(text.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) })
    let missing = [attributesLine, sealAttributesLine].filter { !present.contains($0) }
    guard !missing.isEmpty else { return nil }
    let lead = text.isEmpty || text.hasSuffix("\n") ? text : text + "\n"
    return Data((lead + missing.map { $0 + "\n" }.joined()).utf8)
  }

  /// Sets the merge driver in the repository's own config (which clones do not copy); true when
  /// it was not set before.
  public func configureMergeDriver() throws -> Bool {
    let command = "review merge-driver %O %A %B %P"
    guard git.configString("merge.review.driver") != command else { return false }
    try wrapGit {
      try git.setConfigString("merge.review.name", "review: merge evaluations by meaning")
      try git.setConfigString("merge.review.driver", command)
    }
    return true
  }

  /// Whether `.gitattributes` at HEAD routes review files to the merge driver while this
  /// clone has none configured (clones do not copy `.git/config`): plain `git merge` would
  /// then merge evaluations line by line.
  public var lacksMergeDriver: Bool {
    guard git.configString("merge.review.driver") == nil,
      let head = try? git.headCommit(),
      let attributes = try? git.file(at: ".gitattributes", inCommit: head)
    else { return false }
    return String(decoding: attributes, as: UTF8.self).split(separator: "\n").contains {
      $0.trimmingCharacters(in: .whitespaces) == Self.attributesLine
    }
  }

  /// The text of `reviews/README.md`, which also keeps the folder in git.
  static let reviewsReadme = """
    # Reviews

    One folder per subject: `<subject>/subject.yaml` says what is assessed and against which
    framework; `<subject>/<reviewer>.yaml` is one reviewer's evaluation. Write them with
    `review new` and `review score`; check them with `review validate`.

    """

  /// Creates or adopts a git repository at `path` as a review repository: the built-in
  /// frameworks in `templates/`, `review.yaml` and `reviews/`, in one commit. A repository whose
  /// HEAD already has `review.yaml` or `reviews/` is left as it is.
  public static func initialize(
    at path: String, environment: [String: String], sign: Bool? = nil
  ) throws
    -> InitOutcome
  {
    let existing: Repository? = try? Repository.open(at: path)
    if existing == nil {
      // Check the identity before creating anything, so a failed init leaves no empty repository.
      _ = try wrapGit {
        try Signature.resolve(
          role: .author, environment: environment, config: Repository.defaultConfigString)
      }
      // And the signing key, when the first commit is to be signed.
      _ = try WriteSigner.resolve(
        .commit, choice: sign, environment: environment, config: Repository.defaultConfigString)
    }
    let repository = try existing ?? wrapGit { try Repository.create(at: path) }
    let review = ReviewRepository(git: repository)
    guard let root = repository.workdir else { throw StoreError.git(.bareRepository) }
    if let head = try wrapGit({ try repository.headCommit() }) {
      let tree = try wrapGit { try repository.commit(head).tree }
      let hasSettings =
        try wrapGit { try repository.entry(at: FileLocation.settingsPath, in: tree) } != nil
      let hasReviews =
        try wrapGit { try repository.entry(at: FileLocation.reviewsFolder, in: tree) } != nil
      if hasSettings || hasReviews {
        let configured = try review.configureMergeDriver()
        return .alreadyInitialized(root: root, configuredDriver: configured)
      }
    }
    let actor = try Actor.resolve(
      reviewer: nil, sign: sign, settings: Settings(), environment: environment,
      config: { repository.configString($0) }, requireReviewer: false)
    var files = BuiltinTemplates.files.map {
      FileChange(
        path: FileLocation.template(framework: FrameworkID($0.id)).path,
        contents: Data($0.text.utf8))
    }
    files.append(FileChange(path: FileLocation.settingsPath, contents: Settings().canonicalYAML()))
    files.append(
      FileChange(
        path: FileLocation.reviewsFolder + "/README.md", contents: Data(reviewsReadme.utf8)))
    let head = try wrapGit { try repository.headCommit() }
    let attributes = try head.flatMap { commit in
      try wrapGit { try repository.file(at: ".gitattributes", inCommit: commit) }
    }
    if let updated = Self.attributes(adding: attributes) {
      files.append(FileChange(path: ".gitattributes", contents: updated))
    }
    _ = try review.configureMergeDriver()
    let commit = try review.commit(
      files, message: "review init: frameworks, settings and reviews/", actor: actor)
    return existing == nil
      ? .created(root: root, commit: commit) : .adopted(root: root, commit: commit)
  }

  /// Makes `path` a bare hub whose HEAD is `main`, as `git init --bare --initial-branch=main`:
  /// a hub made by plain `git init --bare` points HEAD at master, and a clone of it then checks
  /// out nothing. An existing bare repository that has no commit on HEAD's branch is pointed at
  /// main; anything else is refused, never changed.
  public static func initializeHub(at path: String) throws -> InitOutcome {
    if let existing = try? Repository.open(at: path) {
      guard existing.isBare else {
        throw StoreError.notABareHub(path: path, reason: "it has a working tree")
      }
      if try wrapGit({ try existing.headCommit() }) != nil {
        throw StoreError.notABareHub(path: path, reason: "its HEAD already has commits")
      }
      try wrapGit { try existing.pointHead(atBranch: "main") }
      return .hub(path: path, created: false)
    }
    _ = try wrapGit { try Repository.create(at: path, bare: true) }
    return .hub(path: path, created: true)
  }

  /// Creates and commits `reviews/<id>/subject.yaml`.
  public func newSubject(
    _ id: SubjectID, framework frameworkID: FrameworkID?, title: String?, links: [String],
    motRecord: YAMLValue? = nil, actor: Actor
  ) throws -> (subject: Subject, commit: ObjectID) {
    try Identifier.validate(id)
    try SubjectEdit(addLinks: links).checkLinks()
    return try transaction { base, snapshot in
      if (try snapshot.subjectIDs()).contains(id) { throw ReviewError.subjectExists(id) }
      let framework = try snapshot.framework(
        try frameworkID ?? snapshot.settings.defaultFramework)
      let subject = Subject(
        id: id, title: title, framework: framework.id, links: links, motRecord: motRecord)
      let contents = subject.canonicalYAML()
      try Self.checkReadsBack(contents, as: subject)
      let commit = try commit(
        [FileChange(path: FileLocation.subject(id).path, contents: contents)],
        message: "new \(id): \(title ?? id.rawValue) against \(framework.id)", actor: actor,
        onto: base)
      return (subject, commit)
    }
  }
}
