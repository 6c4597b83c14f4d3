import Foundation
import Testing

@testable import ReviewKit

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
