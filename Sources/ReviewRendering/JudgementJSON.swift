import Foundation
import ReviewCodec
import ReviewCore
import ReviewStore

/// A judgement in JSON: every field of the table by its key (a scalar only when present, a set
/// always, as a list), then the fields the tool does not know are left out.
extension Judgement: Encodable {
  private struct Key: CodingKey {
    var stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { nil }
  }

  /// Encodes the JSON shape the README documents.
  public func encode(to encoder: Encoder) throws {
    var container = encoder.container(keyedBy: Key.self)
    for field in JudgementField.allCases {
      let key = Key(stringValue: field.key)
      switch field.shape {
      case .scalar: try container.encodeIfPresent(self[field], forKey: key)
      case .set: try container.encode(self[items: field], forKey: key)
      }
    }
  }
}
