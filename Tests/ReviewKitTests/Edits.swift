import Foundation
import TestSupport

@testable import ReviewCodec
@testable import ReviewCore
@testable import ReviewRendering
@testable import ReviewStore

/// Random evaluations and random edits of them, for property tests of merging and history.
struct Edits {
  var generator: SeededGenerator
  let criteria: [CriterionID] = [
    "datasets", "model-card", "training-code", "research-paper", "model-architecture",
  ]
  let levels: [LevelID] = ["closed", "restricted", "open"]
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
