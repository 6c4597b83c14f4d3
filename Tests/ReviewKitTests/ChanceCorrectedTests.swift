import Foundation
import TestSupport
import Testing

@testable import ReviewCore

/// Computes Gwet's AC1/AC2 and Fleiss' kappa with irrCAC from PyPI, for each case given (or,
/// with no case, for irrCAC's own example datasets), and prints each case's ratings as level
/// indices with the level values, beside irrCAC's figures.
private let irrCACScript = """
  import json, sys, math
  import numpy as np, pandas as pd
  from irrCAC.raw import CAC
  import irrCAC.datasets as datasets

  def figures(result):
      est = result["est"]
      lower, upper = est["confidence_interval"]
      return {"value": est["coefficient_value"], "pa": est["pa"], "pe": est["pe"],
              "se": est["se"], "lower": lower, "upper": upper}

  def case(frame, categories, weights):
      frame = frame.dropna(how="all")
      if categories is None:
          categories = sorted(frame.stack().unique().tolist())
      numeric = all(isinstance(c, (int, float)) for c in categories)
      values = sorted(categories) if numeric else list(range(1, len(categories) + 1))
      index = {c: i for i, c in enumerate(sorted(categories) if numeric else categories)}
      ratings = [[None if pd.isna(v) else index[v] for v in row]
                 for row in frame.itertuples(index=False)]
      out = {"ratings": ratings, "values": values, "weights": weights}
      for name, method in [("gwet", "gwet"), ("fleiss", "fleiss")]:
          try:
              cac = CAC(frame, weights=weights, categories=categories, digits=15)
              out[name] = figures(getattr(cac, method)())
          except Exception as error:
              out[name] = {"error": str(error)}
      return out

  request = json.load(open(sys.argv[1]))
  results = []
  if request["datasets"]:
      for name in ["raw_4raters", "raw_5observers", "raw_ben_gerry", "raw_g1g2", "raw_gender"]:
          frame = getattr(datasets, name)()
          for weights in ["identity", "ordinal", "linear", "quadratic"]:
              results.append(dict(case(frame, None, weights), name=name))
  for item in request["cases"]:
      frame = pd.DataFrame([[np.nan if v is None else v for v in row] for row in item["ratings"]])
      results.append(dict(case(frame, item["categories"], item["weights"]), name="random"))
  def finite(value):
      if isinstance(value, float) and not math.isfinite(value):
          return None
      if isinstance(value, dict):
          return {key: finite(item) for key, item in value.items()}
      if isinstance(value, list):
          return [finite(item) for item in value]
      return value
  print(json.dumps(finite(results), allow_nan=False))
  """

/// The figures irrCAC gives for each case, with the case as level indices.
private func irrCAC(cases: [[String: Any]], datasets: Bool) throws -> [[String: Any]] {
  try #require(
    try runPythonOracle(
      "irrCAC", script: irrCACScript, input: ["cases": cases, "datasets": datasets])
      as? [[String: Any]])
}

/// Checks review's figures for one case against irrCAC's, to 1e-9.
private func compare(_ item: [String: Any], label: String) throws -> Int {
  let ratings = try #require(item["ratings"] as? [[Any]]).map { row in row.map { $0 as? Int } }
  let values = try #require(item["values"] as? [Double])
  let weights = try #require(AgreementWeights(rawValue: item["weights"] as? String ?? ""))
  var compared = 0
  for (key, chance) in [("gwet", Agreement.Chance.gwet), ("fleiss", .fleiss)] {
    let theirs = try #require(item[key] as? [String: Any])
    let ours = Agreement.chanceCorrected(
      ratings, levels: values.count, weights: weights.matrix(values: values), chance: chance)
    guard case .success(let figures) = ours,
      let value = theirs["value"] as? Double, value.isFinite,
      let se = theirs["se"] as? Double, se > 1e-12
    else { continue }
    let pairs: [(String, Double, Double)] = [
      ("value", figures.value, value), ("pa", figures.observed, theirs["pa"] as? Double ?? .nan),
      ("pe", figures.chance, theirs["pe"] as? Double ?? .nan),
      ("se", figures.standardError, se),
      ("lower", figures.lower, theirs["lower"] as? Double ?? .nan),
      ("upper", figures.upper, theirs["upper"] as? Double ?? .nan),
    ]
    for (name, mine, reference) in pairs {
      #expect(
        abs(mine - reference) <= 1e-9, "\(label) \(key) \(weights) \(name): \(mine) vs \(reference)"
      )
    }
    compared += 1
  }
  return compared
}

@Suite struct ChanceCorrectedTests {
  @Test func gwetAndFleissEqualIrrCACOnItsExampleDatasets() throws {
    let results = try irrCAC(cases: [], datasets: true)
    var compared = 0
    for item in results {
      compared += try compare(item, label: item["name"] as? String ?? "?")
    }
    #expect(compared >= 30)
  }

  @Test func gwetAndFleissEqualIrrCACOnRandomMatricesWithMissingValues() throws {
    var random = SeededGenerator(seed: 0x0AC1_0AC2)
    var cases: [[String: Any]] = []
    for _ in 0..<200 {
      let levels = Int.random(in: 2...5, using: &random)
      var values: [Double] = []
      var next = 0.0
      for _ in 0..<levels {
        values.append(next)
        next += Double(Int.random(in: 1...3, using: &random)) / 2
      }
      let units = Int.random(in: 2...30, using: &random)
      let raters = Int.random(in: 2...8, using: &random)
      let ratings: [[Any]] = (0..<units).map { _ in
        (0..<raters).map { _ -> Any in
          Double.random(in: 0..<1, using: &random) < 0.25
            ? NSNull() : values[Int.random(in: 0..<levels, using: &random)]
        }
      }
      cases.append([
        "ratings": ratings, "categories": values,
        "weights": AgreementWeights.allCases.randomElement(using: &random)!.rawValue,
      ])
    }
    var compared = 0
    for (index, item) in try irrCAC(cases: cases, datasets: false).enumerated() {
      compared += try compare(item, label: "matrix \(index)")
    }
    #expect(compared >= 300)
  }

  @Test func theStudentQuantileInvertsItsDistribution() {
    for degrees in [1.0, 2, 3, 5, 11, 30, 200] {
      for p in [0.6, 0.9, 0.975, 0.995] {
        let t = StudentT.quantile(p, degrees: degrees)
        #expect(abs(StudentT.cdf(t, degrees: degrees) - p) < 1e-13)
        #expect(abs(StudentT.quantile(1 - p, degrees: degrees) + t) < 1e-12)
      }
    }
    // Published values: t(0.975, 1) = 12.706204736, t(0.975, 10) = 2.228138852.
    #expect(abs(StudentT.quantile(0.975, degrees: 1) - 12.706204736174707) < 1e-9)
    #expect(abs(StudentT.quantile(0.975, degrees: 10) - 2.2281388519649385) < 1e-9)
  }
}
