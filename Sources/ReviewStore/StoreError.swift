import AgeEncryption
import GitKit
import ReviewCore
import SSHSigning

/// An error of the store: the repository, its files and git, as opposed to the domain's
/// `ReviewError`. The words people read are in `description`, in this one place.
public enum StoreError: Error, CustomStringConvertible, Sendable {
  /// A file that could not be read or written, and why.
  case io(path: String, message: String)
  /// The git layer failed.
  case git(GitError)
  /// A path that is not a file under `reviews/`: `reviews/<subject>/<file>.yaml`.
  case notAReviewFile(String)
  /// No reviewer id from any source (an explicit id, the environment, git config).
  case noReviewerID
  /// The evaluation a change would apply to does not read as committed (committed with plain
  /// git, say); a whole new file repairs it.
  case committedFileBroken(String, subject: SubjectID, problems: [Diagnostic])
  /// A subject link that is neither a web address, a DOI nor a path in the repository.
  case invalidLink(String, reason: String)
  /// A link to drop that the subject does not have.
  case noSuchLink(String, subject: SubjectID)
  /// A folder `init --bare` will not make a hub of, and why.
  case notABareHub(path: String, reason: String)
  /// A bound of the history that is neither a date nor a revision (only a date when
  /// `revisionAllowed` is false).
  case notADate(String, revisionAllowed: Bool)
  /// A reviewer named in a query who has no evaluation of any subject (of `subject`, when
  /// given) in the history.
  case unknownReviewer(ReviewerID, subject: SubjectID?)
  /// A round that exists already, with its tag.
  case roundExists(name: String, subject: SubjectID, tag: String)
  /// A round just tagged that then could not be read back.
  case roundNotFound(name: String)
  /// No remote to sync with, or several and none chosen.
  case noRemote(available: [String])
  /// The remote refused a push while its branch stood still (a hook, a protected branch).
  case pushRefused(remote: String, local: String, branch: String, reason: String)
  /// Every push was rejected because the remote moved meanwhile.
  case remoteKeptMoving(remote: String, attempts: Int)
  /// A review merge is in progress, so another cannot start.
  case mergeInProgress
  /// A review file with uncommitted changes that a merge would overwrite.
  case uncommittedChanges(path: String)
  /// No review merge is in progress (`review` is false for the plain git merge state too).
  case noMergeInProgress(review: Bool)
  /// Conflicts left in the merge.
  case conflictsLeft(Int)
  /// Files outside review's reach still in conflict in git's index.
  case gitConflictsLeft(paths: [String])
  /// git is merging more than one commit at once, which review does not take up.
  case octopusMerge(heads: Int)
  /// HEAD moved since the merge started.
  case headMoved(expected: ObjectID, actual: ObjectID?)
  /// The merge state file cannot be read.
  case unreadableMergeState(path: String)
  /// Nothing in conflict in that file (for that criterion).
  case noConflict(FileLocation, criterion: CriterionID?)
  /// A conflict over a whole file is settled by a side, not by values.
  case wholeFileTakesASide(FileLocation)
  /// Explicit values given without a criterion to settle.
  case valuesNeedACriterion
  /// The merged version of a file does not read.
  case unreadableMergedFile(path: String)
  /// A revision to merge whose settings or templates do not validate.
  case invalidIncoming(revision: String, [Diagnostic])
  /// A record of an import batch mapping to a subject an earlier record of it made.
  case importedTwice(path: String, subject: SubjectID, from: String)
  /// A record imported into a subject assessed against another framework.
  case subjectFrameworkDiffers(
    path: String, subject: SubjectID, framework: FrameworkID, imported: FrameworkID)
  /// A git configuration value this tool reads that is not of the form it takes.
  case badConfig(key: String, value: String, expected: String)
  /// Signing is asked for in a format other than SSH (`gpg.format`).
  case unsupportedSigningFormat(String)
  /// Signing is asked for and `user.signingkey` is not set.
  case noSigningKey
  /// The signing key could not be read or used.
  case signing(SSHError)
  /// A write of reviewer `reviewer`'s file by an identity that is not theirs.
  case notTheReviewer(reviewer: ReviewerID, identity: String, owner: ReviewerID?)
  /// `--on-behalf-of` used by someone who is not a chair.
  case notAChair(identity: String, owner: ReviewerID?)
  /// A write under a policy for a reviewer the registry does not know (or knows by name only).
  case notRegistered(reviewer: ReviewerID)
  /// Something only a chair may do, by someone the policy does not recognise as one.
  case chairOnly(action: String, problem: String)
  /// Incoming commits that the policy does not allow; nothing was merged.
  case unverifiedIncoming(revision: String, violations: [Violation])
  /// A subject whose judgements are hidden by a sealed round: who has submitted, never what.
  case subjectSealed(SealStatus)
  /// A round that cannot be opened: the subject's last round is still open or unrevealed.
  case roundInProgress(subject: SubjectID, round: String, state: SealedRound.State)
  /// No sealed round of that name is open (or, for `reveal`, closed) on the subject.
  case noSealedRound(subject: SubjectID, name: String?, expected: SealedRound.State)
  /// A seal after the round's deadline.
  case deadlinePassed(subject: SubjectID, round: String, until: Int64)
  /// Sealing needs a recipient for someone who has none in the registry.
  case noRecipient(reviewer: ReviewerID?, subject: SubjectID)
  /// A sealed round with nobody to seal: no counted panelist in the registry or the subject.
  case noPanel(subject: SubjectID)
  /// Opening a sealed file needs a private key, and none is configured.
  case noIdentity
  /// An identity file that does not read, or a sealed file that does not open.
  case age(path: String, AgeError)
  /// A sealed file whose plaintext does not match its commitment, or is no evaluation of it.
  case sealBroken(path: String, reason: String)
  /// Nothing to reveal for the reviewer (no seal, already revealed, or not openable).
  case nothingToReveal(subject: SubjectID, reviewer: ReviewerID?)

  /// What went wrong, in words for people.
  public var description: String {
    switch self {
    case .io(let path, let message):
      return "\(path): \(message)"
    case .git(let error):
      return error.description
    case .notAReviewFile(let path):
      return "\(path): not a review file (reviews/<subject>/<file>.yaml)"
    case .noReviewerID:
      return "no reviewer id: name one, set REVIEW_REVIEWER, or set git config user.email"
    case .roundExists(let name, let subject, let tag):
      return "round '\(name)' of '\(subject)' exists already (tag \(tag))"
    case .roundNotFound(let name):
      return "round '\(name)' was not found after tagging"
    case .noRemote(let available):
      return available.isEmpty ? "no remote to sync with" : "several remotes; name one"
    case .pushRefused(let remote, let local, let branch, let reason):
      return "\(remote) refused the push of \(local) to \(branch): \(reason)"
    case .remoteKeptMoving(let remote, let attempts):
      return "\(remote) kept moving: the push was rejected \(attempts) times"
    case .mergeInProgress:
      return "a merge is in progress"
    case .uncommittedChanges(let path):
      return "\(path) has uncommitted changes; commit or stash them before merging"
    case .noMergeInProgress(let review):
      return review ? "no review merge in progress" : "no merge in progress"
    case .conflictsLeft(let count):
      return "\(count) conflict\(count == 1 ? "" : "s") left"
    case .gitConflictsLeft(let paths):
      let shown = paths.prefix(3).joined(separator: ", ") + (paths.count > 3 ? ", …" : "")
      return
        "\(paths.count) file\(paths.count == 1 ? "" : "s") outside the review files still in conflict (\(shown)); fix them and 'git add' them first"
    case .octopusMerge(let heads):
      return "git is merging \(heads) commits at once; review takes up a merge of one"
    case .headMoved:
      return "HEAD moved since the merge started"
    case .unreadableMergeState(let path):
      return "\(path): unreadable merge state"
    case .committedFileBroken(let path, _, let problems):
      return
        "\(path) as committed does not read, so no change can apply to it:\n"
        + problems.map(\.description).joined(separator: "\n")
    case .invalidLink(_, let reason):
      return reason
    case .noSuchLink(let link, let subject):
      return "subject '\(subject)' has no link '\(link)'"
    case .notABareHub(let path, let reason):
      return "\(path) is a repository already and \(reason); a hub is made in a new folder"
    case .notADate(let text, let revisionAllowed):
      return revisionAllowed
        ? "'\(text)' is neither a date nor a revision" : "'\(text)' is not a date"
    case .unknownReviewer(let reviewer, let subject):
      return
        "'\(reviewer)' has no evaluation\(subject.map { " of '\($0)'" } ?? "") in this history"
    case .noConflict(let location, let criterion):
      return "no conflict in \(location.path)\(criterion.map { " for '\($0)'" } ?? "")"
    case .wholeFileTakesASide(let location):
      return "a whole-file conflict (\(location.path)) is settled by one side, ours or theirs"
    case .valuesNeedACriterion:
      return "values settle a criterion's fields; give the criterion, or take one side"
    case .unreadableMergedFile(let path):
      return "\(path): the merged file cannot be read"
    case .invalidIncoming(let revision, let problems):
      return "\(revision) brings settings or templates that do not validate; nothing merged:\n"
        + problems.map(\.description).joined(separator: "\n")
    case .importedTwice(let path, let subject, let from):
      return "\(path): subject '\(subject)' was already imported from \(from) in this run"
    case .subjectFrameworkDiffers(let path, let subject, let framework, let imported):
      return "\(path): subject '\(subject)' is assessed against \(framework), not \(imported)"
    case .badConfig(let key, let value, let expected):
      return "git config \(key): '\(value)' is not \(expected)"
    case .unsupportedSigningFormat(let format):
      return
        "gpg.format is '\(format)': review signs with SSH keys only (git config gpg.format ssh)"
    case .noSigningKey:
      return "signing is on but user.signingkey is not set (a key file, a .pub file or key::...)"
    case .signing(let error):
      return error.description
    case .notTheReviewer(let reviewer, let identity, let owner):
      let whose = owner.map { " (\($0)'s)" } ?? ""
      return
        "\(identity)\(whose) is not \(reviewer)'s identity: only \(reviewer) may write \(reviewer)'s evaluations"
    case .notAChair(let identity, let owner):
      let whose = owner.map { " (\($0)'s)" } ?? ""
      return "\(identity)\(whose) is not a chair's: only a chair may write on someone's behalf"
    case .notRegistered(let reviewer):
      return
        "under review.yaml's policy, writing as \(reviewer) needs \(reviewer) in the registry with an e-mail or a key (a chair registers reviewers)"
    case .chairOnly(let action, let problem):
      return "only a chair may \(action): \(problem)"
    case .unverifiedIncoming(let revision, let violations):
      return
        "\(revision) brings \(violations.count) violation\(violations.count == 1 ? "" : "s") of the policy; nothing merged:\n"
        + violations.map(\.description).joined(separator: "\n")
    case .subjectSealed(let status):
      return "\(status.subject) is sealed: \(SealText.summary(status))"
    case .roundInProgress(let subject, let round, let state):
      return state == .open
        ? "the sealed round '\(round)' of \(subject) is still open (close it with 'review round close \(subject) \(round)')"
        : "the sealed round '\(round)' of \(subject) is closed but not yet revealed (see 'review reveal \(subject)')"
    case .noSealedRound(let subject, let name, let expected):
      let round = name.map { "round '\($0)'" } ?? "sealed round"
      return "no \(round) of \(subject) is \(expected.rawValue)"
    case .deadlinePassed(let subject, let round, let until):
      return
        "the sealed round '\(round)' of \(subject) took seals until \(SealedRound.isoDate(until)); it is past its deadline"
    case .noRecipient(let reviewer, let subject):
      guard let reviewer else {
        return
          "no chair in review.yaml has an ssh-ed25519 key or an age recipient; sealing \(subject) needs one"
      }
      return
        "\(reviewer) has no ssh-ed25519 key or age recipient in review.yaml; sealing \(subject) needs one (add 'keys:' or 'recipients:')"
    case .noPanel(let subject):
      return
        "a sealed round of \(subject) needs a panel: register panelists in review.yaml (reviewers:)"
    case .noIdentity:
      return
        "no key to open sealed files: set git config review.identity to an age or OpenSSH private key file"
    case .age(let path, let error):
      return "\(path): \(error)"
    case .sealBroken(let path, let reason):
      return "\(path): \(reason)"
    case .nothingToReveal(let subject, let reviewer):
      return reviewer.map { "\($0) has no sealed evaluation of \(subject) to reveal" }
        ?? "no sealed evaluation of \(subject) that this identity opens is left to reveal"
    }
  }
}

/// Sealed rounds in words, shared by errors and every renderer.
public enum SealText {
  /// One line: the round, its state and deadline, and who has submitted out of how many.
  public static func summary(_ status: SealStatus) -> String {
    var text = "sealed round '\(status.round.name)' \(status.round.state.rawValue)"
    if status.round.state == .open, let until = status.round.until {
      text += " until \(SealedRound.isoDate(until))"
    }
    text += ", \(status.submittedCount) of \(status.expectedCount) submitted"
    if status.round.state == .closed {
      text += ", \(status.revealed.count) revealed"
    }
    return text
  }
}

/// Runs a git-layer call and wraps its error in `StoreError.git`.
func wrapGit<T>(_ body: () throws -> T) throws -> T {
  do {
    return try body()
  } catch let error as GitError {
    throw StoreError.git(error)
  }
}
