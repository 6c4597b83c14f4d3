import Foundation
import ReviewCodec
import ReviewCore
import ReviewStore

/// The stable JSON shapes of consensus reports, as the README documents them.
private struct AnyKey: CodingKey {
  var stringValue: String
  var intValue: Int? { nil }
  init(_ string: String) { stringValue = string }
  init?(stringValue: String) { self.stringValue = stringValue }
  init?(intValue: Int) { nil }
}

extension Statistic {
  /// Encodes the value, or null with the reason under `reasons`.
  fileprivate func encode(
    _ key: String, into container: inout KeyedEncodingContainer<AnyKey>,
    reasons: inout [String: String]
  ) throws {
    try container.encode(value, forKey: AnyKey(key))
    if let reason { reasons[key] = reason }
  }
}

extension AgreementReport: Encodable {
  /// Encodes the JSON shape the README documents.
  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: AnyKey.self)
    var reasons: [String: String] = [:]
    try container.encode(metric, forKey: AnyKey("metric"))
    try alpha.encode("alpha", into: &container, reasons: &reasons)
    try percentAgreement.encode("percent_agreement", into: &container, reasons: &reasons)
    try fleissKappa.encode("fleiss_kappa", into: &container, reasons: &reasons)
    try container.encode(pairableUnits, forKey: AnyKey("pairable_units"))
    try encode(alphaBootstrap, into: &container)
    try encode(gwet, "gwet", name: gwetWeights == .identity ? "AC1" : "AC2", into: &container)
    try encode(fleiss, "fleiss", name: "Fleiss' kappa", into: &container)
    var thresholds = container.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("reading"))
    try thresholds.encode(reading.reliable, forKey: AnyKey("reliable"))
    try thresholds.encode(reading.tentative, forKey: AnyKey("tentative"))
    try thresholds.encode(reading.minimumUnits, forKey: AnyKey("min_units"))
    try thresholds.encode(reading.confidence, forKey: AnyKey("confidence"))
    try thresholds.encode(reading.draws, forKey: AnyKey("draws"))
    try thresholds.encode(reading.seed, forKey: AnyKey("seed"))
    try container.encode(reasons, forKey: AnyKey("undefined"))
    try container.encode(interpretation, forKey: AnyKey("interpretation"))
  }

  /// Alpha's bootstrap as an object; with a reason in place of figures when it is undefined.
  private func encode(
    _ result: Result<AlphaBootstrap, StatisticUndefined>,
    into container: inout KeyedEncodingContainer<AnyKey>
  ) throws {
    var object = container.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("alpha_bootstrap"))
    switch result {
    case .success(let figures):
      try object.encode([figures.lower, figures.upper], forKey: AnyKey("interval"))
      try object.encode(figures.confidence, forKey: AnyKey("confidence"))
      try object.encode(
        Dictionary(
          uniqueKeysWithValues: figures.below.map { (Format.number($0.key), $0.value) }),
        forKey: AnyKey("below"))
      try object.encode(figures.draws, forKey: AnyKey("draws"))
      try object.encode(figures.pairs, forKey: AnyKey("pairs"))
      try object.encode(figures.seed, forKey: AnyKey("seed"))
    case .failure(let why):
      try object.encodeNil(forKey: AnyKey("interval"))
      try object.encode(why.reason, forKey: AnyKey("undefined"))
    }
  }

  /// A coefficient with its uncertainty as an object; with a reason in place of figures when
  /// it is undefined.
  private func encode(
    _ result: Result<ChanceCorrectedAgreement, StatisticUndefined>, _ key: String, name: String,
    into container: inout KeyedEncodingContainer<AnyKey>
  ) throws {
    var object = container.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey(key))
    try object.encode(name, forKey: AnyKey("name"))
    try object.encode(
      key == "gwet" ? gwetWeights.rawValue : AgreementWeights.identity.rawValue,
      forKey: AnyKey("weights"))
    switch result {
    case .success(let figures):
      try object.encode(figures.value, forKey: AnyKey("value"))
      try object.encode(figures.standardError, forKey: AnyKey("standard_error"))
      try object.encode([figures.lower, figures.upper], forKey: AnyKey("interval"))
      try object.encode(figures.confidence, forKey: AnyKey("confidence"))
      try object.encode(figures.observed, forKey: AnyKey("observed"))
      try object.encode(figures.chance, forKey: AnyKey("chance"))
      try object.encode(figures.units, forKey: AnyKey("units"))
      try object.encode(figures.pairableUnits, forKey: AnyKey("pairable_units"))
    case .failure(let why):
      try object.encodeNil(forKey: AnyKey("value"))
      try object.encode(why.reason, forKey: AnyKey("undefined"))
    }
  }
}

extension CriterionConsensus: Encodable {
  /// Encodes the JSON shape the README documents.
  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: AnyKey.self)
    try container.encode(criterion, forKey: AnyKey("id"))
    try container.encode(values, forKey: AnyKey("values"))
    try container.encode(n, forKey: AnyKey("n"))
    try container.encode(consensus, forKey: AnyKey("consensus"))
    try container.encode(support, forKey: AnyKey("support"))
    try container.encode(status, forKey: AnyKey("status"))
  }
}

extension OutcomeResult: Encodable {
  /// Encodes the JSON shape the README documents.
  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: AnyKey.self)
    try container.encode(id, forKey: AnyKey("id"))
    try container.encode(title, forKey: AnyKey("title"))
    try container.encode(type, forKey: AnyKey("type"))
    try container.encode(value, forKey: AnyKey("value"))
    try container.encode(label, forKey: AnyKey("label"))
    try container.encode(provisional, forKey: AnyKey("provisional"))
    try container.encode(judged, forKey: AnyKey("judged"))
    if !progress.isEmpty {
      try container.encode(
        Dictionary(uniqueKeysWithValues: progress.map { ($0.id, $0.percent) }),
        forKey: AnyKey("progress"))
    }
    if !votes.isEmpty {
      try container.encode(
        Dictionary(uniqueKeysWithValues: votes.map { ($0.group, $0.count) }),
        forKey: AnyKey("votes"))
      try container.encode(mean, forKey: AnyKey("mean"))
    }
    try container.encode(byReviewer, forKey: AnyKey("by_reviewer"))
  }
}

extension ConsensusRule: Encodable {
  /// Encodes the JSON shape the README documents.
  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: AnyKey.self)
    try container.encode(method.rawValue, forKey: AnyKey("method"))
    try container.encode(threshold.description, forKey: AnyKey("threshold"))
    try container.encode(minimumReviewers, forKey: AnyKey("min_reviewers"))
  }
}

extension ConsensusReport: Encodable {
  /// Encodes the JSON shape the README documents.
  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: AnyKey.self)
    try container.encode(subject.id, forKey: AnyKey("subject"))
    try container.encodeIfPresent(subject.title, forKey: AnyKey("title"))
    try container.encode(framework.id, forKey: AnyKey("framework"))
    try container.encode(revision, forKey: AnyKey("revision"))
    try container.encode(rule, forKey: AnyKey("rule"))
    try container.encode(reviewers, forKey: AnyKey("reviewers"))
    try container.encode(criteria, forKey: AnyKey("criteria"))
    try container.encode(agreement, forKey: AnyKey("agreement"))
    var apart = container.nestedContainer(keyedBy: AnyKey.self, forKey: AnyKey("standing_apart"))
    try apart.encode(criteriaByDisagreement.map(DisagreementLine.init), forKey: AnyKey("criteria"))
    try apart.encode(reviewerInfluence.map(InfluenceLine.init), forKey: AnyKey("reviewers"))
    try container.encode(outcomes, forKey: AnyKey("outcomes"))
    // Beside the panel: each evaluation not counted, with why and its levels.
    try container.encode(
      Dictionary(
        uniqueKeysWithValues: setAside.map { entry in
          (
            entry.evaluation.reviewer.rawValue,
            NotCounted(
              reason: entry.reason.jsonName,
              values: entry.evaluation.judgements.mapValues(\.level),
              outcomes: setAsideOutcomes[entry.evaluation.reviewer] ?? [:])
          )
        }), forKey: AnyKey("not_counted"))
    try container.encode(declaredConflicts, forKey: AnyKey("declared_conflicts"))
    try container.encode(
      Dictionary(uniqueKeysWithValues: trust.map { ($0.key.rawValue, $0.value) }),
      forKey: AnyKey("verification"))
  }

  private struct NotCounted: Encodable {
    var reason: String
    var values: [CriterionID: LevelID]
    var outcomes: [String: OutcomeValue]
  }
}

extension SetAside {
  /// The reason's name in JSON.
  var jsonName: String {
    switch self {
    case .reference: return "reference"
    case .chair: return "chair"
    case .conflict: return "conflict"
    }
  }
}

/// A criterion and its disagreement relative to chance, as JSON.
private struct DisagreementLine: Encodable {
  var criterion: CriterionID
  var disagreement: Double

  init(_ line: CriterionDisagreement) {
    criterion = line.criterion
    disagreement = line.disagreement
  }
}

/// A reviewer's bearing on agreement, as JSON.
private struct InfluenceLine: Encodable {
  var reviewer: ReviewerID
  var alphaWithout: Double?
  var alone: [CriterionID]

  init(_ influence: ReviewerInfluence) {
    reviewer = influence.reviewer
    alphaWithout = influence.alphaWithout.value
    alone = influence.alone
  }

  enum CodingKeys: String, CodingKey {
    case reviewer
    case alphaWithout = "alpha_without"
    case alone
  }
}

extension FrameworkAgreement: Encodable {
  /// Encodes the JSON shape the README documents.
  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: AnyKey.self)
    try container.encode(framework, forKey: AnyKey("framework"))
    try container.encode(subjects, forKey: AnyKey("subjects"))
    try container.encode(reviewers, forKey: AnyKey("reviewers"))
    try container.encode(agreement, forKey: AnyKey("agreement"))
  }
}

extension PanelSummary: Encodable {
  private struct SubjectLine: Encodable {
    var subject: SubjectID
    var framework: FrameworkID
    var reviewers: Int
    var agreed: Int
    var contested: Int
    var insufficient: Int
    var alpha: Double?
    var outcomes: [String: OutcomeValue]
    var provisional: [String]
  }

  /// Encodes the JSON shape the README documents.
  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: AnyKey.self)
    try container.encode(revision, forKey: AnyKey("revision"))
    try container.encode(
      subjects.map { report in
        SubjectLine(
          subject: report.subject.id, framework: report.framework.id,
          reviewers: report.reviewers.count,
          agreed: report.criteria.filter { $0.status == .agreed }.count,
          contested: report.criteria.filter { $0.status == .contested }.count,
          insufficient: report.criteria.filter { $0.status == .insufficient }.count,
          alpha: report.agreement.alpha.value,
          outcomes: Dictionary(uniqueKeysWithValues: report.outcomes.map { ($0.id, $0.value) }),
          provisional: report.outcomes.filter(\.provisional).map(\.id))
      }, forKey: AnyKey("subjects"))
    try container.encode(
      Dictionary(uniqueKeysWithValues: failures.map { ($0.subject, $0.error) }),
      forKey: AnyKey("errors"))
    try container.encode(frameworks, forKey: AnyKey("frameworks"))
    try container.encode(
      Dictionary(
        uniqueKeysWithValues: frameworks.map { framework in
          (
            framework.framework.rawValue,
            mostContested(framework.framework).map {
              ContestedLine(criterion: $0.criterion, subjects: $0.subjects)
            }
          )
        }), forKey: AnyKey("most_contested"))
    try container.encode(sealed.map(SealRendering.JSON.init), forKey: AnyKey("sealed"))
  }

  /// A criterion and how many subjects contest it, as JSON.
  private struct ContestedLine: Encodable {
    var criterion: CriterionID
    var subjects: Int
  }
}
