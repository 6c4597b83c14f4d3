import Foundation
import TestSupport
import Testing

/// Mutated evaluations, subjects, templates and settings through `validate`, `score --file` and
/// every read command: none may crash or run past 10 s, and every file `score --file` commits
/// must read back.
@Suite struct FuzzTests {
  /// Bytes and text that have broken parsers before: NULs, noncharacters, invalid UTF-8,
  /// terminal escapes, YAML's indicators, anchors and tags, huge numbers, hostile ids.
  private static let fragments: [[UInt8]] =
    [
      [0], [0xFF], [0xC3], [0xED, 0xA0, 0x80], [0xEF, 0xBF, 0xBF], [0xEF, 0xBF, 0xBE], [0x1B],
      [0x0D], [0x09],
    ]
    + [
      "\u{1B}[31m", ": ", "- ", "&a ", "*a", "{", "}", "[", "]", "!!binary ", "!!python/object ",
      "'", "\"", "# ", "? ", "| ", "> ", "%YAML 1.1\n", "---\n", "...\n", "<<: *a\n",
      "999999999999999999999999", "-1e400", "1/0", "0x7FFFFFFFFFFFFFFF", ".nan", "~", "null",
      "../../etc", "con", "x.", "open", "closed", "restricted", "datasets", "model-card",
      "https://", "javascript:alert(1)", "<script>", "\u{FEFF}", "\u{202E}",
    ].map { Array($0.utf8) }

  /// Applies one to three mutations to `bytes` (most often one).
  private static func mutate(_ bytes: [UInt8], _ random: inout SeededGenerator) -> [UInt8] {
    var bytes = bytes
    for _ in 0..<[1, 1, 1, 2, 3].randomElement(using: &random)! {
      let at = bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &random)
      switch Int.random(in: 0..<13, using: &random) {
      case 0 where !bytes.isEmpty:
        bytes[at] = UInt8.random(in: 0...255, using: &random)
      case 1, 2:
        bytes.insert(contentsOf: fragments.randomElement(using: &random)!, at: at)
      case 3 where !bytes.isEmpty:
        bytes.removeSubrange(at..<min(bytes.count, at + Int.random(in: 1...40, using: &random)))
      case 4, 5:
        // A line repeated, or moved, or indented differently.
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        let line = Int.random(in: 0..<lines.count, using: &random)
        switch Int.random(in: 0..<3, using: &random) {
        case 0: lines.insert(lines[line], at: line)
        case 1: lines.swapAt(line, Int.random(in: 0..<lines.count, using: &random))
        default: lines[line].insert(contentsOf: [0x20, 0x20], at: 0)
        }
        bytes = Array(lines.joined(separator: [0x0A]))
      case 6:
        let depth = [50, 500, 5_000].randomElement(using: &random)!
        bytes.insert(
          contentsOf: [UInt8](
            repeating: [0x5B, 0x7B].randomElement(using: &random)!, count: depth),
          at: at)
      case 7:
        // Grown towards or past the size limit.
        let line = Array("  - https://example.org/\(at)\n".utf8)
        let count = [1_000, 30_000, 40_000].randomElement(using: &random)!
        bytes.insert(contentsOf: Array(repeating: line, count: count).joined(), at: at)
      case 8:
        bytes = Array(bytes.prefix(at))
      case 9, 10, 11:
        // A value replaced: the file most often stays YAML, and the value is what is tested.
        var lines = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map(Array.init)
        let line = Int.random(in: 0..<lines.count, using: &random)
        if let colon = lines[line].firstIndex(of: 0x3A) {
          let fragment = fragments.randomElement(using: &random)!
          // Half the time inside double quotes, where YAML reads escapes and takes any byte.
          let value =
            Bool.random(using: &random)
            ? [0x22] + fragment.filter { $0 != 0x22 } + [0x22] : fragment
          lines[line] = Array(lines[line][...colon]) + [0x20] + value
        }
        bytes = Array(lines.joined(separator: [0x0A]))
      default:
        bytes.insert(contentsOf: Array(String(repeating: "x", count: 300).utf8), at: at)
      }
    }
    return bytes
  }

  /// What the harness counts.
  private struct Counts {
    var inputs = 0
    var runs = 0
    var crashes: [String] = []
    var overTime: [String] = []
    var committed = 0
    var notReadingBack: [String] = []
  }

  @Test func mutatedFilesNeverCrashAndWhatIsCommittedReadsBack() throws {
    var random = SeededGenerator(seed: 0xF022_2026)
    let total = Stress.count(16, full: 2_000)
    var counts = Counts()
    try withLlamaRepository { workspace in
      try workspace.reviewAs(
        "fuzz",
        [
          "score", "llama2", "datasets=open", "model-card=restricted", "--reviewer", "fuzz",
          "--note", "datasets=a note: with \"quotes\" and #hash", "--license",
          "model-card=MIT OR Apache-2.0", "--evidence", "datasets=https://example.org/a",
          "--confidence", "datasets=high",
        ]
      ).requireSuccess()
      try workspace.reviewAs("bob", ["score", "llama2", "datasets=closed"]).requireSuccess()
      let targets = [
        "reviews/llama2/fuzz.yaml", "reviews/llama2/subject.yaml", "templates/mof-1.0.yaml",
        "review.yaml",
      ]
      let originals = try targets.map { Array(try workspace.read($0).utf8) }
      let draft = workspace.home + "/draft.yaml"
      func probe(_ arguments: [String]) throws -> Probe {
        let probe = try Probe.review(
          arguments, in: workspace.root, environment: workspace.environment)
        counts.runs += 1
        let what = "\(arguments.joined(separator: " ")) on input \(counts.inputs)"
        if probe.timedOut {
          counts.overTime.append(what)
        } else if !probe.endedWell {
          counts.crashes.append("\(what): \(probe.status) \(probe.stderr.prefix(300))")
        }
        return probe
      }
      let reads = [
        ["show", "llama2"], ["show", "llama2", "fuzz", "--format", "json"],
        ["consensus", "--all"], ["status"], ["log", "llama2"], ["report", "llama2"],
        ["validate", "--rev", "HEAD"],
      ]
      for index in 0..<total {
        counts.inputs += 1
        // Half of the inputs are evaluations, the rest the other files in turn.
        let target = index % 2 == 0 ? 0 : 1 + (index / 2) % (targets.count - 1)
        let mutated = Self.mutate(originals[target], &random)
        if target == 0 {
          // An evaluation: refused with a reason, or committed so that it reads back.
          try Data(mutated).write(to: URL(fileURLWithPath: draft))
          let scored = try probe(["score", "llama2", "--file", draft, "--reviewer", "fuzz"])
          if scored.status == 0 {
            counts.committed += 1
            for check in [["show", "llama2", "fuzz"], ["validate", "--rev", "HEAD"]] {
              let read = try probe(check)
              if read.status != 0 {
                counts.notReadingBack.append(
                  "input \(index): \(check.joined(separator: " ")): \(read.stderr.prefix(300))")
              }
            }
          }
          for arguments in reads { _ = try probe(arguments) }
        } else {
          // Anything else, committed with plain git as a collaborator could, then read.
          try Data(mutated).write(to: URL(fileURLWithPath: workspace.root + "/" + targets[target]))
          try workspace.git([
            "commit", "-q", "--no-verify", "--allow-empty", "-am", "fuzz \(index)",
          ])
          .requireSuccess()
          for arguments in reads + [["validate"]] { _ = try probe(arguments) }
          try workspace.git(["reset", "-q", "--hard", "HEAD~1"]).requireSuccess()
        }
      }
    }
    Stress.report(
      "fuzz",
      [
        ("inputs", counts.inputs), ("runs", counts.runs), ("crashes", counts.crashes.count),
        ("over 10 s", counts.overTime.count), ("committed by score --file", counts.committed),
        ("committed files not reading back", counts.notReadingBack.count),
      ])
    #expect(counts.crashes.isEmpty, "\(counts.crashes.prefix(5))")
    #expect(counts.overTime.isEmpty, "\(counts.overTime.prefix(5))")
    #expect(counts.notReadingBack.isEmpty, "\(counts.notReadingBack.prefix(5))")
    #expect(counts.committed > 0, "some mutations are still valid evaluations")
  }
}
