import Foundation
import GitKit
import ReviewCodec
import ReviewCore

/// A semantic merge waiting for its conflicts to be resolved, kept in `.git/review/MERGE.json`.
/// Nothing in the working tree or the branch changes until it is continued.
struct MergeState: Codable {
  struct File: Codable {
    var path: String
    var subject: SubjectID
    /// nil for the subject file.
    var reviewer: ReviewerID?
    /// The merged file so far (nil: deleted).
    var merged: String?
    var theirs: String?
    var conflicts: [MergeConflict]
  }

  var ours: String
  var theirs: String
  var message: String
  var files: [File]
  /// True when the merge is git's (a plain `git merge` stopped on review files): see
  /// GitMerge.swift.
  var gitMerge: Bool? = nil

  /// Whether the merge is git's, taken up by review.
  var isGitMerge: Bool { gitMerge == true }

  /// The two commits being merged; a state file whose ids are not commit ids is refused rather
  /// than trusted.
  func commits(path: String) throws -> (ours: ObjectID, theirs: ObjectID) {
    guard let ours = ObjectID(hex: ours), let theirs = ObjectID(hex: theirs) else {
      throw StoreError.unreadableMergeState(path: path)
    }
    return (ours, theirs)
  }
}

/// What `review merge` did.
public enum MergeOutcome: Sendable {
  case upToDate
  case fastForward(ObjectID)
  case merged(ObjectID)
  /// Review files conflict; the merge waits for `review resolve` and `review merge --continue`.
  case conflicts([MergeConflict])
  /// Files outside `reviews/` conflict; git's usual merge state was written for them.
  case gitConflicts(paths: [String], review: [MergeConflict])
}

/// How to settle a conflict.
public enum Resolution: Sendable {
  case ours
  case theirs
  /// Explicit values for the criterion's scalar fields; conflicted fields not given keep our
  /// value, and an empty value clears an optional field.
  case values([JudgementField: String])
}

extension MergeSession {
  var mergeStatePath: String { git.gitDirectory + "/review/MERGE.json" }

  func loadMergeState() throws -> MergeState? {
    guard let data = FileManager.default.contents(atPath: mergeStatePath) else { return nil }
    var state: MergeState
    do {
      state = try JSONDecoder().decode(MergeState.self, from: data)
      // A state written before subject files had no reviewer named them with "".
      for index in state.files.indices where state.files[index].reviewer?.rawValue == "" {
        state.files[index].reviewer = nil
        for conflict in state.files[index].conflicts.indices {
          state.files[index].conflicts[conflict].reviewer = nil
        }
      }
    } catch {
      throw StoreError.unreadableMergeState(path: mergeStatePath)
    }
    return state.isGitMerge ? try current(state) : state
  }

  func saveMergeState(_ state: MergeState?) throws {
    guard let state else {
      try? FileManager.default.removeItem(atPath: mergeStatePath)
      return
    }
    do {
      try FileManager.default.createDirectory(
        atPath: (mergeStatePath as NSString).deletingLastPathComponent,
        withIntermediateDirectories: true)
      let encoder = JSONEncoder()
      encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
      try encoder.encode(state).write(to: URL(fileURLWithPath: mergeStatePath), options: .atomic)
    } catch {
      throw StoreError.io(path: mergeStatePath, message: "cannot write the merge state")
    }
  }

  /// The review files (`reviews/<subject>/<name>.yaml`) that are not the same in all three
  /// trees, with their blob in each (nil where there is none). Folders with the same id in all
  /// three are passed over unread.
  func reviewFilesToMerge(base: ObjectID?, ours: ObjectID, theirs: ObjectID) throws
    -> [(path: String, blobs: [ObjectID?])]
  {
    /// The entries of up to three folders whose ids differ, by name, with each folder's id.
    func differing(_ folders: [ObjectID?], at path: String) throws
      -> [(name: String, ids: [TreeEntry?])]
    {
      if folders[0] == folders[1] && folders[1] == folders[2] { return [] }
      let listings = try folders.map { folder in
        try folder.map { id in
          Dictionary(
            try wrapGit { try git.entries(of: id, at: path) }.map { ($0.name, $0) },
            uniquingKeysWith: { a, _ in a })
        } ?? [:]
      }
      let names = Set(listings.flatMap(\.keys)).sorted()
      return names.map { name in (name, listings.map { $0[name] }) }.filter { entry in
        entry.ids[0]?.id != entry.ids[1]?.id || entry.ids[1]?.id != entry.ids[2]?.id
      }
    }
    func ids(_ entries: [TreeEntry?], _ kinds: Set<EntryKind>) -> [ObjectID?] {
      entries.map { entry in entry.flatMap { kinds.contains($0.kind) ? $0.id : nil } }
    }
    let reviews = try [base, ours, theirs].map { root in
      try root.flatMap { root in
        try wrapGit { try git.entry(at: FileLocation.reviewsFolder, in: root) }
      }
    }
    var files: [(path: String, blobs: [ObjectID?])] = []
    for subject in try differing(ids(reviews, [.directory]), at: FileLocation.reviewsFolder) {
      let folder = FileLocation.subjectFolder(SubjectID(subject.name))
      for file in try differing(ids(subject.ids, [.directory]), at: folder) {
        if file.name == SealLocation.folderName {
          // Seals are merged here (the newest wins); the round file and nonces as git would.
          let sealed = folder + "/" + file.name
          for seal in try differing(ids(file.ids, [.directory]), at: sealed) {
            guard case .seal = SealLocation.inFolder(SubjectID(subject.name), name: seal.name)
            else { continue }
            let blobs = ids(seal.ids, [.file, .executable])
            if blobs.allSatisfy({ $0 == nil }) { continue }
            files.append((sealed + "/" + seal.name, blobs))
          }
          continue
        }
        guard FileLocation.inSubjectFolder(SubjectID(subject.name), name: file.name) != nil
        else { continue }
        let blobs = ids(file.ids, [.file, .executable])
        if blobs.allSatisfy({ $0 == nil }) { continue }
        files.append((folder + "/" + file.name, blobs))
      }
    }
    return files
  }

  /// One review file merged by meaning from its three versions (base, ours, theirs; nil where
  /// a side has none).
  func mergedFile(_ path: String, blobs: [ObjectID?], frameworks: [FrameworkID: Framework])
    throws -> MergeState.File
  {
    // A version over the size limit is never inflated, and stops the merge before it writes.
    let versions = try blobs.map { blob in
      try blob.map { id in
        guard let data = try wrapGit({ try git.blob(id, limit: maximumFileSize) }) else {
          throw StoreError.io(
            path: path,
            message:
              "version \(id.short) is over the limit of \(maximumFileSize) bytes; nothing was merged"
          )
        }
        return data
      } ?? Data()
    }
    if case .seal(let subject, let reviewer) = SealLocation(path: path) {
      let merged = try SealMerge.mergeSeal(
        base: versions[0], ours: versions[1], theirs: versions[2], path: path)
      return MergeState.File(
        path: path, subject: subject, reviewer: reviewer,
        merged: String(decoding: merged, as: UTF8.self),
        theirs: versions[2].isEmpty ? nil : String(decoding: versions[2], as: UTF8.self),
        conflicts: [])
    }
    let result = try SemanticMerge.mergeFile(
      path: path, base: versions[0], ours: versions[1], theirs: versions[2],
      frameworks: frameworks)
    guard let location = FileLocation(path: path), let subject = location.subject else {
      throw StoreError.notAReviewFile(path)
    }
    var reviewer: ReviewerID?
    if case .evaluation(_, let name) = location { reviewer = name }
    return MergeState.File(
      path: path, subject: subject, reviewer: reviewer,
      merged: result.contents.map { String(decoding: $0, as: UTF8.self) },
      theirs: versions[2].isEmpty ? nil : String(decoding: versions[2], as: UTF8.self),
      conflicts: result.conflicts)
  }

  /// Merges a branch into HEAD: review files by meaning, every other file as git would.
  ///
  /// The merge commit is signed as `sign` (`--sign`, `--no-sign`) or git's `commit.gpgsign`
  /// says.
  public func merge(
    _ revision: String, environment: [String: String], message: String? = nil,
    sign: Bool? = nil, allowUnverified: Bool = false
  ) throws -> MergeOutcome {
    if try loadMergeState() != nil || git.isMerging {
      throw StoreError.mergeInProgress
    }
    let dirty = try wrapGit { try git.status(under: "") }.filter { $0.change != .untracked }
    if let first = dirty.first {
      throw StoreError.uncommittedChanges(path: first.path)
    }
    guard let ours = try wrapGit({ try git.headCommit() }) else {
      throw StoreError.git(.unbornHead)
    }
    let theirs = try wrapGit { try git.resolveCommit(revision) }
    if try wrapGit({ try git.isAncestor(theirs, of: ours) }) { return .upToDate }
    // Settings and templates that do not validate would stop every command of this clone once
    // merged: they are refused before anything is merged, unless ours has the same problems.
    let ourSnapshot = try snapshot(at: ours.hex)
    let ourProblems = Set(ourSnapshot.setupDiagnostics)
    let incoming = try snapshot(at: theirs.hex).setupDiagnostics.filter {
      !ourProblems.contains($0)
    }
    if !incoming.isEmpty { throw StoreError.invalidIncoming(revision: revision, incoming) }
    // What comes in is judged by the policy before anything is merged.
    let violations = try repository.verify("\(ours.hex)..\(theirs.hex)").violations
    if !violations.isEmpty && !allowUnverified {
      throw StoreError.unverifiedIncoming(revision: revision, violations: violations)
    }
    let committer = try wrapGit {
      try Signature.resolve(
        role: .committer, environment: environment, config: { git.configString($0) })
    }
    let signer = try WriteSigner.resolve(
      .commit, choice: sign, environment: environment, config: { git.configString($0) })
    // Commits taken in despite the policy get a merge commit that records them, never a
    // fast-forward.
    if violations.isEmpty, try wrapGit({ try git.isAncestor(ours, of: theirs) }) {
      let tree = try wrapGit { try git.commit(theirs).tree }
      try wrapGit {
        try git.checkout(
          tree: tree, commit: theirs, expecting: ours, message: "merge \(revision): Fast-forward")
      }
      return .fastForward(theirs)
    }
    let base = try wrapGit { try git.mergeBase(ours, theirs) }
    let trees = try [base, ours, theirs].map { id in
      try id.map { commit in try wrapGit { try git.commit(commit).tree } }
    }
    let frameworks = ourSnapshot.frameworks
    var files: [MergeState.File] = []
    for (path, blobs) in try reviewFilesToMerge(base: trees[0], ours: trees[1]!, theirs: trees[2]!)
    {
      files.append(try mergedFile(path, blobs: blobs, frameworks: frameworks))
    }
    let state = MergeState(
      ours: ours.hex, theirs: theirs.hex,
      message: (message ?? "Merge \(isBranch(revision) ? "branch" : "commit") '\(revision)'")
        + Self.unverifiedNote(violations),
      files: files)
    let index = try wrapGit {
      try git.mergeTrees(base: trees[0], ours: trees[1]!, theirs: trees[2]!)
    }
    let reviewPaths = Set(files.map(\.path))
    let otherConflicts = try wrapGit { try index.conflictedPaths() }.filter {
      !reviewPaths.contains($0)
    }
    let reviewConflicts = files.flatMap(\.conflicts)
    if !otherConflicts.isEmpty {
      // Let git leave its usual state, then put the review files merged by meaning in place:
      // staged when settled, else with our side of each conflict and no markers (as the merge
      // driver leaves them) and taken up as git's merge, which keeps this merge's message.
      try wrapGit { try git.mergeAsGitDoes(theirs) }
      for file in files {
        guard let merged = file.merged else { continue }
        try wrapGit { try git.writeWorkingFile(file.path, Data(merged.utf8)) }
        if file.conflicts.isEmpty { try wrapGit { try git.stage(paths: [file.path]) } }
      }
      var taken = state
      taken.files = files.filter { !$0.conflicts.isEmpty }
      taken.gitMerge = true
      try saveMergeState(taken)
      return .gitConflicts(paths: otherConflicts, review: reviewConflicts)
    }
    if !reviewConflicts.isEmpty {
      try saveMergeState(state)
      return .conflicts(reviewConflicts)
    }
    return .merged(try commitMerge(state, index: index, committer: committer, signer: signer))
  }

  /// The lines a merge's message records when it took in commits the policy does not allow.
  static func unverifiedNote(_ violations: [Violation]) -> String {
    guard !violations.isEmpty else { return "" }
    return
      "\n\nMerged with --allow-unverified despite \(violations.count) violation\(violations.count == 1 ? "" : "s"):\n"
      + violations.map { "  \($0.description)" }.joined(separator: "\n")
  }

  private func isBranch(_ revision: String) -> Bool {
    (try? git.resolveCommit("refs/heads/" + revision)) != nil
  }

  /// Writes the merge commit (parents: ours, theirs), updates the working tree and the branch.
  private func commitMerge(
    _ state: MergeState, index: MergedIndex, committer: Signature, signer: WriteSigner?
  ) throws -> ObjectID {
    for file in state.files {
      let blob = try file.merged.map { text in try wrapGit { try git.writeBlob(Data(text.utf8)) } }
      try wrapGit { try index.set(file.path, blob: blob) }
    }
    let tree = try wrapGit { try index.writeTree() }
    let (ours, theirs) = try state.commits(path: mergeStatePath)
    let commit = try wrapGit {
      try git.writeCommit(
        tree: tree, parents: [ours, theirs], author: committer, committer: committer,
        message: state.message + "\n", signer: signer?.objectSigner)
    }
    try wrapGit {
      try git.checkout(
        tree: tree, commit: commit, expecting: ours, message: "merge: \(state.message)")
    }
    return commit
  }

  /// The conflicts of the merge in progress.
  public func conflicts() throws -> [MergeConflict] {
    guard let state = try mergeState() else {
      throw StoreError.noMergeInProgress(review: true)
    }
    return state.files.flatMap(\.conflicts)
  }

  /// Commits the merge in progress once every conflict is resolved.
  public func `continue`(environment: [String: String], sign: Bool? = nil) throws -> ObjectID {
    guard let state = try mergeState() else {
      throw StoreError.noMergeInProgress(review: true)
    }
    if state.isGitMerge {
      return try continueGitMerge(state, environment: environment, sign: sign)
    }
    let (ours, theirs) = try state.commits(path: mergeStatePath)
    let remaining = state.files.flatMap(\.conflicts)
    guard remaining.isEmpty else {
      throw StoreError.conflictsLeft(remaining.count)
    }
    let head = try wrapGit { try git.headCommit() }
    guard head == ours else { throw StoreError.headMoved(expected: ours, actual: head) }
    let trees = try [ours, theirs].map { id in try wrapGit { try git.commit(id).tree } }
    let base = try wrapGit { try git.mergeBase(ours, theirs) }
    let baseTree = try base.map { id in try wrapGit { try git.commit(id).tree } }
    let index = try wrapGit { try git.mergeTrees(base: baseTree, ours: trees[0], theirs: trees[1]) }
    let committer = try wrapGit {
      try Signature.resolve(
        role: .committer, environment: environment, config: { git.configString($0) })
    }
    let signer = try WriteSigner.resolve(
      .commit, choice: sign, environment: environment, config: { git.configString($0) })
    let commit = try commitMerge(state, index: index, committer: committer, signer: signer)
    try saveMergeState(nil)
    return commit
  }

  /// Abandons the merge in progress: a review merge leaves nothing to undo; git's merge state
  /// (after conflicts outside `reviews/`) is reset to HEAD.
  public func abort() throws {
    // Only whether a state file exists: an unreadable one must still be abortable.
    let reviewMerge = FileManager.default.fileExists(atPath: mergeStatePath)
    guard reviewMerge || git.isMerging else {
      throw StoreError.noMergeInProgress(review: false)
    }
    try saveMergeState(nil)
    if git.isMerging { try wrapGit { try git.abortGitMerge() } }
  }
}
