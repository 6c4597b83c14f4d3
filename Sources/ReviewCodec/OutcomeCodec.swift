import Foundation
import ReviewCore
import Yams

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
      func criteriaList(_ key: String, in reader: inout MappingReader) -> [CriterionID]? {
        guard let list = reader.strings(key) else { return nil }
        for (text, mark) in list where !criterionIDs.contains(CriterionID(text)) {
          reader.fail(mark, "unknown criterion '\(text)' in outcome '\(id.text)'")
        }
        return list.map { CriterionID($0.text) }
      }
      func level(_ key: String, in reader: inout MappingReader) -> LevelID? {
        guard let (text, mark) = reader.string(key, required: true) else { return nil }
        if !levelIDs.contains(LevelID(text)) {
          reader.fail(mark, "unknown level '\(text)' in outcome '\(id.text)'")
        }
        return LevelID(text)
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
            where !criterionIDs.contains(CriterionID(text)) {
              substitute.fail(mark, "unknown criterion '\(text)' in outcome '\(id.text)'")
            }
            _ = substitute.unknownFields()
            fields.diagnostics += substitute.diagnostics
            if let criterion, let by {
              substitutes.append(
                .init(criterion: CriterionID(criterion.text), by: CriterionID(by.text)))
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
