import Foundation
import Yams

/// What a framework derives from judgements: a class, a score or a vote band.
public enum Outcome: Hashable, Sendable {
  case tiers(TiersOutcome)
  case score(ScoreOutcome)
  case voteRubric(VoteRubricOutcome)

  public var id: String {
    switch self {
    case .tiers(let outcome): return outcome.id
    case .score(let outcome): return outcome.id
    case .voteRubric(let outcome): return outcome.id
    }
  }
}

/// Ordered, cumulative tiers (as MOF classes): tier k requires the criteria of tiers 1...k at
/// `countsAt` or above. A tier's progress is the share of its cumulative criteria met, and 0
/// while a lower tier is not fully met; the value is the highest tier met in full.
public struct TiersOutcome: Hashable, Sendable {
  public struct Tier: Hashable, Sendable {
    public var id: String
    public var label: String
    public var criteria: [String]
  }

  /// A criterion another may stand in for (MOF: a research paper for the technical report).
  public struct Substitute: Hashable, Sendable {
    public var criterion: String
    public var by: String
  }

  public var id: String
  public var title: String
  /// The lowest level at which a criterion counts as met.
  public var countsAt: String
  /// Least demanding first.
  public var tiers: [Tier]
  public var substitutes: [Substitute]
  /// The value when no tier is met.
  public var none: (id: String, label: String)

  public static func == (lhs: TiersOutcome, rhs: TiersOutcome) -> Bool {
    lhs.id == rhs.id && lhs.title == rhs.title && lhs.countsAt == rhs.countsAt
      && lhs.tiers == rhs.tiers && lhs.substitutes == rhs.substitutes && lhs.none == rhs.none
  }

  public func hash(into hasher: inout Hasher) {
    hasher.combine(id)
    hasher.combine(tiers)
  }
}

/// The mean or sum of level values over criteria (the OSAI Index's "% open", FMTI's points).
public struct ScoreOutcome: Hashable, Sendable {
  public enum Method: String, Hashable, Sendable { case mean, sum }
  public var id: String
  public var title: String
  public var method: Method
  /// Report a mean as a percentage of the scale's top value.
  public var percent: Bool
  /// The criteria scored; nil for all.
  public var criteria: [String]?
}

/// The OSI working groups' tally (2024): each reviewer's votes per group of criteria are counted,
/// µ is the mean count over groups, and each group falls in the first band whose multiple of µ
/// its count reaches.
public struct VoteRubricOutcome: Hashable, Sendable {
  public struct Band: Hashable, Sendable {
    public var id: String
    public var label: String
    /// The multiple of µ a group's votes must reach.
    public var atLeast: Fraction
  }

  public var id: String
  public var title: String
  /// A judgement at or above this level is a vote.
  public var countsAt: String
  /// Highest first.
  public var bands: [Band]
}

extension Outcome {
  /// Reads the `outcomes` list of a framework, checking criteria and levels against it.
  static func readAll(
    _ node: Node, framework criteria: [Criterion], levels: [Level], reader: inout MappingReader
  ) -> [Outcome] {
    guard case .sequence(let items) = node else {
      reader.fail(node.mark, "'outcomes' must be a list")
      return []
    }
    let criterionIDs = Set(criteria.map(\.id))
    let levelIDs = Set(levels.map(\.id))
    var outcomes: [Outcome] = []
    for item in items {
      var fields = MappingReader(
        item, path: reader.path, what: "an outcome", diagnostics: &reader.diagnostics)
      defer { reader.diagnostics += fields.diagnostics }
      guard let id = fields.identifier("id", kind: "outcome") else { continue }
      let title = fields.string("title")?.text ?? id.text
      guard let (type, typeMark) = fields.string("type", required: true) else { continue }
      func criteriaList(_ key: String, in reader: inout MappingReader) -> [String]? {
        guard let list = reader.strings(key) else { return nil }
        for (text, mark) in list where !criterionIDs.contains(text) {
          reader.fail(mark, "unknown criterion '\(text)' in outcome '\(id.text)'")
        }
        return list.map(\.text)
      }
      func level(_ key: String, in reader: inout MappingReader) -> String? {
        guard let (text, mark) = reader.string(key, required: true) else { return nil }
        if !levelIDs.contains(text) {
          reader.fail(mark, "unknown level '\(text)' in outcome '\(id.text)'")
        }
        return text
      }
      switch type {
      case "tiers":
        let countsAt = level("counts-at", in: &fields)
        var tiers: [TiersOutcome.Tier] = []
        if let (node, _) = fields.node("tiers"), case .sequence(let tierNodes) = node,
          !tierNodes.isEmpty
        {
          for tierNode in tierNodes {
            var tier = MappingReader(
              tierNode, path: reader.path, what: "a tier", diagnostics: &fields.diagnostics)
            if let tierID = tier.identifier("id", kind: "tier") {
              let label = tier.string("label")?.text ?? tierID.text
              tiers.append(
                .init(
                  id: tierID.text, label: label, criteria: criteriaList("criteria", in: &tier) ?? []
                ))
            }
            _ = tier.unknownFields()
            fields.diagnostics += tier.diagnostics
          }
        } else {
          fields.fail(item.mark, "a tiers outcome needs a non-empty list of 'tiers'")
        }
        var substitutes: [TiersOutcome.Substitute] = []
        if let (node, _) = fields.node("substitutes"), case .sequence(let substituteNodes) = node {
          for substituteNode in substituteNodes {
            var substitute = MappingReader(
              substituteNode, path: reader.path, what: "a substitute",
              diagnostics: &fields.diagnostics)
            let criterion = substitute.string("criterion", required: true)
            let by = substitute.string("by", required: true)
            for (text, mark) in [criterion, by].compactMap({ $0 })
            where !criterionIDs.contains(text) {
              substitute.fail(mark, "unknown criterion '\(text)' in outcome '\(id.text)'")
            }
            _ = substitute.unknownFields()
            fields.diagnostics += substitute.diagnostics
            if let criterion, let by {
              substitutes.append(.init(criterion: criterion.text, by: by.text))
            }
          }
        }
        var none = (id: "none", label: "None")
        if let (node, _) = fields.node("none") {
          var noneReader = MappingReader(
            node, path: reader.path, what: "'none'", diagnostics: &fields.diagnostics)
          if let noneID = noneReader.identifier("id", kind: "tier") {
            none = (noneID.text, noneReader.string("label")?.text ?? noneID.text)
          }
          _ = noneReader.unknownFields()
          fields.diagnostics += noneReader.diagnostics
        }
        if let countsAt, !tiers.isEmpty {
          outcomes.append(
            .tiers(
              TiersOutcome(
                id: id.text, title: title, countsAt: countsAt, tiers: tiers,
                substitutes: substitutes,
                none: none)))
        }
      case "score":
        var method = ScoreOutcome.Method.mean
        if let (text, mark) = fields.string("method") {
          if let parsed = ScoreOutcome.Method(rawValue: text) {
            method = parsed
          } else {
            fields.fail(mark, "score method '\(text)' is not one of mean, sum")
          }
        }
        let percent = fields.string("percent")?.text == "true"
        let criteria = criteriaList("criteria", in: &fields)
        outcomes.append(
          .score(
            ScoreOutcome(
              id: id.text, title: title, method: method, percent: percent, criteria: criteria)))
      case "vote-rubric":
        let countsAt = level("counts-at", in: &fields)
        var bands: [VoteRubricOutcome.Band] = []
        if let (node, _) = fields.node("bands"), case .sequence(let bandNodes) = node,
          !bandNodes.isEmpty
        {
          for bandNode in bandNodes {
            var band = MappingReader(
              bandNode, path: reader.path, what: "a band", diagnostics: &fields.diagnostics)
            let bandID = band.identifier("id", kind: "band")
            let label = band.string("label")?.text
            var atLeast: Fraction?
            if let (text, mark) = band.string("at-least", required: true) {
              atLeast = Fraction(parsing: text)
              if atLeast == nil {
                band.fail(
                  mark, "'at-least' '\(text)' must be a number of times the mean, such as 2 or 1.5")
              }
            }
            _ = band.unknownFields()
            fields.diagnostics += band.diagnostics
            if let bandID, let atLeast {
              bands.append(.init(id: bandID.text, label: label ?? bandID.text, atLeast: atLeast))
            }
          }
        } else {
          fields.fail(item.mark, "a vote-rubric outcome needs a non-empty list of 'bands'")
        }
        if let countsAt, !bands.isEmpty {
          outcomes.append(
            .voteRubric(
              VoteRubricOutcome(
                id: id.text, title: title, countsAt: countsAt,
                bands: bands.sorted { $0.atLeast > $1.atLeast })))
        }
      default:
        fields.fail(typeMark, "outcome type '\(type)' is not one of tiers, score, vote-rubric")
      }
      _ = fields.unknownFields()
    }
    return outcomes
  }
}
