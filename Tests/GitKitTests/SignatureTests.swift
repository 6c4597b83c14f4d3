import Foundation
import GitKit
import Testing

@Suite struct SignatureTests {
  @Test(arguments: [
    ("@1700000000 +0100", Int64(1_700_000_000), 60),
    ("1700000000 -0230", 1_700_000_000, -150),
    ("@1700000000", 1_700_000_000, 0),
    ("2005-04-07T22:13:13+02:00", 1_112_904_793, 120),
    ("2005-04-07 22:13:13 +0200", 1_112_904_793, 120),
    ("2005-04-07T20:13:13Z", 1_112_904_793, 0),
    ("2005-04-07T20:13:13", 1_112_904_793, 0),
    ("Thu, 07 Apr 2005 22:13:13 +0200", 1_112_904_793, 120),
    ("07 Apr 2005 22:13:13 +0200", 1_112_904_793, 120),
  ])
  func parsesGitDates(text: String, time: Int64, offset: Int) {
    let parsed = GitDate.parse(text)
    #expect(parsed?.time == time)
    #expect(parsed?.offsetMinutes == offset)
  }

  @Test(arguments: [
    "yesterday", "2005-13-01T00:00:00Z", "2005-02-30 10:00:00", "1700000000", "", "@x",
  ])
  func refusesOtherDates(text: String) {
    #expect(GitDate.parse(text) == nil)
  }

  @Test func environmentWinsOverConfigAsInGit() throws {
    let config = ["user.name": "Config Name", "user.email": "config@example.org"]
    let environment = [
      "GIT_AUTHOR_NAME": "Env Author", "GIT_AUTHOR_DATE": "@1700000000 +0000",
      "GIT_COMMITTER_EMAIL": "committer@example.org",
    ]
    let author = try Signature.resolve(
      role: .author, environment: environment, config: { config[$0] },
      preferred: ("Registry Name", "registry@example.org"))
    #expect(author.name == "Env Author")
    #expect(author.email == "registry@example.org")
    #expect(author.time == 1_700_000_000)
    let committer = try Signature.resolve(
      role: .committer, environment: environment, config: { config[$0] })
    #expect(committer.name == "Config Name")
    #expect(committer.email == "committer@example.org")
    #expect(throws: GitError.missingIdentity(role: "author")) {
      try Signature.resolve(role: .author, environment: [:], config: { _ in nil })
    }
    #expect(throws: GitError.invalidDate(variable: "GIT_AUTHOR_DATE", value: "soon")) {
      try Signature.resolve(
        role: .author, environment: ["GIT_AUTHOR_DATE": "soon"], config: { config[$0] })
    }
  }

  @Test func isoDateUsesTheSignaturesOwnOffset() {
    let signature = Signature(name: "a", email: "b", time: 1_112_904_793, offsetMinutes: 120)
    #expect(signature.isoDate == "2005-04-07T22:13:13+02:00")
  }
}
