import Foundation
import TestSupport
import Testing

@testable import ReviewCore

/// Computes alpha with Python's `krippendorff` package (PyPI) for each case, in every metric.
private let krippendorffScript = """
  import json, sys, math
  import numpy as np
  import krippendorff
  out = []
  for case in json.load(open(sys.argv[1])):
      data = np.array([[np.nan if v is None else v for v in row] for row in case], dtype=float)
      figures = {}
      for metric in ["nominal", "ordinal", "interval", "ratio"]:
          try:
              value = krippendorff.alpha(reliability_data=data.T, level_of_measurement=metric)
              figures[metric] = value if math.isfinite(value) else None
          except Exception:
              figures[metric] = None
      out.append(figures)
  print(json.dumps(out))
  """

@Suite struct AlphaOracleTests {
  /// 200 seeded units × coders matrices with missing values: review's alpha equals the
  /// `krippendorff` package's to 1e-9 in every metric.
  @Test func alphaEqualsTheKrippendorffPackage() throws {
    var random = SeededGenerator(seed: 0xA1FA)
    var cases: [[[Double?]]] = []
    for _ in 0..<200 {
      let levels = (0..<Int.random(in: 2...5, using: &random)).map { Double($0 + 1) }
      let units = Int.random(in: 2...25, using: &random)
      let coders = Int.random(in: 2...6, using: &random)
      cases.append(
        (0..<units).map { _ in
          (0..<coders).map { _ in
            Double.random(in: 0..<1, using: &random) < 0.2
              ? nil : levels.randomElement(using: &random)!
          }
        })
    }
    let results = try #require(
      try runPythonOracle(
        "krippendorff", script: krippendorffScript,
        input: cases.map { $0.map { $0.map { $0 as Any? ?? NSNull() } } }) as? [[String: Any]])
    #expect(results.count == cases.count)
    var compared = 0
    for (index, (units, theirs)) in zip(cases, results).enumerated() {
      for metric in AlphaMetric.allCases {
        guard let reference = theirs[metric.rawValue] as? Double,
          let ours = Agreement.alpha(units, metric: metric).value
        else { continue }
        #expect(abs(ours - reference) <= 1e-9, "case \(index) \(metric): \(ours) vs \(reference)")
        compared += 1
      }
    }
    #expect(compared >= 700)
  }
}
