import ReviewCore

/// A framework whole in JSON, with the keys of its template file (`min-reviewers`,
/// `counts-at`, ...), and where it was read from.
public struct FrameworkJSON: Encodable {
  private let framework: Framework
  private let origin: String

  /// The JSON of `framework`, read from `origin` (`repository` or `built-in`).
  public init(_ framework: Framework, origin: String) {
    self.framework = framework
    self.origin = origin
  }

  private struct Key: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(_ string: String) { stringValue = string }
    init(stringValue: String) { self.init(stringValue) }
    init?(intValue: Int) { nil }
  }

  private struct Level: Encodable {
    let id: String, label: String, value: Double
  }

  private struct Criterion: Encodable {
    let id: String, title: String, group: String?, kind: String?, required: Bool
    let description: String?
  }

  /// Encodes the JSON shape the README documents.
  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: Key.self)
    try container.encode(framework.id.rawValue, forKey: Key("id"))
    try container.encode(framework.title, forKey: Key("title"))
    try container.encode(origin, forKey: Key("origin"))
    try container.encodeIfPresent(framework.source, forKey: Key("source"))
    try container.encodeIfPresent(framework.description, forKey: Key("description"))
    var scale = container.nestedContainer(keyedBy: Key.self, forKey: Key("scale"))
    try scale.encode(framework.scale.kind.rawValue, forKey: Key("kind"))
    try scale.encode(
      framework.scale.levels.map { Level(id: $0.id.rawValue, label: $0.label, value: $0.value) },
      forKey: Key("levels"))
    var rule = container.nestedContainer(keyedBy: Key.self, forKey: Key("consensus"))
    try rule.encode(framework.consensus.method.rawValue, forKey: Key("method"))
    try rule.encode(framework.consensus.threshold.description, forKey: Key("threshold"))
    try rule.encode(framework.consensus.minimumReviewers, forKey: Key("min-reviewers"))
    try container.encode(
      framework.criteria.map {
        Criterion(
          id: $0.id.rawValue, title: $0.title, group: $0.group, kind: $0.kind,
          required: $0.required, description: $0.description)
      }, forKey: Key("criteria"))
    var outcomes = container.nestedUnkeyedContainer(forKey: Key("outcomes"))
    for outcome in framework.outcomes {
      var object = outcomes.nestedContainer(keyedBy: Key.self)
      try object.encode(outcome.id, forKey: Key("id"))
      switch outcome {
      case .tiers(let tiers):
        try object.encode("tiers", forKey: Key("type"))
        try object.encode(tiers.title, forKey: Key("title"))
        try object.encode(tiers.countsAt.rawValue, forKey: Key("counts-at"))
        try object.encode(
          ["id": tiers.none.id, "label": tiers.none.label], forKey: Key("none"))
        var list = object.nestedUnkeyedContainer(forKey: Key("tiers"))
        for tier in tiers.tiers {
          var entry = list.nestedContainer(keyedBy: Key.self)
          try entry.encode(tier.id, forKey: Key("id"))
          try entry.encode(tier.label, forKey: Key("label"))
          try entry.encode(tier.criteria.map(\.rawValue), forKey: Key("criteria"))
        }
        try object.encode(
          tiers.substitutes.map { ["criterion": $0.criterion.rawValue, "by": $0.by.rawValue] },
          forKey: Key("substitutes"))
      case .score(let score):
        try object.encode("score", forKey: Key("type"))
        try object.encode(score.title, forKey: Key("title"))
        try object.encode(score.method.rawValue, forKey: Key("method"))
        try object.encode(score.percent, forKey: Key("percent"))
        try object.encodeIfPresent(score.criteria?.map(\.rawValue), forKey: Key("criteria"))
      case .voteRubric(let rubric):
        try object.encode("vote-rubric", forKey: Key("type"))
        try object.encode(rubric.title, forKey: Key("title"))
        try object.encode(rubric.countsAt.rawValue, forKey: Key("counts-at"))
        try object.encode(
          rubric.bands.map {
            ["id": $0.id, "label": $0.label, "at-least": $0.atLeast.description]
          }, forKey: Key("bands"))
      }
    }
  }
}
