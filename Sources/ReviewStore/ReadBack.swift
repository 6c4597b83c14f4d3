import Foundation
import ReviewCodec
import ReviewCore

extension ReviewRepository {
  /// Refuses to commit a file the tool's own reader would refuse or read otherwise: too deep,
  /// too large after the canonical rewrite, or holding what YAML cannot carry. The file must read
  /// back, and writing what was read must give the same bytes.
  static func checkReadsBack(_ data: Data, as evaluation: Evaluation, framework: Framework)
    throws
  {
    let (read, problems) = Evaluation.load(
      data, path: evaluation.path, expectedSubject: evaluation.subject,
      expectedReviewer: evaluation.reviewer,
      framework: { $0 == framework.id ? framework : nil })
    guard let read else { throw ReviewError.invalidFiles(problems) }
    guard read.canonicalYAML(order: framework) == data else {
      throw ReviewError.doesNotReadBack(path: evaluation.path)
    }
  }

  /// The same for a subject file.
  static func checkReadsBack(_ data: Data, as subject: Subject) throws {
    let path = FileLocation.subject(subject.id).path
    let document = try YAMLDocument.parse(data, path: path).orThrow()
    let (read, problems) = Subject.read(document, expectedID: subject.id)
    guard let read else { throw ReviewError.invalidFiles(problems) }
    guard read.canonicalYAML() == data else { throw ReviewError.doesNotReadBack(path: path) }
  }
}
