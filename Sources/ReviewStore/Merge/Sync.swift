import Foundation
import GitKit
import ReviewCodec
import ReviewCore

/// What `review sync` did.
public struct SyncResult: Sendable {
  /// The remote synced with.
  public var remote: String
  /// The branch of the remote pushed to.
  public var branch: String
  /// The merges made, one per fetch that brought new commits.
  public var merges: [MergeOutcome]
  /// The commit the remote branch points to now.
  public var pushed: ObjectID?
  /// How many fetch–merge–push attempts it took.
  public var attempts: Int
  /// The round tags (`refs/tags/review/SUBJECT/NAME`) on the pushed history that the remote
  /// has after the sync, pushed now or before.
  public var tagsShared: [String] = []
  /// Round tags the remote refused (it has one of that name on another object), and why.
  public var tagsRefused: [String: String] = [:]
}

extension Sync {
  /// The bounds of each fetch and push, from git config: `review.networkTimeout`, seconds the
  /// remote may send nothing, and `review.networkMaxBytes`, what it may send (with git's `k`,
  /// `m` and `g` suffixes); `NetworkLimits.standard` where unset.
  public func networkLimits() throws -> NetworkLimits {
    var limits = NetworkLimits.standard
    if let text = git.configString("review.networkTimeout") {
      guard let seconds = Double(text), seconds > 0, seconds.isFinite else {
        throw StoreError.badConfig(
          key: "review.networkTimeout", value: text, expected: "a number of seconds above 0")
      }
      limits.timeout = seconds
    }
    if let text = git.configString("review.networkMaxBytes") {
      let units: [Character: Int] = ["k": 1 << 10, "m": 1 << 20, "g": 1 << 30]
      let unit = text.last.flatMap { units[Character($0.lowercased())] }
      let digits = unit == nil ? Substring(text) : text.dropLast()
      guard let count = Int(digits), count > 0,
        case let (bytes, overflow) = count.multipliedReportingOverflow(by: unit ?? 1), !overflow
      else {
        throw StoreError.badConfig(
          key: "review.networkMaxBytes", value: text,
          expected: "a number of bytes above 0 (with k, m or g)")
      }
      limits.maximumBytes = bytes
    }
    return limits
  }

  /// The remote to sync with: the branch's upstream, else `origin`, else the only remote.
  func defaultRemote(branch: String) throws -> String {
    if let upstream = git.configString("branch.\(branch).remote") { return upstream }
    let names = try wrapGit { try git.remoteNames() }
    if names.contains("origin") { return "origin" }
    if names.count == 1 { return names[0] }
    throw StoreError.noRemote(available: names)
  }

  /// Fetches, merges by meaning, and pushes the current branch to `remoteBranch` of a remote,
  /// never forcing. When the push is rejected because someone pushed meanwhile, it fetches and
  /// merges again, up to `attempts` times; a push refused while the remote branch stood still
  /// (a hook, a protected branch) is an error with the remote's reason. Conflicting evaluations stop it with the merge in
  /// progress, to resolve and continue before syncing again.
  public func sync(
    remote requested: String?, branch remoteBranch: String?, environment: [String: String],
    attempts: Int = 5, sign: Bool? = nil, allowUnverified: Bool = false
  ) throws -> SyncResult {
    let local = String(try wrapGit { try git.headBranch() }.dropFirst("refs/heads/".count))
    let branch = remoteBranch ?? local
    let remote = try requested ?? defaultRemote(branch: local)
    let limits = try networkLimits()
    var result = SyncResult(remote: remote, branch: branch, merges: [], pushed: nil, attempts: 0)
    let tracking = "refs/remotes/\(remote)/\(branch)"
    // The remote branch when the last push was refused, and why.
    var refused: (theirs: ObjectID?, reason: String)?
    for attempt in 1...attempts {
      result.attempts = attempt
      try wrapGit { try git.fetch(remote: remote, limits: limits) }
      let theirs = try? git.resolveCommit(tracking)
      // Refused although nobody pushed meanwhile: a hook or policy of the remote, not a race.
      if let refused, refused.theirs == theirs {
        throw StoreError.pushRefused(
          remote: remote, local: local, branch: branch, reason: refused.reason)
      }
      guard let ours = try wrapGit({ try git.headCommit() }) else {
        throw StoreError.git(.unbornHead)
      }
      if let theirs, !(try wrapGit { try git.isAncestor(theirs, of: ours) }) {
        let outcome = try MergeSession(repository).merge(
          tracking, environment: environment, message: "Merge \(remote)/\(branch)", sign: sign,
          allowUnverified: allowUnverified)
        result.merges.append(outcome)
        switch outcome {
        case .conflicts, .gitConflicts:
          return result
        default:
          break
        }
      }
      let head = try wrapGit { try git.headCommit() }!
      if head == theirs {
        result.pushed = head
        try setUpstream(local: local, remote: remote, branch: branch)
        try pushRoundTags(reachableFrom: head, remote: remote, limits: limits, into: &result)
        return result
      }
      guard
        let reason = try wrapGit({
          try git.push(local: local, remoteBranch: branch, remote: remote, limits: limits)
        })
      else {
        result.pushed = head
        try setUpstream(local: local, remote: remote, branch: branch)
        try pushRoundTags(reachableFrom: head, remote: remote, limits: limits, into: &result)
        return result
      }
      refused = (theirs, reason)
    }
    throw StoreError.remoteKeptMoving(remote: remote, attempts: attempts)
  }

  /// Pushes the round tags on commits the remote branch now has, never moving one the remote
  /// has already: a round closed is shared with the branch it closed.
  private func pushRoundTags(
    reachableFrom head: ObjectID, remote: String, limits: NetworkLimits,
    into result: inout SyncResult
  ) throws {
    let tags = try wrapGit { try git.tags(withPrefix: "review/", skippingOthers: true) }
    let names = try tags.filter { tag in
      try wrapGit { try git.isAncestor(tag.target, of: head) }
    }.map { "refs/tags/" + $0.name }
    let refused = try wrapGit { try git.pushTags(names, remote: remote, limits: limits) }
    result.tagsRefused = refused
    result.tagsShared = names.filter { refused[$0] == nil }
  }

  /// Records the branch just synced as the local branch's upstream when it has none, as
  /// `git push -u` does, so that plain `git pull` and `git status` know it.
  private func setUpstream(local: String, remote: String, branch: String) throws {
    guard git.configString("branch.\(local).remote") == nil else { return }
    try wrapGit {
      try git.setConfigString("branch.\(local).remote", remote)
      try git.setConfigString("branch.\(local).merge", "refs/heads/\(branch)")
    }
  }
}
