import Foundation

/// A git:// server on 127.0.0.1 that misbehaves as a hostile or broken remote can: it says
/// nothing, or it sends a reference list that never ends. Stopped by `stop()`.
public final class HostileServer: Sendable {
  /// What the server does with each connection.
  public enum Behaviour: Sendable {
    /// Accepts and reads the request, then sends nothing and keeps the connection open.
    case silent
    /// Sends references one after another, forever.
    case endlessReferences
  }

  /// The port it listens on.
  public let port: UInt16
  private let listener: Int32

  /// Listens on a free port and serves connections on a thread of its own.
  public init(_ behaviour: Behaviour) throws {
    let socket = Foundation.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = 0
    let bound = withUnsafePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
        bind(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
      }
    }
    guard socket >= 0, bound == 0, listen(socket, 8) == 0 else {
      throw NSError(
        domain: "HostileServer", code: 1,
        userInfo: [NSLocalizedDescriptionKey: "cannot listen: errno \(errno)"])
    }
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    _ = withUnsafeMutablePointer(to: &address) {
      $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
    }
    port = UInt16(bigEndian: address.sin_port)
    listener = socket
    let thread = Thread {
      while true {
        let connection = accept(socket, nil, nil)
        if connection < 0 { return }
        Thread { Self.serve(connection, behaviour) }.start()
      }
    }
    thread.start()
  }

  private static func serve(_ connection: Int32, _ behaviour: Behaviour) {
    defer { close(connection) }
    var request = [UInt8](repeating: 0, count: 4096)
    _ = read(connection, &request, request.count)
    switch behaviour {
    case .silent:
      // Held open until the client gives up.
      while read(connection, &request, request.count) > 0 {}
    case .endlessReferences:
      let id = String(repeating: "1", count: 40)
      func packet(_ text: String) -> [UInt8] {
        Array(String(format: "%04x", text.utf8.count + 4).utf8) + Array(text.utf8)
      }
      var first = packet("\(id) HEAD\0multi_ack side-band-64k ofs-delta\n")
      guard send(connection, &first, first.count, Int32(MSG_NOSIGNAL)) == first.count else {
        return
      }
      var number = 0
      while true {
        var batch: [UInt8] = []
        for _ in 0..<1_000 {
          batch += packet(
            "\(id) refs/heads/branch-\(number)-\(String(repeating: "x", count: 100))\n")
          number += 1
        }
        if send(connection, &batch, batch.count, Int32(MSG_NOSIGNAL)) != batch.count { return }
      }
    }
  }

  /// A git:// URL of this server.
  public func url(_ repository: String) -> String { "git://127.0.0.1:\(port)/\(repository)" }

  /// Stops listening; connections end when their client closes them.
  public func stop() {
    shutdown(listener, Int32(SHUT_RDWR))
    close(listener)
  }
}
