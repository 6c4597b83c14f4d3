import Foundation
import ReviewCodec
import ReviewCore
import ReviewStore

extension SubjectReport: Encodable {
  private enum Keys: String, CodingKey { case consensus, date, history, rounds }
  /// Encodes the JSON shape the README documents.
  public func encode(to encoder: Encoder) throws {
    try consensus.encode(to: encoder)
    var container = encoder.container(keyedBy: Keys.self)
    try container.encode(commitDate, forKey: .date)
    try container.encode(history, forKey: .history)
    try container.encode(rounds, forKey: .rounds)
  }
}
