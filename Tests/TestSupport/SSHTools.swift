import Foundation

extension TestKeys.Pair {
  /// Writes the private key to `folder/name` (mode 0600, as ssh-keygen demands) and the public
  /// key beside it as `name.pub`; returns the private key's path.
  @discardableResult
  public func write(to folder: String, name: String) throws -> String {
    let path = folder + "/" + name
    // A multi-line literal drops its last line break, which ssh-keygen needs.
    try (privateKey + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    try (publicKey + "\n").write(toFile: path + ".pub", atomically: true, encoding: .utf8)
    return path
  }
}

/// An `ssh-agent` of its own on a socket in a temporary folder, holding the keys added to it,
/// stopped by `stop()`.
public final class SSHAgentProcess {
  /// The socket, for `SSH_AUTH_SOCK`.
  public let socket: String
  private let process: Process

  /// Starts an agent with its socket in `folder`.
  public init(folder: String) throws {
    socket = folder + "/agent.sock"
    process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/ssh-agent")
    process.arguments = ["-D", "-a", socket]
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    try process.run()
    for _ in 0..<200 where !FileManager.default.fileExists(atPath: socket) {
      usleep(20_000)
    }
    guard FileManager.default.fileExists(atPath: socket) else {
      stop()
      throw CommandFailed(
        result: ProcessResult(status: -1, stdout: "", stderr: "ssh-agent made no socket"))
    }
  }

  /// Adds a private key file to the agent.
  public func add(_ privateKeyPath: String) throws {
    try run(
      "/usr/bin/ssh-add", ["-q", privateKeyPath], in: "/", environment: ["SSH_AUTH_SOCK": socket]
    ).requireSuccess()
  }

  /// Stops the agent. SIGKILL, since a process spawned from the test runner may have SIGTERM
  /// blocked.
  public func stop() {
    if process.isRunning {
      kill(process.processIdentifier, SIGKILL)
      process.waitUntilExit()
    }
  }

  deinit { stop() }
}
