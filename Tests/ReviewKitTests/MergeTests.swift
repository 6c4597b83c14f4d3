import Foundation
import GitKit
import TestSupport
import Testing

@testable import ReviewCodec
@testable import ReviewCore
@testable import ReviewRendering
@testable import ReviewStore

@Suite struct MergeTests {
  /// Every change from either side survives; conflicts appear exactly where both sides changed a
  /// field differently; unknown fields survive.
  @Test func concurrentEditsMergeFieldByField() {
    var edits = Edits(generator: SeededGenerator(seed: 4_242))
    for _ in 0..<500 {
      let base = edits.evaluation()
      let ours = edits.edit(base)
      let theirs = edits.edit(base)
      let result = SemanticMerge.merge(
        base: base, ours: ours, theirs: theirs, subject: "s", reviewer: "alice")
      let merged = result.merged!
      var expected: Set<String> = []
      for id in edits.criteria {
        let (b, o, t) = (base.judgements[id], ours.judgements[id], theirs.judgements[id])
        let m = merged.judgements[id]
        if o == t { #expect(m == o); continue }
        if t == b { #expect(m == o); continue }
        if o == b { #expect(m == t); continue }
        guard let o, let t else {
          expected.insert("\(id).judgement")
          continue
        }
        let m2 = m!
        func check<T: Equatable>(_ field: String, _ value: (Judgement?) -> T) {
          let (vb, vo, vt, vm) = (value(b), value(o), value(t), value(m2))
          if vo == vt || vt == vb {
            #expect(vm == vo, "\(id).\(field)")
          } else if vo == vb {
            #expect(vm == vt, "\(id).\(field)")
          } else {
            expected.insert("\(id).\(field)")
          }
        }
        check("level") { $0?.level }
        check("license") { $0?.license }
        check("note") { $0?.note }
        check("confidence") { $0?.confidence }
        check("x-source") { $0?.unknownFields.first { $0.key == "x-source" }?.value }
        let before = Set(b?.evidence ?? [])
        for url in edits.urls {
          let added =
            (!before.contains(url)) && (o.evidence.contains(url) || t.evidence.contains(url))
          let removed =
            before.contains(url) && (!o.evidence.contains(url) || !t.evidence.contains(url))
          let kept = before.contains(url) && !removed
          #expect(m2.evidence.contains(url) == (added || kept), "\(id) evidence \(url)")
        }
      }
      let (rb, ro, rt) = (
        base.unknownFields.first?.value, ours.unknownFields.first?.value,
        theirs.unknownFields.first?.value
      )
      if ro != rt && ro != rb && rt != rb {
        expected.insert("round")
      } else {
        #expect(merged.unknownFields.first?.value == (ro == rt || rt == rb ? ro : rt))
      }
      let found = Set(result.conflicts.map { ($0.criterion.map { "\($0)." } ?? "") + $0.field })
      #expect(found == expected)
    }
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
      let files = try ReviewRepository(git: git).reviewFilesToMerge(
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
