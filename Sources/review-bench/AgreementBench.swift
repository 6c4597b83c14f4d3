import Foundation
import ReviewCore

/// `review-bench agreement`: alpha, AC2 and alpha's bootstrap over a generated units × reviewers
/// matrix with missing values, timed in-process, beside Python's `krippendorff` package (numpy)
/// timing its alpha on the identical matrix in the same run.
struct AgreementBench {
  var units = 10_000
  var reviewers = 20
  var draws = 1000
  var runs = 3
  var python = ".venv/bin/python3"

  /// The matrix: each unit has a true level among three, each reviewer gives it 80 % of the
  /// time (else another level), and 15 % of the values are missing.
  func matrix() -> [[Double?]] {
    var random = SplitMix64(seed: 0xBE4C)
    return (0..<units).map { _ in
      let truth = Double(Int.random(in: 0...2, using: &random))
      return (0..<reviewers).map { _ -> Double? in
        let draw = Double.random(in: 0..<1, using: &random)
        if draw < 0.15 { return nil }
        return draw < 0.83 ? truth : Double(Int.random(in: 0...2, using: &random))
      }
    }
  }

  /// The best of `runs` timings of `work`, in seconds.
  func best(_ work: () -> Void) -> Double {
    (0..<runs).map { _ in
      let start = DispatchTime.now().uptimeNanoseconds
      work()
      return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }.min()!
  }

  func run() throws {
    let data = matrix()
    print("agreement over \(units) units × \(reviewers) reviewers, 15 % missing, ordinal")
    var alpha: Statistic = .undefined("")
    let alphaTime = best { alpha = Agreement.alpha(data, metric: .ordinal) }
    let levels = data.map { $0.map { $0.map { Int($0) } } }
    let weights = AgreementWeights.ordinal.matrix(values: [0, 0.5, 1])
    var gwet: Double = .nan
    let gwetTime = best {
      if case .success(let figures) = Agreement.chanceCorrected(
        levels, levels: 3, weights: weights, chance: .gwet)
      {
        gwet = figures.value
      }
    }
    var interval = ""
    let bootTime = best {
      if case .success(let boot) = AlphaBootstrap.draw(
        data, metric: .ordinal, draws: draws, confidence: 0.95, seed: 1, minimums: [0.8])
      {
        interval = String(
          format: "%.4f to %.4f, %d pairs a draw", boot.lower, boot.upper, boot.pairs)
      }
    }
    // The same matrix, coders × units, for the Python package.
    let file = FileManager.default.temporaryDirectory.appendingPathComponent(
      "agreement-bench-\(getpid()).json")
    defer { try? FileManager.default.removeItem(at: file) }
    let columns: [[Any]] = (0..<reviewers).map { reviewer in
      data.map { $0[reviewer].map { $0 as Any } ?? NSNull() }
    }
    try JSONSerialization.data(withJSONObject: columns).write(to: file)
    let script = """
      import json, sys, time
      import numpy as np, krippendorff
      data = np.array([[np.nan if v is None else v for v in row] for row in json.load(open(sys.argv[1]))])
      best, value = None, None
      for _ in range(int(sys.argv[2])):
          start = time.perf_counter()
          value = krippendorff.alpha(reliability_data=data, level_of_measurement="ordinal")
          elapsed = time.perf_counter() - start
          best = elapsed if best is None else min(best, elapsed)
      print(f"{best} {value}")
      """
    let pipe = Pipe()
    let process = Process()
    process.executableURL = URL(fileURLWithPath: python)
    process.arguments = ["-c", script, file.path, "\(runs)"]
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let fields = output.split(separator: " ")
    guard process.terminationStatus == 0, fields.count == 2, let numpyTime = Double(fields[0])
    else {
      throw BenchError("\(python) could not run the krippendorff package: \(output)")
    }
    let numpyAlpha = Double(fields[1].trimmingCharacters(in: .whitespacesAndNewlines)) ?? .nan
    print("best of \(runs) runs, release build")
    print(
      String(
        format: "alpha (review)             %8.4f s   alpha %.12f", alphaTime, alpha.value ?? .nan))
    print(String(format: "alpha (krippendorff/numpy) %8.4f s   alpha %.12f", numpyTime, numpyAlpha))
    print(String(format: "  ratio review / numpy     %8.2f", alphaTime / numpyTime))
    print(String(format: "AC2, ordinal weights       %8.4f s   AC2 %.6f", gwetTime, gwet))
    print(
      String(
        format: "bootstrap, %d draws      %8.4f s   95%% interval %@", draws, bootTime, interval))
  }
}
