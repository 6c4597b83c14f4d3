import Testing

@testable import ReviewCore

@Suite struct IdentifierTests {
  @Test(arguments: [
    "con", "nul", "aux", "prn", "nul.txt", "com1", "lpt9.yaml", "x.", "a..b", "", "-a",
  ])
  func refused(_ text: String) {
    #expect(!Identifier.isValid(text))
    #expect(Identifier.problem(text, kind: "subject") != nil)
  }

  @Test(arguments: ["com0", "conx", "console", "a.b", "mof-1.0", "llama2", "lpt", "nul-model"])
  func accepted(_ text: String) {
    #expect(Identifier.isValid(text))
    #expect(Identifier.problem(text, kind: "subject") == nil)
  }

  @Test func messagesSayWhy() {
    #expect(
      Identifier.problem("nul", kind: "subject")
        == "invalid subject id 'nul': Windows reserves that name for a device")
    #expect(
      Identifier.problem("x.", kind: "subject") == "invalid subject id 'x.': ids do not end in '.'")
  }
}
