import Foundation

/// How agreement is read: `review.yaml`'s `agreement:` block, each field given replacing the
/// default (Krippendorff's thresholds).
public struct AgreementSettings: Hashable, Sendable {
  /// Alpha at or above which agreement is reliable (default 0.800).
  public var reliable: Double?
  /// Alpha at or above which tentative conclusions may be drawn (default 0.667).
  public var tentative: Double?
  /// The fewest pairable units from which anything is concluded (default 10).
  public var minimumUnits: Int?
  /// The confidence level of the intervals (default 0.95).
  public var confidence: Double?
  /// How many resamples the bootstrap of alpha draws (default 1,000).
  public var draws: Int?
  /// The seed of the bootstrap (default 1), so that a report is reproducible from its commit.
  public var seed: UInt64?

  /// Creates a value with each field given.
  public init(
    reliable: Double? = nil, tentative: Double? = nil, minimumUnits: Int? = nil,
    confidence: Double? = nil, draws: Int? = nil, seed: UInt64? = nil
  ) {
    self.reliable = reliable
    self.tentative = tentative
    self.minimumUnits = minimumUnits
    self.confidence = confidence
    self.draws = draws
    self.seed = seed
  }

  /// The settings with every default filled in.
  public var resolved: AgreementReading {
    AgreementReading(
      reliable: reliable ?? 0.8, tentative: tentative ?? 0.667,
      minimumUnits: minimumUnits ?? 10, confidence: confidence ?? 0.95, draws: draws ?? 1000,
      seed: seed ?? 1)
  }
}

/// The thresholds agreement is read with.
public struct AgreementReading: Hashable, Sendable {
  /// Alpha at or above which agreement is reliable.
  public var reliable: Double
  /// Alpha at or above which tentative conclusions may be drawn.
  public var tentative: Double
  /// The fewest pairable units from which anything is concluded.
  public var minimumUnits: Int
  /// The confidence level of the intervals.
  public var confidence: Double
  /// How many resamples the bootstrap of alpha draws.
  public var draws: Int
  /// The seed of the bootstrap.
  public var seed: UInt64

  /// Krippendorff's (2004): 0.800 and 0.667, 10 units, 95 %.
  public static let standard = AgreementSettings().resolved
}

extension AgreementReport {
  /// What the figures allow a reader to conclude, in words: nothing from too few units; else
  /// alpha's band, and, when raw agreement is high but alpha low because most judgements sit
  /// at one level, that this is the prevalence paradox and what AC1/AC2 says.
  public var interpretation: String {
    let settings = reading
    guard pairableUnits >= settings.minimumUnits else {
      return
        "too few criteria judged by two or more reviewers (\(pairableUnits), fewer than \(settings.minimumUnits)) to conclude anything about agreement, whatever the coefficients say"
    }
    guard let value = alpha.value else { return "undefined: \(alpha.reason ?? "")" }
    let reliable = NumberText.fixed(settings.reliable, digits: 3)
    let tentative = NumberText.fixed(settings.tentative, digits: 3)
    if let paradox = prevalenceParadox {
      return "alpha is low (\(NumberText.fixed(value, digits: 3)) < \(reliable)), " + paradox
    }
    // Compared in turn, not as ranges, so that no pair of thresholds can make a band trap.
    if value >= settings.reliable { return "reliable agreement (alpha ≥ \(reliable))" }
    if value >= settings.tentative {
      return "tentative agreement (\(tentative) ≤ alpha < \(reliable)): draw conclusions with care"
    }
    if value >= 0 {
      return
        "low agreement (alpha < \(tentative)): the panel does not agree beyond chance enough to rely on"
    }
    return "systematic disagreement (alpha < 0): reviewers disagree more than chance would"
  }

  /// The prevalence paradox, in words, when it explains a low alpha: raw agreement at the
  /// reliable threshold or above, alpha below it, and most judgements at one level.
  var prevalenceParadox: String? {
    guard let value = alpha.value, value < reading.reliable,
      let raw = percentAgreement.value, raw >= reading.reliable,
      let commonest = commonestLevel, commonest.share >= 0.5
    else { return nil }
    var text =
      "but raw agreement is \(NumberText.percent(raw * 100)) and \(NumberText.percent(commonest.share * 100, places: 0)) of the judgements are '\(commonest.level)': when most judgements sit at one level, chance agreement is high and alpha low however much the panel agrees (the prevalence paradox)"
    if case .success(let gwet) = self.gwet {
      text +=
        "; Gwet's \(gwetName), which this does not distort, is \(NumberText.fixed(gwet.value, digits: 3))"
    }
    return text
  }
}
