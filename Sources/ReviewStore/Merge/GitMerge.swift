import Foundation
import GitKit
import ReviewCodec
import ReviewCore

// A plain `git merge` that stopped on review files (the merge driver found conflicts, or the
// clone has no driver and git wrote conflict markers) is taken up by `review conflicts`,
// `review resolve` and `review merge --continue`, as if `review merge` had stopped there.
//
// Each review file git left in conflict in the index is merged by meaning from the index's
// three stages. What `review resolve` settles is kept in `.git/review/MERGE.json`, marked as
// git's merge; a file whose last conflict is settled is written to the working tree and staged,
// which ends its conflict in git's index too. So `git commit` finishes the merge as well as
// `review merge --continue` does, and `git add` of a file settles it for review. `review
// merge` takes up git's merge the same way when files outside reviews/ conflict, keeping its
// own message (and any note of commits taken in unverified) for the merge commit.

extension MergeSession {
  /// The merge in progress: review's own, else git's taken up; nil when there is neither.
  func mergeState() throws -> MergeState? {
    if let state = try loadMergeState() { return state }
    guard git.isMerging else { return nil }
    return try takeUpGitMerge()
  }

  /// git's merge as review sees it: every review file in conflict in the index, merged by
  /// meaning from its stages.
  private func takeUpGitMerge() throws -> MergeState {
    let (ours, theirs) = try gitMergeCommits()
    let frameworks = try snapshot().frameworks
    var files: [MergeState.File] = []
    for conflict in try wrapGit({ try git.indexConflicts() })
    where FileLocation(path: conflict.path)?.subject != nil {
      files.append(
        try mergedFile(
          conflict.path, blobs: [conflict.ancestor, conflict.ours, conflict.theirs],
          frameworks: frameworks))
    }
    return MergeState(
      ours: ours.hex, theirs: theirs.hex,
      message: git.mergeMessage() ?? "Merge commit '\(theirs.short)'", files: files,
      gitMerge: true)
  }

  /// HEAD and the one commit git is merging into it.
  private func gitMergeCommits() throws -> (ours: ObjectID, theirs: ObjectID) {
    let heads = try wrapGit { try git.mergeHeads() }
    guard heads.count == 1 else { throw StoreError.octopusMerge(heads: heads.count) }
    guard let ours = try wrapGit({ try git.headCommit() }) else {
      throw StoreError.git(.unbornHead)
    }
    return (ours, heads[0])
  }

  /// A kept state of git's merge as it stands now: none once git's merge has ended or is
  /// another, and without the files settled since with `git add`.
  func current(_ state: MergeState) throws -> MergeState? {
    let (ours, theirs) = try state.commits(path: mergeStatePath)
    guard git.isMerging, try gitMergeCommits() == (ours, theirs) else {
      try saveMergeState(nil)
      return nil
    }
    let conflicted = Set(try wrapGit { try git.indexConflicts() }.map(\.path))
    var state = state
    state.files.removeAll { !conflicted.contains($0.path) }
    return state
  }

  /// Writes and stages each file of git's merge that has no conflict left, and keeps the rest.
  func settleGitMerge(_ state: inout MergeState) throws {
    let settled = state.files.filter(\.conflicts.isEmpty)
    for file in settled {
      if let merged = file.merged {
        try wrapGit { try git.writeWorkingFile(file.path, Data(merged.utf8)) }
      } else {
        try wrapGit { try git.removeWorkingFile(file.path) }
      }
    }
    if !settled.isEmpty { try wrapGit { try git.stage(paths: settled.map(\.path)) } }
    state.files.removeAll(where: \.conflicts.isEmpty)
    // Kept even with no file left, for the merge's message; git's merge ending drops it.
    try saveMergeState(state)
  }

  /// Commits git's merge once no conflict is left in review files or elsewhere: the index as
  /// it stands, on HEAD and MERGE_HEAD, with git's prepared message; then ends git's merge
  /// state, as `git commit` would.
  func continueGitMerge(_ state: MergeState, environment: [String: String], sign: Bool?) throws
    -> ObjectID
  {
    var state = state
    let remaining = state.files.flatMap(\.conflicts)
    guard remaining.isEmpty else { throw StoreError.conflictsLeft(remaining.count) }
    try settleGitMerge(&state)
    let others = try wrapGit { try git.indexConflicts() }.map(\.path)
    guard others.isEmpty else { throw StoreError.gitConflictsLeft(paths: others) }
    let (ours, theirs) = try state.commits(path: mergeStatePath)
    let committer = try wrapGit {
      try Signature.resolve(
        role: .committer, environment: environment, config: { git.configString($0) })
    }
    let signer = try WriteSigner.resolve(
      .commit, choice: sign, environment: environment, config: { git.configString($0) })
    let tree = try wrapGit { try git.writeIndexTree() }
    let commit = try wrapGit {
      try git.writeCommit(
        tree: tree, parents: [ours, theirs], author: committer, committer: committer,
        message: state.message + "\n", signer: signer?.objectSigner)
    }
    let branch = try wrapGit { try git.headBranch() }
    try wrapGit {
      try git.moveReference(
        branch, to: commit, expecting: ours, message: "commit (merge): \(state.message)")
    }
    try wrapGit { try git.endMergeState() }
    try saveMergeState(nil)
    return commit
  }
}
