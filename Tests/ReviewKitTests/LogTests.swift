import Foundation
import GitKit
import TestSupport
import Testing

@testable import ReviewCodec
@testable import ReviewCore
@testable import ReviewRendering
@testable import ReviewStore

@Suite struct LogTests {
  /// A random history of several hundred commits (more than one batch of the parallel reader):
  /// canonical edits, hand-written files the fast reader does not take, broken files, reverts
  /// to earlier bytes and file-level fields. `log` must give, commit by commit, what comparing
  /// the whole files of each commit and its parent gives.
  @Test func logAgreesWithWholeFileComparisons() throws {
    try withTemporaryFolder { folder in
      let git = try Repository.create(at: folder + "/history.git", bare: true)
      let repository = ReviewRepository(git: git)
      let framework = try #require(try ReviewSnapshot(source: EmptySource()).frameworks["mof-1.0"])
      var edits = Edits(generator: SeededGenerator(seed: 2_026))
      let files = ["s1/alice", "s1/bob", "s2/alice", "s3/carol"]
      var current: [String: Evaluation] = [:]
      var written: [String: [Data]] = [:]
      var tree: ObjectID?
      var parent: ObjectID?
      // First, one commit that adds a whole panel (compared on all cores).
      let panel = (0..<40).map { "s\($0 % 8 + 4)/r\($0 / 8)" }
      // Every subject has its subject.yaml (log skips them; diff reads the framework there).
      for number in 1...11 {
        let subject = Subject(id: "s\(number)", framework: framework.id)
        tree = try git.tree(
          byUpdating: tree,
          setting: [("reviews/s\(number)/subject.yaml", try git.writeBlob(subject.canonicalYAML()))]
        )
      }
      for file in panel {
        let parts = file.split(separator: "/").map(String.init)
        var evaluation = edits.evaluation()
        (evaluation.subject, evaluation.reviewer) = (SubjectID(parts[0]), ReviewerID(parts[1]))
        let blob = try git.writeBlob(evaluation.canonicalYAML(order: framework))
        tree = try git.tree(byUpdating: tree, setting: [("reviews/\(file).yaml", blob)])
      }
      let importer = Signature(
        name: "Importer", email: "mot@example.org", time: 1_699_999_000, offsetMinutes: 0)
      parent = try git.writeCommit(
        tree: tree!, parents: [], author: importer, committer: importer, message: "import\n")
      try git.moveReference("refs/heads/main", to: parent!, expecting: nil, message: "test")
      for index in 0..<700 {
        let file = edits.pick(files)
        let parts = file.split(separator: "/").map(String.init)
        var evaluation = current[file].map { edits.edit($0) } ?? edits.evaluation()
        (evaluation.subject, evaluation.reviewer) = (SubjectID(parts[0]), ReviewerID(parts[1]))
        current[file] = evaluation
        var bytes = evaluation.canonicalYAML(order: framework)
        switch Int.random(in: 0..<100, using: &edits.generator) {
        case 0..<8: bytes = Data("# read by hand\n".utf8) + bytes
        case 8..<11: bytes = Data("schema: 1\ncriteria: [\n".utf8)
        case 11..<16: bytes = edits.pick(written[file] ?? [bytes])
        default: break
        }
        written[file, default: []].append(bytes)
        let blob = try git.writeBlob(bytes)
        tree = try git.tree(byUpdating: tree, setting: [("reviews/\(file).yaml", blob)])
        let time = Int64(1_700_000_000 + index * 60)
        let author = Signature(
          name: parts[1], email: "\(parts[1])@example.org", time: time, offsetMinutes: 0)
        let commit = try git.writeCommit(
          tree: tree!, parents: parent.map { [$0] } ?? [], author: author, committer: author,
          message: "edit \(index)\n")
        try git.moveReference("refs/heads/main", to: commit, expecting: parent, message: "test")
        parent = commit
      }

      let log = try History(repository).log()
      var expected: [(commit: String, changes: [JudgementChange])] = []
      for commit in try git.walk(from: [parent!], order: .newestFirst) {
        let before = try git.commit(commit).parents.first
        var changes: [JudgementChange] = []
        // In git's order: by subject folder, then by file name.
        for file in (files + panel).sorted(by: {
          $0.split(separator: "/").map { "\($0)" }.lexicographicallyPrecedes(
            $1.split(separator: "/").map { "\($0)" })
        }) {
          func id(_ commit: ObjectID?) throws -> ObjectID? {
            try commit.flatMap {
              try git.entry(at: "reviews/\(file).yaml", in: git.commit($0).tree)?.id
            }
          }
          if try id(before) == id(commit) { continue }
          func read(_ commit: ObjectID?) throws -> Evaluation? {
            guard let commit, let data = try git.file(at: "reviews/\(file).yaml", inCommit: commit)
            else { return nil }
            return Evaluation.load(
              data, path: file, expectedSubject: nil, expectedReviewer: nil,
              framework: { $0 == framework.id ? framework : nil }, checkFramework: false
            ).0
          }
          let parts = file.split(separator: "/").map(String.init)
          changes += SemanticDiff.changes(
            from: try read(before), to: try read(commit), subject: SubjectID(parts[0]),
            reviewer: ReviewerID(parts[1]),
            order: framework)
        }
        if !changes.isEmpty { expected.append((commit.hex, changes)) }
      }
      #expect(expected.count > 500 && expected.last?.changes.count ?? 0 > 500)
      #expect(log.count == expected.count)
      // The first difference only: one wrong entry usually shifts all that follow.
      if let (entry, wanted) = zip(log, expected).first(where: {
        $0.commit != $1.commit || $0.changes != $1.changes
      }) {
        Issue.record("\(entry.commit): \(entry.changes) != \(wanted.commit): \(wanted.changes)")
      }
      // Filtered and streamed, the same entries, handed out in order in several parts.
      let parts = Locked<[[String]]>([])
      try History(repository).log(
        reviewer: "bob", render: { $0.commit },
        emit: { items, _ in parts.withLock { $0.append(items) } })
      let handedOut = parts.withLock { $0 }
      #expect(handedOut.count > 1)
      #expect(
        handedOut.flatMap { $0 }
          == expected.filter { $0.changes.contains { $0.reviewer == "bob" } }.map(\.commit))
      // diff between a commit and its parent says what log says of the commit (diff refuses a
      // revision with a broken file, so those are passed over).
      var compared = 0
      for (commit, changes) in expected.dropLast()
      where commit.hasPrefix("0") || commit.hasPrefix("1") {
        guard
          let diff = try? History(repository).diff(subject: nil, from: commit + "~1", to: commit)
        else {
          continue
        }
        #expect(diff == changes, "\(commit)")
        compared += 1
      }
      #expect(compared > 20)
    }
  }

  /// The JSON written by hand is byte for byte what JSONEncoder writes, escapes included.
  @Test func logJSONIsWhatJSONEncoderWrites() throws {
    let awkward = "quote \" backslash \\ slash / newline \n tab \t bell \u{07} nul \u{0} é 🦙 \u{7F}"
    let entries = [
      LogEntry(
        commit: "abc", author: awkward, email: "a@example.org", date: "2024-11-01T10:00:00+01:00",
        message: "line one\n\nline \"three\"",
        changes: [
          JudgementChange(
            subject: "s", reviewer: "r", criterion: "datasets", field: "level", old: nil,
            new: "open"),
          JudgementChange(
            subject: "s", reviewer: "r", criterion: nil, field: "round", old: awkward, new: nil),
        ]),
      LogEntry(commit: "def", author: "", email: "", date: "", message: "", changes: []),
      // A commit that adds a whole panel: its changes are rendered in parts.
      LogEntry(
        commit: "0ff", author: "Importer", email: "mot@example.org", date: "", message: "import",
        changes: (0..<5_000).map {
          JudgementChange(
            subject: "s\($0 / 17)", reviewer: "mot", criterion: "c\($0 % 17)", field: "level",
            old: nil, new: $0 % 2 == 0 ? "open" : "closed \"\($0)\"")
        }),
    ]
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
    #expect(LogJSON.data(entries) == (try encoder.encode(entries)) + Data("\n".utf8))
    #expect(LogJSON.data([]) == (try encoder.encode([LogEntry]())) + Data("\n".utf8))
    // Written a few objects at a time, the same bytes.
    let layout = LogJSON.layout
    let pieces =
      layout.piece([LogJSON.object(entries[0])], offset: 0) + layout.piece([], offset: 1)
      + layout.piece(entries.dropFirst().map(LogJSON.object), offset: 1)
      + layout.end(count: entries.count)
    #expect(pieces == LogJSON.data(entries))
  }
}
