/// When a panel stops its rounds, fixed in advance in `review.yaml` (`rounds: stop:`): as soon
/// as any condition given holds.
public struct StoppingRule: Hashable, Sendable {
  /// Stop when no criterion is contested.
  public var noContested: Bool
  /// Stop when the lower bound of alpha's bootstrap interval reaches this.
  public var alphaLowerBound: Double?
  /// Stop after this many rounds.
  public var maximumRounds: Int?

  /// A rule with each condition given.
  public init(noContested: Bool = false, alphaLowerBound: Double? = nil, maximumRounds: Int? = nil)
  {
    self.noContested = noContested
    self.alphaLowerBound = alphaLowerBound
    self.maximumRounds = maximumRounds
  }

  /// What the rule says of a panel's latest round.
  public struct Decision: Hashable, Sendable, Encodable {
    /// Whether the panel should stop.
    public var stop: Bool
    /// Each condition, in words, with whether it holds.
    public var conditions: [Condition]
  }

  /// One condition of the rule and whether it holds.
  public struct Condition: Hashable, Sendable, Encodable {
    /// The condition in words, such as `no criterion contested`.
    public var rule: String
    /// What the panel has, in words, such as `2 contested`.
    public var observed: String
    /// Whether it holds.
    public var holds: Bool
  }

  /// Applies the rule to the panel's state after `rounds` rounds: `contested` criteria and
  /// alpha's interval lower bound (nil when unknown).
  public func decide(rounds: Int, contested: Int, alphaLower: Double?) -> Decision {
    var conditions: [Condition] = []
    if noContested {
      conditions.append(
        Condition(
          rule: "no criterion contested", observed: "\(contested) contested",
          holds: contested == 0))
    }
    if let alphaLowerBound {
      conditions.append(
        Condition(
          rule: "alpha's lower bound at least \(alphaLowerBound)",
          observed: alphaLower.map { "lower bound \(($0 * 1000).rounded() / 1000)" }
            ?? "alpha undefined",
          holds: alphaLower.map { $0 >= alphaLowerBound } ?? false))
    }
    if let maximumRounds {
      conditions.append(
        Condition(
          rule: "at most \(maximumRounds) rounds", observed: "\(rounds) rounds",
          holds: rounds >= maximumRounds))
    }
    return Decision(stop: conditions.contains(where: \.holds), conditions: conditions)
  }
}
