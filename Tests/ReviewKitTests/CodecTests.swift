import Foundation
import Testing
import Yams

@testable import ReviewCodec
@testable import ReviewCore
@testable import ReviewRendering
@testable import ReviewStore

private func mof() throws -> Framework {
  try ReviewSnapshot(source: EmptySource()).framework("mof-1.0")
}

private func readEvaluation(_ text: String, path: String = "reviews/llama2/alice.yaml") throws
  -> (Evaluation?, [Diagnostic])
{
  let framework = try mof()
  let document = try YAMLDocument.parse(Data(text.utf8), path: path).orThrow()
  return Evaluation.read(
    document, expectedSubject: "llama2", expectedReviewer: "alice",
    framework: { $0 == framework.id ? framework : nil })
}

@Suite struct CodecTests {
  static let withUnknownFields = """
    # a comment that is not kept
    schema: 1
    subject: llama2
    reviewer: alice
    framework: mof-1.0
    panel: { round: 2, tags: [a, b] }
    criteria:
      datasets:
        note: "Pretraining data not released"
        level: closed
        reviewed-on: 2024-10-28
        flags: [yes, no, on]
      model-parameters-final:
        level: restricted
        license: LicenseRef-Llama-2-Community
        evidence: https://ai.meta.com/llama/license/
        confidence: high
    signed-off: yes
    """

  @Test func roundTripKeepsUnknownFieldsAndOrdersCriteriaByTemplate() throws {
    let (read, problems) = try readEvaluation(Self.withUnknownFields)
    #expect(problems.isEmpty)
    let evaluation = try #require(read)
    let text = String(decoding: evaluation.canonicalYAML(order: try mof()), as: UTF8.self)
    #expect(
      text == """
        schema: 1
        subject: llama2
        reviewer: alice
        framework: mof-1.0
        criteria:
          model-parameters-final:
            level: restricted
            license: LicenseRef-Llama-2-Community
            evidence:
              - https://ai.meta.com/llama/license/
            confidence: high
          datasets:
            level: closed
            note: Pretraining data not released
            reviewed-on: 2024-10-28
            flags:
              - yes
              - no
              - on
        panel:
          round: 2
          tags:
            - a
            - b
        signed-off: yes

        """)
    // Reading the canonical form gives the same evaluation, and writing it again the same bytes.
    let (again, _) = try readEvaluation(text)
    #expect(again == evaluation)
    #expect(again?.canonicalYAML(order: try mof()) == evaluation.canonicalYAML(order: try mof()))
  }

  @Test func yamlOneOneWordsStayStrings() throws {
    let (read, _) = try readEvaluation(Self.withUnknownFields)
    let evaluation = try #require(read)
    let flags = evaluation.judgements["datasets"]?.unknownFields.first { $0.key == "flags" }
    #expect(
      flags?.value
        == .sequence([
          .scalar("yes", plain: true), .scalar("no", plain: true), .scalar("on", plain: true),
        ]))
    // Strings the tool writes itself are quoted when another reader would take them for
    // booleans, nulls or numbers.
    var written = evaluation
    written.judgements["datasets"]?.note = "yes"
    written.judgements["model-parameters-final"]?.note = "1.0"
    let text = String(decoding: written.canonicalYAML(order: try mof()), as: UTF8.self)
    #expect(text.contains("note: \"yes\"\n"))
    #expect(text.contains("note: \"1.0\"\n"))
    let loaded = try Yams.load(yaml: text) as? [String: Any]
    let criteria = loaded?["criteria"] as? [String: Any]
    let datasets = criteria?["datasets"] as? [String: Any]
    #expect(datasets?["note"] as? String == "yes")
  }

  @Test(arguments: [
    "plain words", "colon: inside", "hash #inside", "- dash", "'quote", "\"double\"", "back\\slash",
    "line\nbreak", "tab\there", " leading", "trailing ", "null", "~", "Yes", "0o17", "1e3", "@at",
    "ünïcödé ✓", "emoji 🧪", "[bracket", "{brace", "%percent", "*star", "&amp", "!bang", "|pipe",
    ">gt", "", "a: b: c", "x:", "?q", "2024-10-28", "0x1F", ".5", "control\u{07}bell",
  ])
  func everyStringReadsBackAsWritten(text: String) throws {
    var writer = CanonicalYAML()
    writer.write([YAMLField("note", .string(text))])
    let document = try YAMLDocument.parse(Data(writer.text.utf8), path: "t.yaml").orThrow()
    guard case .mapping(let mapping) = document.root else {
      Issue.record("not a mapping")
      return
    }
    #expect(mapping["note"]?.string == text)
    // Another YAML reader with the full resolver reads a string too.
    let loaded = try Yams.load(yaml: writer.text) as? [String: Any]
    #expect(loaded?["note"] as? String == text)
  }

  @Test func subjectRoundTrip() throws {
    let text = """
      schema: 1
      id: llama2
      title: Llama 2 7B
      framework: mof-1.0
      links:
        - https://huggingface.co/meta-llama/Llama-2-7b-hf
      sources: [MOT]

      """
    let document = try YAMLDocument.parse(Data(text.utf8), path: "reviews/llama2/subject.yaml")
      .orThrow()
    let (subject, problems) = Subject.read(document, expectedID: "llama2")
    #expect(problems.isEmpty)
    let written = String(decoding: try #require(subject).canonicalYAML(), as: UTF8.self)
    #expect(written == text.replacingOccurrences(of: "sources: [MOT]", with: "sources:\n  - MOT"))
  }
}

@Suite struct ValidationOfFilesTests {
  @Test func positionsPointAtTheProblem() throws {
    let text = """
      schema: 1
      subject: other
      reviewer: alice
      framework: mof-1.0
      criteria:
        datasets:
          level: closed-ish
          confidence: sure
          license: Apache 2.0
        model-weights:
          level: open

      """
    let (evaluation, problems) = try readEvaluation(text)
    #expect(evaluation == nil)
    #expect(
      problems.map(\.description).sorted() == [
        "reviews/llama2/alice.yaml:10:3: error: unknown criterion 'model-weights' in framework 'mof-1.0'",
        "reviews/llama2/alice.yaml:2:10: error: subject 'other' does not match its folder 'reviews/llama2'",
        "reviews/llama2/alice.yaml:7:12: error: unknown level 'closed-ish' for 'datasets' (levels: closed, restricted, open)",
        "reviews/llama2/alice.yaml:8:17: error: confidence 'sure' is not one of low, medium, high",
        "reviews/llama2/alice.yaml:9:14: error: license 'Apache 2.0' is not an SPDX expression (use SPDX ids such as Apache-2.0, or LicenseRef-Name for other licenses)",
      ])
  }

  @Test func aLevelGivenTwiceIsRefused() throws {
    let text =
      "schema: 1\nsubject: llama2\nreviewer: alice\nframework: mof-1.0\ncriteria:\n  datasets:\n    level: open\n  datasets:\n    level: closed\n"
    let result = YAMLDocument.parse(Data(text.utf8), path: "p.yaml")
    guard case .failure(let diagnostic) = result else {
      Issue.record("duplicate keys were accepted")
      return
    }
    #expect(diagnostic.message.contains("duplicate key 'datasets'"))
  }

  @Test func aliasesAreRefusedBeforeTheyExpand() throws {
    var text = "a: &a [x, x, x, x, x, x, x, x, x, x]\n"
    for index in 1..<30 {
      text +=
        "a\(index): &a\(index) [*a\(index == 1 ? "" : String(index - 1)), *a\(index == 1 ? "" : String(index - 1))]\n"
    }
    let result = YAMLDocument.parse(Data(text.utf8), path: "bomb.yaml")
    guard case .failure(let diagnostic) = result else {
      Issue.record("aliases were accepted")
      return
    }
    #expect(
      diagnostic.description
        == "bomb.yaml:1:4: error: YAML anchors and aliases are not allowed in review files")
  }

  @Test func sizeAndEncodingAreCheckedFirst() {
    let big = Data(repeating: UInt8(ascii: "a"), count: maximumFileSize + 1)
    #expect(
      YAMLDocument.parse(big, path: "big.yaml").failureMessage?.contains("over the limit") == true)
    #expect(
      YAMLDocument.parse(Data([0xff, 0xfe, 0x00]), path: "x.yaml").failureMessage
        == "file is not valid UTF-8")
    #expect(
      YAMLDocument.parse(Data("a: [\n".utf8), path: "x.yaml").failureMessage?.hasPrefix(
        "invalid YAML") == true)
  }

  @Test(arguments: [
    ("llama2", true), ("llama-2.7b_chat", true), ("a", true), ("0", true),
    ("Llama2", false), ("../x", false), ("a/b", false), (".hidden", false), ("a b", false),
    ("", false), ("-x", false), ("a..b", false), (String(repeating: "a", count: 65), false),
    (String(repeating: "a", count: 64), true), ("é", false),
  ])
  func identifiers(text: String, valid: Bool) {
    #expect(Identifier.isValid(text) == valid)
  }

  @Test(arguments: [
    ("Apache-2.0", true), ("MIT OR Apache-2.0", true), ("(MIT AND BSD-3-Clause) OR GPL-2.0+", true),
    ("GPL-2.0-only WITH Classpath-exception-2.0", true), ("LicenseRef-Llama-2-Community", true),
    ("Apache 2.0", false), ("MIT OR", false), ("(MIT", false), ("AND", false), ("MIT)", false),
    ("Llama 2 Community License", false),
  ])
  func spdxExpressions(text: String, valid: Bool) {
    #expect((SPDXExpression.problem(text) == nil) == valid)
  }

  @Test(arguments: [("2/3", 2, 3), ("0.75", 3, 4), ("1", 1, 1), ("0.5", 1, 2), ("4/6", 2, 3)])
  func thresholdsAreExactFractions(text: String, numerator: Int, denominator: Int) {
    let fraction = Fraction(parsing: text)
    #expect(fraction?.numerator == numerator)
    #expect(fraction?.denominator == denominator)
  }
}

extension Result where Failure == Diagnostic {
  var failureMessage: String? {
    if case .failure(let diagnostic) = self { return diagnostic.message }
    return nil
  }
}

@Suite struct CanonicalLayoutTests {
  @Test func nestedValuesOfUnknownFieldsKeepTheirShape() throws {
    let value = YAMLValue.mapping([
      YAMLField(
        "list",
        .sequence([
          .mapping([
            YAMLField("a", .scalar("1", plain: true)),
            YAMLField("b", .sequence([.scalar("x", plain: true)])),
          ]),
          .sequence([.scalar("nested", plain: true)]),
          .sequence([]), .mapping([]), .scalar("", plain: true),
        ])),
      YAMLField("empty", .scalar("", plain: true)),
    ])
    var writer = CanonicalYAML()
    writer.write([YAMLField("extra", value)])
    #expect(
      writer.text == """
        extra:
          list:
            - a: 1
              b:
                - x
            -
              - nested
            - []
            - {}
            -
          empty:

        """)
    let document = try YAMLDocument.parse(Data(writer.text.utf8), path: "t.yaml").orThrow()
    guard case .mapping(let mapping) = document.root, let extra = mapping["extra"] else {
      Issue.record("not a mapping")
      return
    }
    #expect(try extra.yamlValue() == value)
  }
}
