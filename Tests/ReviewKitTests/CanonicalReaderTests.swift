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
      let fast = CanonicalReader.evaluation(
        data, expectedSubject: nil, expectedReviewer: nil, framework: { _ in mof },
        checkFramework: false)
      let full = slow(data, framework: mof)
      if let fast {
        fastCount += 1
        #expect(fast == full, "\(String(decoding: data, as: UTF8.self))")
      }
      #expect(
        Evaluation.load(
          data, path: "x.yaml", expectedSubject: nil, expectedReviewer: nil, framework: { _ in mof }
        ).0 == full)
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
          data, expectedSubject: subject, expectedReviewer: String(file.dropLast(5)),
          framework: { _ in mof },
          checkFramework: true)
        #expect(fast != nil, "\(subject)/\(file)")
        #expect(fast == slow(data, framework: mof))
      }
    }
  }

  @Test func anythingElseFallsBackToTheFullReader() {
    let inputs = [
      "schema: 1\nsubject: s\nreviewer: r\nframework: mof-1.0\ncriteria: {datasets: {level: open}}\n",
      "# comment\nschema: 1\nsubject: s\nreviewer: r\nframework: mof-1.0\ncriteria: {}\n",
      "schema: 1\nsubject: s\nreviewer: r\nframework: mof-1.0\ncriteria:\n  datasets:\n    level: open\n    x-extra: 1\n",
      "schema: 1\nsubject: s\nreviewer: r\nframework: mof-1.0\ncriteria:\n  datasets:\n    note: n\n    level: open\n",
      "schema: 1\nsubject: s\nreviewer: r\nframework: mof-1.0\ncriteria:\n  datasets:\n    level: wide\n",
      "schema: 1\r\nsubject: s\r\nreviewer: r\r\nframework: mof-1.0\r\ncriteria: {}\r\n",
    ]
    for input in inputs {
      let data = Data(input.utf8)
      #expect(
        CanonicalReader.evaluation(
          data, expectedSubject: nil, expectedReviewer: nil, framework: { _ in mof },
          checkFramework: false) == nil, "\(input)")
      let (loaded, problems) = Evaluation.load(
        data, path: "x.yaml", expectedSubject: nil, expectedReviewer: nil, framework: { _ in mof })
      #expect(loaded == slow(data, framework: mof) || !problems.isEmpty)
    }
  }
}
