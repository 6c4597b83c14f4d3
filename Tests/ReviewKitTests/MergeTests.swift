import Foundation
import Testing

@testable import ReviewKit

/// Random evaluations and random concurrent edits of them by the same reviewer on two branches.
private struct Edits {
  var generator: SeededGenerator
  let criteria = [
    "datasets", "model-card", "training-code", "research-paper", "model-architecture",
  ]
  let levels = ["closed", "restricted", "open"]
  let licenses: [String?] = [nil, "Apache-2.0", "MIT", "LicenseRef-Custom"]
  let notes: [String?] = [nil, "first reading", "second reading", "after the call"]
  let confidences: [Confidence?] = [nil, .low, .medium, .high]
  let urls = ["https://a.example", "https://b.example", "https://c.example", "https://d.example"]

  mutating func chance(_ percent: Int) -> Bool {
    Int.random(in: 0..<100, using: &generator) < percent
  }

  mutating func pick<T>(_ values: [T]) -> T { values.randomElement(using: &generator)! }

  mutating func judgement() -> Judgement {
    Judgement(
      level: pick(levels), license: pick(licenses), evidence: urls.filter { _ in chance(40) },
      note: pick(notes), confidence: pick(confidences),
      unknownFields: chance(30)
        ? [YAMLField("x-source", .scalar(pick(["mot", "osai", "panel"]), plain: true))] : [])
  }

  mutating func evaluation() -> Evaluation {
    var evaluation = Evaluation(subject: "s", reviewer: "alice", framework: "mof-1.0")
    for id in criteria where chance(70) { evaluation.judgements[id] = judgement() }
    if chance(50) {
      evaluation.unknownFields = [YAMLField("round", .scalar(pick(["1", "2"]), plain: true))]
    }
    return evaluation
  }

  /// A branch's edits: some judgements removed, added, or changed field by field.
  mutating func edit(_ base: Evaluation) -> Evaluation {
    var result = base
    for id in criteria {
      if var judgement = result.judgements[id] {
        if chance(10) {
          result.judgements[id] = nil
          continue
        }
        if chance(30) { judgement.level = pick(levels) }
        if chance(20) { judgement.license = pick(licenses) }
        if chance(20) { judgement.note = pick(notes) }
        if chance(15) { judgement.confidence = pick(confidences) }
        if chance(25) { judgement.evidence.removeAll { _ in chance(50) } }
        if chance(25) {
          for url in urls where chance(30) && !judgement.evidence.contains(url) {
            judgement.evidence.append(url)
          }
        }
        if chance(15) {
          judgement.unknownFields = [
            YAMLField("x-source", .scalar(pick(["mot", "osai", "panel"]), plain: true))
          ]
        }
        result.judgements[id] = judgement
      } else if chance(25) {
        result.judgements[id] = judgement()
      }
    }
    if chance(20) {
      result.unknownFields = [YAMLField("round", .scalar(pick(["1", "2", "3"]), plain: true))]
    }
    return result
  }
}

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
