import Foundation
import ReviewCore

/// A small inline SVG of agreement coefficients with their intervals: one row each, the
/// interval as a bar, the point estimate as a dot, and the reading's thresholds as dashed
/// lines. No script, no network: it prints as it shows.
struct IntervalPlot {
  /// One coefficient: its name, point estimate and interval.
  struct Row {
    var name: String
    var value: Double
    var lower: Double
    var upper: Double
  }

  var rows: [Row]
  /// The thresholds drawn, with their labels.
  var thresholds: [(value: Double, label: String)]

  /// The rows the report draws: alpha with its bootstrap interval (drawn once by the caller),
  /// AC1/AC2 and Fleiss' kappa with theirs; a coefficient without a value is left out.
  init(_ agreement: AgreementReport, bootstrap: Result<AlphaBootstrap, StatisticUndefined>) {
    var rows: [Row] = []
    if let alpha = agreement.alpha.value, case .success(let boot) = bootstrap {
      rows.append(Row(name: "alpha", value: alpha, lower: boot.lower, upper: boot.upper))
    }
    for (name, result) in [
      (agreement.gwetWeights == .identity ? "AC1" : "AC2", agreement.gwet),
      ("Fleiss' kappa", agreement.fleiss),
    ] {
      if case .success(let figures) = result {
        rows.append(
          Row(name: name, value: figures.value, lower: figures.lower, upper: figures.upper))
      }
    }
    self.rows = rows
    thresholds = [
      (agreement.reading.tentative, Format.number(agreement.reading.tentative)),
      (agreement.reading.reliable, Format.number(agreement.reading.reliable)),
    ]
  }

  /// The SVG; empty when there is nothing to draw.
  var svg: String {
    guard !rows.isEmpty else { return "" }
    let (left, right, width) = (110.0, 20.0, 460.0)
    let rowHeight = 24.0
    let height = Double(rows.count) * rowHeight + 34
    // The axis runs from 0 (or below, to hold every lower bound, in tenths) to 1.
    let lowest = min(0, (rows.map(\.lower).min()! * 10).rounded(.down) / 10)
    func x(_ value: Double) -> Double {
      left + (max(lowest, min(1, value)) - lowest) / (1 - lowest) * (width - left - right)
    }
    func number(_ value: Double) -> String { String(format: "%.1f", value) }
    var svg =
      "<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" aria-label=\"agreement coefficients with their intervals\" width=\"\(Int(width))\" height=\"\(Int(height))\" viewBox=\"0 0 \(Int(width)) \(Int(height))\">"
    let axis = height - 20
    svg +=
      "<line x1=\"\(number(x(lowest)))\" y1=\"\(number(axis))\" x2=\"\(number(x(1)))\" y2=\"\(number(axis))\" stroke=\"#888\"/>"
    var tick = lowest
    while tick <= 1.0001 {
      svg +=
        "<text x=\"\(number(x(tick)))\" y=\"\(number(axis + 14))\" text-anchor=\"middle\" fill=\"#555\">\(String(format: "%.1f", tick))</text>"
      tick += lowest < -0.5 ? 0.5 : 0.2
    }
    for threshold in thresholds {
      svg +=
        "<line x1=\"\(number(x(threshold.value)))\" y1=\"4\" x2=\"\(number(x(threshold.value)))\" y2=\"\(number(axis))\" stroke=\"#bf8700\" stroke-dasharray=\"4 3\"><title>\(escape(threshold.label))</title></line>"
    }
    for (index, row) in rows.enumerated() {
      let y = 14 + Double(index) * rowHeight
      svg +=
        "<text x=\"\(number(left - 8))\" y=\"\(number(y + 4))\" text-anchor=\"end\">\(escape(row.name))</text>"
      svg +=
        "<line x1=\"\(number(x(row.lower)))\" y1=\"\(number(y))\" x2=\"\(number(x(row.upper)))\" y2=\"\(number(y))\" stroke=\"#0969da\" stroke-width=\"4\" stroke-linecap=\"round\"/>"
      svg +=
        "<circle cx=\"\(number(x(row.value)))\" cy=\"\(number(y))\" r=\"5\" fill=\"#1f2328\"><title>\(escape(row.name)) \(Format.number(row.value)) (\(Format.number(row.lower)) to \(Format.number(row.upper)))</title></circle>"
    }
    return svg + "</svg>"
  }
}
