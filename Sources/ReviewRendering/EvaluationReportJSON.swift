import Foundation
import ReviewCodec
import ReviewCore
import ReviewStore

extension EvaluationReport: Encodable {
  private enum Keys: String, CodingKey {
    case revision, subject, title, framework, criteria, evaluations
  }

  private struct EvaluationJSON: Encodable {
    var reviewer: ReviewerID
    var role: Role
    var verification: EvaluationTrust?
    var judgements: [CriterionID: Judgement]
  }

  private struct CriterionJSON: Encodable {
    var id: CriterionID
    var title: String
  }

  /// Encodes the JSON shape the README documents.
  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: Keys.self)
    try container.encode(revision, forKey: .revision)
    try container.encode(subject.id, forKey: .subject)
    try container.encodeIfPresent(subject.title, forKey: .title)
    try container.encode(framework.id, forKey: .framework)
    try container.encode(
      framework.criteria.map { CriterionJSON(id: $0.id, title: $0.title) }, forKey: .criteria)
    try container.encode(
      evaluations.map { evaluation in
        EvaluationJSON(
          reviewer: evaluation.reviewer, role: roles[evaluation.reviewer] ?? .panelist,
          verification: trust[evaluation.reviewer], judgements: evaluation.judgements)
      }, forKey: .evaluations)
  }
}
