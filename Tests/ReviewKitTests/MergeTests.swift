import Foundation
import GitKit
import TestSupport
import Testing

@testable import ReviewCodec
@testable import ReviewCore
@testable import ReviewRendering
@testable import ReviewStore

@Suite struct MergeTests {
  private func merge(_ base: Evaluation?, _ ours: Evaluation?, _ theirs: Evaluation?)
    -> EvaluationMerge
  {
    SemanticMerge.merge(base: base, ours: ours, theirs: theirs, subject: "s", reviewer: "alice")
  }

  /// Where a change is: the criterion, the field, and for a set field the item.
  private func place(_ change: JudgementChange) -> String {
    let field = JudgementField(key: change.field)
    let item = field?.shape == .set ? " " + (change.old ?? change.new ?? "") : ""
    return "\(change.criterion ?? "-").\(change.field)\(item)"
  }

  /// The changes from `base` to `other`, by place, as the semantic diff (not the merge) sees them.
  private func changes(_ base: Evaluation?, _ other: Evaluation?) -> [String: JudgementChange] {
    Dictionary(
      SemanticDiff.changes(from: base, to: other, subject: "s", reviewer: "alice").map {
        (place($0), $0)
      }, uniquingKeysWith: { first, _ in first })
  }

  /// Merging is idempotent and a side that changed nothing gives way:
  /// merge(b, x, x) = x, merge(b, b, t) = t, merge(b, o, b) = o, with no conflicts.
  @Test func aSideThatChangedNothingGivesWay() {
    var edits = Edits(generator: SeededGenerator(seed: 4_242))
    for _ in 0..<500 {
      let base = edits.evaluation()
      let x = edits.edit(base)
      for (result, expected) in [
        (merge(base, x, x), x), (merge(base, base, x), x), (merge(base, x, base), x),
      ] {
        #expect(result.merged == expected)
        #expect(result.conflicts.isEmpty)
      }
    }
  }

  /// Swapping ours and theirs swaps the two values of every conflict and nothing else; with no
  /// conflict the two merges say the same (evidence is a set, so only its order may differ).
  @Test func swappingTheSidesMirrorsTheConflicts() {
    var edits = Edits(generator: SeededGenerator(seed: 77))
    func mirrored(_ conflict: MergeConflict) -> MergeConflict {
      var swapped = conflict
      (swapped.ours, swapped.theirs) = (conflict.theirs, conflict.ours)
      return swapped
    }
    func unordered(_ evaluation: Evaluation?) -> Evaluation? {
      guard var evaluation else { return nil }
      for id in evaluation.judgements.keys { evaluation.judgements[id]!.evidence.sort() }
      return evaluation
    }
    var conflicted = 0
    for _ in 0..<500 {
      let base = edits.evaluation()
      let (ours, theirs) = (edits.edit(base), edits.edit(base))
      let forward = merge(base, ours, theirs)
      let backward = merge(base, theirs, ours)
      #expect(Set(backward.conflicts) == Set(forward.conflicts.map(mirrored)))
      if forward.conflicts.isEmpty {
        #expect(unordered(forward.merged) == unordered(backward.merged))
      } else {
        conflicted += 1
      }
    }
    // The generator must make both kinds of case for the law to say anything.
    #expect(conflicted > 50 && conflicted < 450)
  }

  /// Every change made on one side only (a place the other side left alone) is in the merge,
  /// and every conflict is at a place both sides changed.
  @Test func everyOneSidedChangeSurvives() {
    var edits = Edits(generator: SeededGenerator(seed: 9_001))
    var survived = 0
    for _ in 0..<500 {
      let base = edits.evaluation()
      let (ours, theirs) = (edits.edit(base), edits.edit(base))
      let result = merge(base, ours, theirs)
      let (mine, yours) = (changes(base, ours), changes(base, theirs))
      let merged = changes(base, result.merged)
      // A whole judgement removed on one side and edited on the other is one conflict.
      let wholly = Set(
        result.conflicts.filter { $0.field == "judgement" }.compactMap(\.criterion))
      for (side, other) in [(mine, yours), (yours, mine)] {
        for (place, change) in side where other[place] == nil {
          if let criterion = change.criterion, wholly.contains(criterion) { continue }
          #expect(merged[place] == change, "\(place)")
          survived += 1
        }
      }
      for conflict in result.conflicts where conflict.field != "judgement" {
        let place = "\(conflict.criterion ?? "-").\(conflict.field)"
        #expect(mine[place] != nil && yours[place] != nil, "\(place)")
      }
    }
    #expect(survived > 1_000)
  }

  /// Only review files that differ somewhere are merged, each with its three blobs; folders
  /// alike in all three trees, files that are folders, and other files are left out.
  @Test func reviewFilesToMergeAreThoseThatDiffer() throws {
    try withTemporaryFolder { folder in
      let git = try Repository.create(at: folder + "/r.git", bare: true)
      func tree(_ files: [String: String]) throws -> ObjectID {
        try git.tree(
          byUpdating: nil,
          setting: try files.sorted { $0.key < $1.key }.map {
            ($0.key, try git.writeBlob(Data($0.value.utf8)))
          })
      }
      let common = [
        "reviews/same/alice.yaml": "same", "reviews/b/alice.yaml": "b", "reviews/d/x.yaml": "d",
        "README.md": "one",
      ]
      let base = try tree(common)
      var ours = common
      ours["reviews/b/alice.yaml"] = "b changed"
      ours["README.md"] = "two"
      ours["reviews/e/oops.yaml/inner.txt"] = "a folder with a .yaml name"
      var theirs = common
      theirs["reviews/c/bob.yaml"] = "new"
      theirs["reviews/d/x.yaml"] = nil
      let files = try MergeSession(ReviewRepository(git: git)).reviewFilesToMerge(
        base: base, ours: try tree(ours), theirs: try tree(theirs))
      func blob(_ text: String) throws -> ObjectID { try git.writeBlob(Data(text.utf8)) }
      #expect(
        files.map(\.path) == ["reviews/b/alice.yaml", "reviews/c/bob.yaml", "reviews/d/x.yaml"])
      #expect(files[0].blobs == [try blob("b"), try blob("b changed"), try blob("b")])
      #expect(files[1].blobs == [nil, nil, try blob("new")])
      #expect(files[2].blobs == [try blob("d"), try blob("d"), nil])
    }
  }

  @Test func deletingWhatTheOtherSideEditedIsAConflict() {
    let base = Evaluation(
      subject: "s", reviewer: "a", framework: "f", judgements: ["x": Judgement(level: "open")])
    var edited = base
    edited.judgements["x"]?.note = "changed"
    let result = SemanticMerge.merge(
      base: base, ours: nil, theirs: edited, subject: "s", reviewer: "a")
    #expect(result.conflicts.map(\.field) == ["file"])
    #expect(
      SemanticMerge.merge(base: base, ours: nil, theirs: base, subject: "s", reviewer: "a").merged
        == nil)
    #expect(
      SemanticMerge.merge(base: nil, ours: nil, theirs: edited, subject: "s", reviewer: "a").merged
        == edited)
  }
}
