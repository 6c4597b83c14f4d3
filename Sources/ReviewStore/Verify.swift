import Foundation
import GitKit
import ReviewCodec
import ReviewCore
import SSHSigning

/// A commit that changed a file the policy does not let it change.
public struct Violation: Sendable, Encodable, Equatable, CustomStringConvertible {
  /// The commit.
  public var commit: ObjectID
  /// The file.
  public var path: String
  /// Who did what, and what the policy allowed.
  public var problem: String

  /// One line: the commit, the path and the problem.
  public var description: String { "\(commit.short) \(path): \(problem)" }
}

/// What `review verify` found in a range of commits.
public struct VerifyReport: Sendable, Encodable {
  /// The range checked, as given.
  public var range: String
  /// How many commits were checked.
  public var commits: Int
  /// Commits that carry a signature that verifies.
  public var signed: Int
  /// Commits made before the repository had a policy (at their first parent): not judged.
  public var unverifiable: [ObjectID]
  /// What the policy does not allow.
  public var violations: [Violation]
}

/// How one commit stands with the policy at its first parent.
enum CommitVerdict {
  /// The first parent has no policy.
  case unverifiable
  /// Judged: the commit's identity, the problems of each file it changed (empty: allowed), and
  /// the settings of the policy it was judged by.
  case judged(identity: CommitIdentity, problems: [String: String], policy: Settings)
}

/// Judges commits by the policy as of their first parent, caching what many commits share:
/// settings and frameworks by blob and tree id, and each commit's verdict.
final class Verifier {
  let repository: ReviewRepository
  private var git: Repository { repository.git }
  private var settingsCache: [ObjectID: Settings?] = [:]
  private var frameworksCache: [ObjectID?: [FrameworkID: Framework]] = [:]
  private var verdicts: [ObjectID: CommitVerdict] = [:]

  init(_ repository: ReviewRepository) {
    self.repository = repository
  }

  /// The settings committed in a tree; nil when there are none, or they do not read (then
  /// nothing can be judged by them).
  func settings(inTree tree: ObjectID) throws -> Settings? {
    guard let blob = try wrapGit({ try git.entryID(named: FileLocation.settingsPath, in: tree) })
    else { return nil }
    if let cached = settingsCache[blob] { return cached }
    let data = try wrapGit { try git.blob(blob, limit: maximumFileSize) }
    let settings = data.flatMap { data in
      (try? YAMLDocument.parse(data, path: FileLocation.settingsPath).orThrow()).flatMap {
        Settings.read($0).0
      }
    }
    settingsCache[blob] = .some(settings)
    return settings
  }

  /// The verdict on a commit, computed once.
  func verdict(_ id: ObjectID) throws -> CommitVerdict {
    if let known = verdicts[id] { return known }
    let commit = try wrapGit { try git.commit(id) }
    // Each parent's tree is read once: the first for the policy, all for what changed.
    let parentTrees = try commit.parents.map { parent in
      try wrapGit { try git.treeAndFirstParent(of: parent).tree }
    }
    let verdict: CommitVerdict
    if let first = parentTrees.first, let settings = try settings(inTree: first),
      settings.policy != nil
    {
      let identity = try self.identity(of: commit)
      verdict = .judged(
        identity: identity,
        problems: try problems(
          of: commit, parentTrees: parentTrees, settings: settings, identity: identity),
        policy: settings)
    } else {
      verdict = .unverifiable
    }
    verdicts[id] = verdict
    return verdict
  }

  /// The commit's author, its signature's key when the signature verifies (or why it does not),
  /// and the reviewer an `On-behalf-of:` trailer names.
  func identity(of commit: Commit) throws -> CommitIdentity {
    Self.identity(
      CommitIdentity(
        name: commit.author.name, email: commit.author.email,
        onBehalfOf: CommitIdentity.onBehalfOf(inMessage: commit.message)),
      signed: try wrapGit { try git.signature(ofCommit: commit.id) })
  }

  /// The problem of a round's tag by the policy at the commit it closes; nil when the policy
  /// allows it, or there is no policy there.
  func problem(ofRound tag: AnnotatedTag) throws -> String? {
    guard let object = tag.object, let tagger = tag.tagger,
      let settings = try settings(inTree: try wrapGit { try git.commit(tag.target).tree }),
      settings.policy != nil
    else { return nil }
    let identity = Self.identity(
      CommitIdentity(name: tagger.name, email: tagger.email),
      signed: try wrapGit { try git.signature(ofTag: object) })
    return settings.violation(of: .round, by: identity)
  }

  /// An identity with what a signature, if any, says about it.
  static func identity(_ base: CommitIdentity, signed: CommitSignature?) -> CommitIdentity {
    var identity = base
    guard let signed else { return identity }
    // An OpenPGP signature is one this tool cannot check: the commit counts as unsigned.
    guard SSHSignature.isArmored(signed.signature) else { return identity }
    do {
      let signature = try SSHSignature(armored: signed.signature)
      if signature.verifies(Array(signed.signedData)) {
        identity.signingKey = signature.publicKey.line
        identity.fingerprint = signature.publicKey.fingerprint
      } else {
        identity.badSignature =
          "the signature by \(signature.publicKey.fingerprint) does not match what it signs"
      }
    } catch {
      identity.badSignature = "\(error)"
    }
    return identity
  }

  /// The problem of each governed file the commit changed, by path.
  private func problems(
    of commit: Commit, parentTrees: [ObjectID], settings: Settings, identity: CommitIdentity
  ) throws -> [String: String] {
    // A merge is answerable only for what differs from every parent.
    var changed: [String: ObjectID?] = [:]
    for (index, tree) in parentTrees.enumerated() {
      let here = try governedChanges(from: tree, to: commit.tree)
      changed = index == 0 ? here : changed.filter { here[$0.key] != nil }
    }
    var problems: [String: String] = [:]
    for (path, blob) in changed {
      guard let location = FileLocation(path: path) else { continue }
      let permission = Permission(location)
      if commit.parents.count < 2 {
        if let problem = settings.violation(of: permission, by: identity) {
          problems[path] = problem
        }
        continue
      }
      // Settings and templates merge as git merges them: the result is a chair's to make.
      if location.subject == nil {
        if let problem = settings.violation(of: permission, by: identity) {
          problems[path] = "in a merge: " + problem
        }
        continue
      }
      let merged = try semanticMerge(path: path, commit: commit, parentTrees: parentTrees)
      if let merged, merged.contents == (try blob.map { id in try wrapGit { try git.blob(id) } }) {
        continue
      }
      // What the semantic merge could not settle, someone allowed to settle it may.
      let resolver =
        settings.writer(of: identity).map { settings.role(of: $0) == .chair } ?? false
      let allowed =
        merged?.conflicts.isEmpty == false
        && (resolver
          ? settings.violation(of: .chair, by: identity) == nil
          : settings.violation(of: permission, by: identity) == nil)
      if !allowed {
        problems[path] =
          "a merge by \(settings.describe(identity)) made it neither parent's version nor their semantic merge"
      }
    }
    return problems
  }

  /// The semantic merge of a review file's versions in a merge's first two parents, over their
  /// merge base; nil for a file that is not merged by meaning (settings, templates) or does
  /// not read.
  private func semanticMerge(path: String, commit: Commit, parentTrees: [ObjectID]) throws
    -> FileMergeResult?
  {
    guard parentTrees.count == 2 else { return nil }
    let base = try wrapGit { try git.mergeBase(commit.parents[0], commit.parents[1]) }
    let baseTree = try base.map { id in try wrapGit { try git.commit(id).tree } }
    let versions = try [baseTree, parentTrees[0], parentTrees[1]].map { tree -> Data in
      guard let tree, let entry = try wrapGit({ try git.entry(at: path, in: tree) }),
        let data = try wrapGit({ try git.blob(entry.id, limit: maximumFileSize) })
      else { return Data() }
      return data
    }
    return try? SemanticMerge.mergeFile(
      path: path, base: versions[0], ours: versions[1], theirs: versions[2],
      frameworks: try frameworks(ofCommit: commit.parents[0], tree: parentTrees[0]))
  }

  /// The frameworks of a commit, whose tree is `tree`, by id.
  private func frameworks(ofCommit commit: ObjectID, tree: ObjectID) throws
    -> [FrameworkID: Framework]
  {
    let templates = try wrapGit { try git.entryID(named: FileLocation.templatesFolder, in: tree) }
    if let cached = frameworksCache[templates] { return cached }
    let frameworks = (try? repository.snapshot(at: commit.hex)).map(\.frameworks) ?? [:]
    frameworksCache[templates] = frameworks
    return frameworks
  }

  /// The files the policy governs (settings, templates, subject files and evaluations) whose
  /// blob differs between two trees, with the new blob (nil: removed).
  func governedChanges(from old: ObjectID?, to new: ObjectID) throws -> [String: ObjectID?] {
    var result: [String: ObjectID?] = [:]
    func files(_ folder: String, _ a: ObjectID?, _ b: ObjectID?) throws -> [EntryChange] {
      try wrapGit { try git.changedEntries(from: a, to: b) }.filter { !$0.isDirectory }.map {
        var change = $0
        change.name = folder + "/" + change.name
        return change
      }
    }
    for top in try wrapGit({ try git.changedEntries(from: old, to: new) }) {
      switch top.name {
      case FileLocation.settingsPath where !top.isDirectory:
        result[top.name] = top.new
      case FileLocation.templatesFolder where top.isDirectory:
        for file in try files(top.name, top.old, top.new) { result[file.name] = file.new }
      case FileLocation.reviewsFolder where top.isDirectory:
        for subject in try wrapGit({ try git.changedEntries(from: top.old, to: top.new) })
        where subject.isDirectory {
          let folder = top.name + "/" + subject.name
          for file in try files(folder, subject.old, subject.new) { result[file.name] = file.new }
        }
      default:
        continue
      }
    }
    return result
  }
}

extension ReviewRepository {
  /// Checks every commit reachable from `range` (`REV`, or `A..B` for those of B not in A)
  /// against the policy as of its first parent.
  public func verify(_ range: String = "HEAD") throws -> VerifyReport {
    let (tips, hidden) = try revisionRange(range)
    let verifier = Verifier(self)
    var report = VerifyReport(
      range: range, commits: 0, signed: 0, unverifiable: [], violations: [])
    var walked = Set<ObjectID>()
    try HashVerification.skipped {
      try wrapGit {
        try git.walk(from: tips, hiding: hidden, order: .oldestFirst) { id in
          report.commits += 1
          switch try verifier.verdict(id) {
          case .unverifiable:
            report.unverifiable.append(id)
          case .judged(let identity, let problems, _):
            if identity.signingKey != nil { report.signed += 1 }
            for path in problems.keys.sorted() {
              report.violations.append(Violation(commit: id, path: path, problem: problems[path]!))
            }
          }
          let sealProblems = try verifier.sealProblems(of: id)
          for path in sealProblems.keys.sorted() {
            report.violations.append(
              Violation(commit: id, path: path, problem: sealProblems[path]!))
          }
          walked.insert(id)
        }
      }
      // Rounds closed on the commits checked: a chair's, by the policy at that commit. A tag
      // on something else is no round (`rounds` names it).
      let rounds =
        report.unverifiable.count == report.commits
        ? [] : try wrapGit { try git.tags(withPrefix: "review/", skippingOthers: true) }
      for tag in rounds where walked.contains(tag.target) {
        if let problem = try verifier.problem(ofRound: tag) {
          report.violations.append(
            Violation(commit: tag.target, path: "refs/tags/" + tag.name, problem: problem))
        }
      }
    }
    return report
  }

  /// The tips and hidden commits of `REV` or `A..B`.
  func revisionRange(_ range: String) throws -> (tips: [ObjectID], hidden: [ObjectID]) {
    if let dots = range.range(of: "..") {
      let from = String(range[..<dots.lowerBound])
      let to = String(range[dots.upperBound...])
      return (
        [try wrapGit { try git.resolveCommit(to.isEmpty ? "HEAD" : to) }],
        [try wrapGit { try git.resolveCommit(from.isEmpty ? "HEAD" : from) }]
      )
    }
    return ([try wrapGit { try git.resolveCommit(range) }], [])
  }
}
