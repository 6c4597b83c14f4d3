import Foundation

#if canImport(Glibc)
  import Glibc
#endif

/// A client of ssh-agent over the Unix socket `SSH_AUTH_SOCK` names (the agent protocol of
/// draft-miller-ssh-agent): it lists keys and signs with one.
public struct SSHAgent: Sendable {
  /// The socket's path.
  public let socketPath: String

  private static let requestIdentities: UInt8 = 11
  private static let identitiesAnswer: UInt8 = 12
  private static let signRequest: UInt8 = 13
  private static let signResponse: UInt8 = 14
  /// Asks an RSA key for `rsa-sha2-512`.
  private static let rsaSHA2_512: UInt32 = 4

  /// The agent of an environment's `SSH_AUTH_SOCK`.
  public init(environment: [String: String]) throws {
    guard let path = environment["SSH_AUTH_SOCK"], !path.isEmpty else {
      throw SSHError.noAgent(reason: "SSH_AUTH_SOCK is not set")
    }
    socketPath = path
  }

  /// The public keys the agent holds.
  public func keys() throws -> [SSHPublicKey] {
    let answer = try exchange([Self.requestIdentities])
    var reader = SSHReader(answer)
    do {
      guard try reader.byte() == Self.identitiesAnswer else {
        throw SSHError.agentProtocol(reason: "the agent did not list its keys")
      }
      var keys: [SSHPublicKey] = []
      for _ in 0..<(try reader.uint32()) {
        let blob = try reader.string()
        _ = try reader.string()
        // Keys of types this tool cannot use are left out, not an error.
        if let key = try? SSHPublicKey(blob: blob, what: "agent") { keys.append(key) }
      }
      return keys
    } catch let error as SSHError {
      throw error
    } catch {
      throw SSHError.agentProtocol(reason: "the agent's list of keys does not read")
    }
  }

  /// Has the agent sign `data` with the private half of `key`, returning the signature blob.
  public func sign(_ data: [UInt8], with key: SSHPublicKey) throws -> [UInt8] {
    var request = SSHWriter()
    request.byte(Self.signRequest)
    request.string(key.blob)
    request.string(data)
    request.uint32(key.type == "ssh-rsa" ? Self.rsaSHA2_512 : 0)
    var reader = SSHReader(try exchange(request.bytes))
    guard (try? reader.byte()) == Self.signResponse, let signature = try? reader.string() else {
      throw SSHError.agentRefused(fingerprint: key.fingerprint)
    }
    return signature
  }

  /// Sends one message and reads the answer, both framed by their length.
  private func exchange(_ message: [UInt8]) throws -> [UInt8] {
    let descriptor = socket(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0)
    guard descriptor >= 0 else { throw SSHError.noAgent(reason: String(cString: strerror(errno))) }
    defer { close(descriptor) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let path = Array(socketPath.utf8)
    guard path.count < MemoryLayout.size(ofValue: address.sun_path) else {
      throw SSHError.noAgent(reason: "the socket path \(socketPath) is too long")
    }
    withUnsafeMutableBytes(of: &address.sun_path) { buffer in
      buffer.copyBytes(from: path)
      buffer[path.count] = 0
    }
    let connected = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        connect(descriptor, $0, socklen_t(MemoryLayout<sockaddr_un>.size))
      }
    }
    guard connected == 0 else {
      throw SSHError.noAgent(
        reason: "cannot connect to \(socketPath): \(String(cString: strerror(errno)))")
    }
    var framed = SSHWriter()
    framed.string(message)
    try send(descriptor, framed.bytes)
    let header = try receive(descriptor, 4)
    let length = header.reduce(0) { $0 << 8 | Int($1) }
    guard length > 0, length <= 256 * 1024 else {
      throw SSHError.agentProtocol(reason: "an answer of \(length) bytes")
    }
    return try receive(descriptor, length)
  }

  private func send(_ descriptor: Int32, _ bytes: [UInt8]) throws {
    var offset = 0
    while offset < bytes.count {
      let sent = bytes[offset...].withUnsafeBytes {
        Glibc.send(descriptor, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL))
      }
      if sent < 0 && errno == EINTR { continue }
      guard sent > 0 else {
        throw SSHError.agentProtocol(reason: "writing: \(String(cString: strerror(errno)))")
      }
      offset += sent
    }
  }

  private func receive(_ descriptor: Int32, _ count: Int) throws -> [UInt8] {
    var result = [UInt8](repeating: 0, count: count)
    var offset = 0
    while offset < count {
      let read = result[offset...].withUnsafeMutableBytes {
        recv(descriptor, $0.baseAddress, $0.count, 0)
      }
      if read < 0 && errno == EINTR { continue }
      guard read > 0 else {
        throw SSHError.agentProtocol(reason: "the agent closed the connection")
      }
      offset += read
    }
    return result
  }
}
