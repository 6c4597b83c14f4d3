import Foundation

/// A light check of SPDX license expressions (SPDX 2.3, annex D): license ids or `LicenseRef-`
/// references, an optional `+`, joined by AND, OR and WITH, with parentheses. It checks the
/// grammar, not that an id is on the SPDX list, since custom licenses are the point of
/// `LicenseRef-`.
public enum SPDXExpression {
  /// What is wrong with the expression; nil when it is well formed.
  public static func problem(_ text: String) -> String? {
    var tokens: [String] = []
    var current = ""
    for character in text {
      if character == "(" || character == ")" || character == " " {
        if !current.isEmpty { tokens.append(current) }
        current = ""
        if character != " " { tokens.append(String(character)) }
      } else {
        current.append(character)
      }
    }
    if !current.isEmpty { tokens.append(current) }
    guard !tokens.isEmpty else { return "empty license expression" }
    var position = 0
    func isIdentifier(_ token: String) -> Bool {
      let body = token.hasSuffix("+") ? String(token.dropLast()) : token
      guard !body.isEmpty, !["AND", "OR", "WITH"].contains(body.uppercased()) else { return false }
      let allowed = body.allSatisfy {
        $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "." || $0 == ":")
      }
      return allowed
    }
    // expression := term (("AND" | "OR") term)* ; term := "(" expression ")" | id ("WITH" id)?
    func term() -> Bool {
      guard position < tokens.count else { return false }
      if tokens[position] == "(" {
        position += 1
        guard expression(), position < tokens.count, tokens[position] == ")" else { return false }
        position += 1
        return true
      }
      guard isIdentifier(tokens[position]) else { return false }
      position += 1
      if position < tokens.count && tokens[position] == "WITH" {
        position += 1
        guard position < tokens.count, isIdentifier(tokens[position]) else { return false }
        position += 1
      }
      return true
    }
    func expression() -> Bool {
      guard term() else { return false }
      while position < tokens.count && (tokens[position] == "AND" || tokens[position] == "OR") {
        position += 1
        guard term() else { return false }
      }
      return true
    }
    guard expression(), position == tokens.count else {
      return
        "license '\(text)' is not an SPDX expression (use SPDX ids such as Apache-2.0, or LicenseRef-Name for other licenses)"
    }
    return nil
  }
}
