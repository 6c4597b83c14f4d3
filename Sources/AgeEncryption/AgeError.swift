/// What went wrong reading an age key or file, or encrypting to one.
public enum AgeError: Error, Equatable, Sendable {
  /// A recipient (`age1…`, `ssh-ed25519 …`) that does not read; `what` names where it came from.
  case malformedRecipient(what: String, reason: String)
  /// An identity file that holds no key this tool reads.
  case malformedIdentity(what: String, reason: String)
  /// A file that is not in the age format.
  case malformedFile(reason: String)
  /// None of the file's recipient stanzas opens with the identity.
  case noMatchingIdentity
  /// The header's MAC or a payload chunk does not authenticate: the file was changed.
  case tampered(reason: String)
}

extension AgeError: CustomStringConvertible {
  /// The problem in words, lower case, without a full stop.
  public var description: String {
    switch self {
    case .malformedRecipient(let what, let reason): return "\(what): bad age recipient: \(reason)"
    case .malformedIdentity(let what, let reason): return "\(what): bad age identity: \(reason)"
    case .malformedFile(let reason): return "not an age file: \(reason)"
    case .noMatchingIdentity: return "the identity is not among the file's recipients"
    case .tampered(let reason): return "the age file was changed: \(reason)"
    }
  }
}
