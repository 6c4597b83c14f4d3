import ArgumentParser
import ReviewCodec
import ReviewCore
import ReviewRendering
import ReviewStore

struct DiffCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "diff",
    abstract:
      "Compare judgements: two reviewers, two revisions, or a revision and the working tree.",
    discussion: """
      review diff SUBJECT REVIEWER_A REVIEWER_B   where two reviewers differ (at --at)
      review diff [SUBJECT] REV_A [REV_B]          what changed between two revisions, or between \
      REV_A and the working tree
      With three arguments the second and third are reviewers when both have an evaluation of \
      SUBJECT; otherwise they are revisions. Give --reviewers or --revisions to say which.
      """)

  @Argument(help: "SUBJECT REVIEWER_A REVIEWER_B, or [SUBJECT] REV_A [REV_B].")
  var arguments: [String] = []

  @Flag(help: "Read the arguments as SUBJECT REVIEWER_A REVIEWER_B.")
  var reviewers = false

  @Flag(help: "Read the arguments as [SUBJECT] REV_A [REV_B].")
  var revisions = false

  @OptionGroup var options: ReadOptions

  func validate() throws {
    if arguments.isEmpty || arguments.count > 3 {
      throw ValidationError("give 1 to 3 arguments; see --help")
    }
    if reviewers && revisions {
      throw ValidationError("--reviewers and --revisions exclude each other")
    }
    if reviewers && arguments.count != 3 {
      throw ValidationError("--reviewers takes SUBJECT REVIEWER_A REVIEWER_B")
    }
  }

  func run() throws {
    try runReporting {
      let repository = try openRepository()
      let request = try Self.request(
        arguments, reading: reviewers ? .reviewers : revisions ? .revisions : nil, at: options.at,
        in: repository)
      switch request {
      case .reviewers(let subject, let a, let b):
        let differences = try History(repository).compare(subject: subject, a, b, at: options.at)
        if options.format == .json { return try printJSON(differences) }
        let rows = differences.map {
          [$0.criterion.rawValue, $0.field, Format.changeValue($0.a), Format.changeValue($0.b)]
        }
        say(
          rows.isEmpty
            ? "\(a) and \(b) judge \(subject) alike"
            : TerminalText.table([["CRITERION", "FIELD", a.rawValue, b.rawValue]] + rows))
      case .revisions(let subject, let from, let to):
        let changes = try History(repository).diff(subject: subject, from: from, to: to)
        if options.format == .json { return try printJSON(changes) }
        if !changes.isEmpty { say(changes.map(Format.changeLine).joined(separator: "\n")) }
      }
    }
  }
}

/// How to read `review diff`'s arguments when they could be either.
enum DiffReading: Sendable {
  case reviewers
  case revisions
}

/// A comparison `review diff` was asked for.
enum DiffRequest: Sendable, Equatable {
  /// Where two reviewers' evaluations of a subject differ.
  case reviewers(subject: SubjectID, ReviewerID, ReviewerID)
  /// What changed from one revision to another (nil: the working tree), for a subject or all.
  case revisions(subject: SubjectID?, from: String, to: String?)
}

extension DiffCommand {
  /// What `review diff`'s arguments ask for: with three, the second and third are reviewers
  /// when both have an evaluation of the first at `revision`, else revisions; with two, the first
  /// is a subject when there is one of that name. `reading` settles it instead.
  static func request(
    _ arguments: [String], reading: DiffReading?, at revision: String,
    in repository: ReviewRepository
  ) throws -> DiffRequest {
    let snapshot = try repository.snapshot(at: revision)
    let subjects = try snapshot.subjectIDs()
    func hasEvaluation(_ subject: String, _ reviewer: String) -> Bool {
      (try? snapshot.reviewerIDs(SubjectID(subject)).contains(ReviewerID(reviewer))) ?? false
    }
    if arguments.count == 3
      && (reading == .reviewers
        || (reading == nil && subjects.contains(SubjectID(arguments[0]))
          && hasEvaluation(arguments[0], arguments[1])
          && hasEvaluation(arguments[0], arguments[2])))
    {
      return .reviewers(
        subject: SubjectID(arguments[0]), ReviewerID(arguments[1]), ReviewerID(arguments[2]))
    }
    let subject =
      arguments.count == 3 || (arguments.count == 2 && subjects.contains(SubjectID(arguments[0])))
      ? SubjectID(arguments[0]) : nil
    let revisions = Array(arguments.dropFirst(subject == nil ? 0 : 1))
    guard let from = revisions.first, revisions.count <= 2 else {
      throw ValidationError("give [SUBJECT] REV_A [REV_B]")
    }
    return .revisions(subject: subject, from: from, to: revisions.count > 1 ? revisions[1] : nil)
  }
}

extension DiffCommand: Paged {
  var isPaged: Bool { options.format == .text }
}
