import Foundation
import TestSupport
import Testing

@testable import ReviewCodec
@testable import ReviewCore
@testable import ReviewRendering
@testable import ReviewStore

@Suite struct CanonicalReaderTests {
  private let mof = try! ReviewSnapshot(source: EmptySource()).framework("mof-1.0")

  private func slow(_ data: Data, framework: Framework?) -> Evaluation? {
    guard case .success(let document) = YAMLDocument.parse(data, path: "x.yaml") else { return nil }
    return Evaluation.read(
      document, expectedSubject: nil, expectedReviewer: nil, framework: { _ in framework },
      checkFramework: false
    ).0
  }

  /// Random evaluations with awkward strings: the fast reader reads what the writer wrote, and
  /// gives exactly what the full YAML reader gives.
  @Test func bothReadersAgreeOnGeneratedEvaluations() {
    var generator = SeededGenerator(seed: 77)
    let texts = [
      "plain words", "colon: inside", "hash #inside", "- dash", "quote \"x\"", "back\\slash",
      "line\nbreak",
      "tab\there", " leading", "yes", "1.0", "ünïcödé ✓", "control\u{07}bell", "x:", "@at", "%", "",
    ]
    let levels = mof.scale.levels.map(\.id)
    var fastCount = 0
    for _ in 0..<300 {
      var evaluation = Evaluation(subject: "s", reviewer: "r", framework: "mof-1.0")
      for criterion in mof.criteria where Bool.random(using: &generator) {
        var judgement = Judgement(level: levels.randomElement(using: &generator)!)
        if Bool.random(using: &generator) {
          judgement.license = ["Apache-2.0", "MIT OR Apache-2.0", "LicenseRef-X"].randomElement(
            using: &generator)!
        }
        if Bool.random(using: &generator) {
          judgement.note = texts.randomElement(using: &generator)!
        }
        if Bool.random(using: &generator) {
          judgement.evidence = ["https://a.example", texts.randomElement(using: &generator)!]
        }
        if Bool.random(using: &generator) {
          judgement.confidence = Confidence.allCases.randomElement(using: &generator)!
        }
        evaluation.judgements[criterion.id] = judgement
      }
      let data = evaluation.canonicalYAML(order: mof)
      // What was written is what must be read, but for an empty note, which means "no note".
      var expected = evaluation
      for (id, judgement) in expected.judgements where judgement.note == "" {
        expected.judgements[id]?.note = nil
      }
      let fast = CanonicalReader.evaluation(
        data, expectedSubject: nil, expectedReviewer: nil, framework: { _ in mof },
        checkFramework: false)
      let text = String(decoding: data, as: UTF8.self)
      if let fast {
        fastCount += 1
        #expect(fast == expected, "\(text)")
      }
      #expect(slow(data, framework: mof) == expected, "\(text)")
      #expect(
        Evaluation.load(
          data, path: "x.yaml", expectedSubject: nil, expectedReviewer: nil, framework: { _ in mof }
        ).0 == expected)
    }
    // Empty notes are not canonical (the writer drops them), so a few files take the slow path.
    #expect(fastCount > 200)
  }

  @Test func theExamplesAreReadByTheFastPath() throws {
    for subject in ["llama2", "pythia", "bloom", "olmo"] {
      let folder = packageRoot + "/reviews/" + subject
      for file in try FileManager.default.contentsOfDirectory(atPath: folder)
      where file != "subject.yaml" {
        let data = try Data(contentsOf: URL(fileURLWithPath: folder + "/" + file))
        let fast = CanonicalReader.evaluation(
          data, expectedSubject: SubjectID(subject),
          expectedReviewer: ReviewerID(String(file.dropLast(5))),
          framework: { _ in mof },
          checkFramework: true)
        #expect(fast != nil, "\(subject)/\(file)")
        #expect(fast == slow(data, framework: mof))
      }
    }
  }

  @Test func anythingElseFallsBackToTheFullReader() {
    let header = "schema: 1\nsubject: s\nreviewer: r\nframework: mof-1.0\n"
    let empty = Evaluation(subject: "s", reviewer: "r", framework: "mof-1.0")
    func with(_ judgement: Judgement) -> Evaluation {
      var evaluation = empty
      evaluation.judgements["datasets"] = judgement
      return evaluation
    }
    // Each input outside the canonical subset, and what the full reader must make of it.
    let cases: [(String, Evaluation?)] = [
      (header + "criteria: {datasets: {level: open}}\n", with(Judgement(level: "open"))),
      ("# comment\n" + header + "criteria: {}\n", empty),
      (
        header + "criteria:\n  datasets:\n    level: open\n    x-extra: 1\n",
        with(
          Judgement(level: "open", unknownFields: [YAMLField("x-extra", .scalar("1", plain: true))])
        )
      ),
      (
        header + "criteria:\n  datasets:\n    note: n\n    level: open\n",
        with(Judgement(level: "open", note: "n"))
      ),
      (header + "criteria:\n  datasets:\n    level: wide\n", nil),
      (header + "criteria:\n  datasets:\n    level: open\n    confidence: sure\n", nil),
      (header.replacingOccurrences(of: "\n", with: "\r\n") + "criteria: {}\r\n", empty),
    ]
    for (input, expected) in cases {
      let data = Data(input.utf8)
      #expect(
        CanonicalReader.evaluation(
          data, expectedSubject: nil, expectedReviewer: nil, framework: { _ in mof },
          checkFramework: false) == nil, "\(input)")
      let (loaded, problems) = Evaluation.load(
        data, path: "x.yaml", expectedSubject: nil, expectedReviewer: nil, framework: { _ in mof })
      #expect(loaded == expected, "\(input)")
      #expect(problems.isEmpty == (expected != nil), "\(input): \(problems)")
    }
  }
}
