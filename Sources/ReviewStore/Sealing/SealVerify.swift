import Foundation
import GitKit
import ReviewCodec
import ReviewCore

extension Verifier {
  /// The problems of a commit with the sealed rounds as of its first parent, by path, policy
  /// or not: a seal outside an open round or after its deadline, a reveal before the close or
  /// unlike its seal, an evaluation committed in the clear while its round hides it.
  func sealProblems(of id: ObjectID) throws -> [String: String] {
    let git = repository.git
    let commit = try wrapGit { try git.commit(id) }
    let parent = try commit.parents.first.map { first in try wrapGit { try git.commit(first).tree }
    }
    func blob(_ path: String, in tree: ObjectID?) throws -> ObjectID? {
      guard let tree else { return nil }
      return try wrapGit { try git.entry(at: path, in: tree) }.flatMap {
        $0.kind == .file || $0.kind == .executable ? $0.id : nil
      }
    }
    func data(_ id: ObjectID?) throws -> Data? {
      try id.flatMap { id in try wrapGit { try git.blob(id, limit: maximumFileSize) } }
    }
    var problems: [String: String] = [:]
    let reviews = try [parent, commit.tree].map { (tree: ObjectID?) -> TreeEntry? in
      guard let tree else { return nil }
      return try wrapGit { try git.entry(at: FileLocation.reviewsFolder, in: tree) }
    }
    let subjects = try wrapGit {
      try git.changedEntries(from: reviews[0]?.id, to: reviews[1]?.id)
    }.filter(\.isDirectory)
    let isMerge = commit.parents.count > 1
    for change in subjects {
      let subject = SubjectID(change.name)
      guard Identifier.isValid(subject) else { continue }
      // Only a subject that has had a sealed round is read further: any other folder, however
      // hostile, is the evaluations' readers' to name.
      let sealedFolder = SealLocation.folder(subject)
      let hasRound = [parent, commit.tree].contains { tree in
        guard let tree else { return false }
        return ((try? git.entry(at: sealedFolder, in: tree)) ?? nil) != nil
      }
      guard hasRound else { continue }
      let roundPath = SealLocation.round(subject).path
      let before = try data(try blob(roundPath, in: parent)).flatMap { bytes in
        (try? YAMLDocument.parse(bytes, path: roundPath).orThrow()).flatMap {
          SealedRound.read($0).0
        }
      }
      let folder = FileLocation.subjectFolder(subject)
      var changed: Set<String> = []
      for file in try wrapGit({ try git.changedEntries(from: change.old, to: change.new) }) {
        if file.name == SealLocation.folderName, file.isDirectory {
          for sealed in try wrapGit({ try git.changedEntries(from: file.old, to: file.new) }) {
            changed.insert(SealLocation.folder(subject) + "/" + sealed.name)
          }
        } else if !file.isDirectory {
          changed.insert(folder + "/" + file.name)
        }
      }
      for path in changed.sorted() {
        let new = try blob(path, in: commit.tree)
        if let location = SealLocation(path: path) {
          switch location {
          case .round:
            continue
          case .seal:
            guard let new else { continue }
            if isMerge {
              if before?.state == .closed {
                problems[path] = "a seal came in by a merge after round '\(before!.name)' closed"
              }
              continue
            }
            guard let round = before, round.state == SealedRound.State.open else {
              problems[path] =
                before.map { "sealed after round '\($0.name)' closed" }
                ?? "sealed while no round was open"
              continue
            }
            let seal = try SealFile.seal(of: try data(new) ?? Data(), path: path)
            if seal.round != round.name {
              problems[path] = "the seal names round '\(seal.round)', not '\(round.name)'"
            } else if let until = round.until, commit.author.time > until {
              problems[path] =
                "sealed at \(SealedRound.isoDate(commit.author.time)), after round '\(round.name)' took seals (until \(SealedRound.isoDate(until)))"
            }
          case .nonce(_, let reviewer):
            guard let new else { continue }
            if !isMerge, before?.state != .closed {
              problems[path] = "revealed before its round closed"
              continue
            }
            let sealPath = SealLocation.seal(subject, reviewer).path
            let sealBlob = try blob(sealPath, in: commit.tree)
            if !isMerge, sealBlob != (try blob(sealPath, in: parent)) {
              problems[path] = "the seal changed in the commit that reveals it"
              continue
            }
            let evaluationPath = FileLocation.evaluation(subject: subject, reviewer: reviewer).path
            guard let sealData = try data(sealBlob),
              let seal = try? SealFile.seal(of: sealData, path: sealPath),
              let (nonceRound, nonce) = SealFile.readNonce(try data(new) ?? Data()),
              let revealed = try data(try blob(evaluationPath, in: commit.tree))
            else {
              problems[path] = "a reveal without its seal, nonce or evaluation"
              continue
            }
            if nonceRound != seal.round {
              problems[path] = "the nonce is of round '\(nonceRound)', the seal of '\(seal.round)'"
              continue
            }
            if SealFile.commitment(nonce: nonce, evaluation: Array(revealed)) != seal.commitment {
              problems[evaluationPath] = "the revealed evaluation differs from its seal"
            }
          }
          continue
        }
        guard !isMerge, case .evaluation(_, let reviewer) = FileLocation(path: path),
          let round = before, round.panel.contains(reviewer)
        else { continue }
        let nonce = SealLocation.nonce(subject, reviewer).path
        if round.state == .open {
          problems[path] = "committed in the clear while sealed round '\(round.name)' is open"
        } else if let sealed = try data(
          try blob(SealLocation.seal(subject, reviewer).path, in: parent)),
          (try? SealFile.seal(of: sealed, path: SealLocation.seal(subject, reviewer).path))?.round
            == round.name,
          SealFile.readNonce(try data(try blob(nonce, in: commit.tree)) ?? Data())?.round
            != round.name
        {
          problems[path] = "changed before its seal in round '\(round.name)' was revealed"
        }
      }
    }
    return problems
  }
}
