import CLibgit2
import Foundation

/// What libgit2's C callbacks of a fetch or push are given: the watch over the operation, and
/// what a push reported per reference. A class only to be passed as their payload.
private final class CallbackPayload {
  let watch: NetworkWatch
  var rejected: [String: String] = [:]

  init(watch: NetworkWatch) {
    self.watch = watch
  }

  /// Sets the callbacks that report progress to the watch, with this as their payload.
  func install(in callbacks: inout git_remote_callbacks) {
    callbacks.payload = Unmanaged.passUnretained(self).toOpaque()
    callbacks.transfer_progress = { stats, payload in
      guard let stats, let payload else { return 0 }
      return Unmanaged<CallbackPayload>.fromOpaque(payload).takeUnretainedValue().watch
        .activity(received: Int(stats.pointee.received_bytes)) ? 0 : -1
    }
    callbacks.sideband_progress = { _, _, payload in
      guard let payload else { return 0 }
      return Unmanaged<CallbackPayload>.fromOpaque(payload).takeUnretainedValue().watch
        .activity() ? 0 : -1
    }
    callbacks.push_transfer_progress = { _, _, bytes, payload in
      guard let payload else { return 0 }
      return Unmanaged<CallbackPayload>.fromOpaque(payload).takeUnretainedValue().watch
        .activity() ? 0 : -1
    }
  }
}

extension Repository {
  /// The names of the configured remotes.
  public func remoteNames() throws -> [String] {
    var names = git_strarray()
    try check("list remotes") { git_remote_list(&names, handle) }
    defer { git_strarray_dispose(&names) }
    return (0..<names.count).compactMap { names.strings[$0].map { String(cString: $0) } }
  }

  /// Adds a remote (`git remote add`).
  public func addRemote(_ name: String, url: String) throws {
    var remote: OpaquePointer?
    try check("add remote \(name)") { git_remote_create(&remote, handle, name, url) }
    git_remote_free(remote)
  }

  private func withRemote<T>(_ name: String, _ body: (OpaquePointer) throws -> T) throws -> T {
    var remote: OpaquePointer?
    git_error_clear()
    let code = git_remote_lookup(&remote, handle, name)
    if code == GIT_ENOTFOUND.rawValue {
      throw GitError.libgit2(
        operation: "look up remote \(name)", code: code, message: "no such remote '\(name)'")
    }
    try checked("look up remote \(name)", code: code)
    defer { git_remote_free(remote) }
    return try body(remote!)
  }

  /// Fetches a remote's branches into `refs/remotes/<remote>/*` (forced, as git's default
  /// refspec), stopped when the remote passes `limits`.
  public func fetch(remote name: String, limits: NetworkLimits = .standard) throws {
    try withRemote(name) { remote in
      var options = git_fetch_options()
      try check("git_fetch_options_init") {
        git_fetch_options_init(&options, UInt32(GIT_FETCH_OPTIONS_VERSION))
      }
      try NetworkWatch.guarded("fetch \(name)", limits: limits) { watch in
        let payload = CallbackPayload(watch: watch)
        payload.install(in: &options.callbacks)
        let refspec = strdup("+refs/heads/*:refs/remotes/\(name)/*")
        defer { free(refspec) }
        var specs: [UnsafeMutablePointer<CChar>?] = [refspec]
        try specs.withUnsafeMutableBufferPointer { buffer in
          var array = git_strarray(strings: buffer.baseAddress, count: 1)
          try check("fetch \(name)") {
            withExtendedLifetime(payload) {
              git_remote_fetch(remote, &array, &options, "fetch \(name)")
            }
          }
        }
      }
    }
  }

  /// Pushes a local branch to a branch of a remote without force. Returns the remote's reason
  /// when it refused the update (not a fast-forward because someone pushed meanwhile, or a hook
  /// or policy of the remote), nil when the branch was updated.
  public func push(
    local branch: String, remoteBranch: String, remote name: String,
    limits: NetworkLimits = .standard
  ) throws -> String? {
    try withRemote(name) { remote in
      // git pushes to `pushurl` when the remote has one.
      if let bare = localBareRepository(pushedToBy: remote) {
        return try push(
          local: branch, to: bare, remoteBranch: remoteBranch,
          trackingReference: "refs/remotes/\(name)/\(remoteBranch)")
      }
      return try withPushOptions("push \(branch) to \(name)", limits: limits) { options, report in
        let code = Self.push(
          "refs/heads/\(branch):refs/heads/\(remoteBranch)", remote: remote, options: &options,
          report: report)
        if code != 0 {
          // Transports that refuse a non-fast-forward before sending say so in the error.
          let message =
            git_error_last().flatMap { $0.pointee.message.map { String(cString: $0) } } ?? ""
          if message.contains("non-fast-forward") || message.contains("fast forward")
            || message.contains("rejected")
          {
            return message
          }
          try checked("push \(branch) to \(name)", code: code)
        }
        return report.rejected.first.map { "\($0.key): \($0.value)" }
      }
    }
  }

  /// Pushes tags (`refs/tags/…`) to a remote without force: a tag the remote lacks is created
  /// there, one it has with the same object is left, and one it has with another object is
  /// refused. Returns each refused tag with the reason.
  public func pushTags(
    _ names: [String], remote name: String, limits: NetworkLimits = .standard
  ) throws -> [String: String] {
    guard !names.isEmpty else { return [:] }
    return try withRemote(name) { remote in
      if let bare = localBareRepository(pushedToBy: remote) { return try pushTags(names, to: bare) }
      return try withPushOptions("push tags to \(name)", limits: limits) { options, report in
        // One tag per push: libgit2 1.5 fails a push whose ref the remote holds as an
        // annotated tag ("object is no commit object"), which is how a tag the remote has on
        // another object shows, and that must not stop the other tags.
        var refused: [String: String] = [:]
        for tag in names {
          let code = Self.push("\(tag):\(tag)", remote: remote, options: &options, report: report)
          if code < 0 {
            let message =
              git_error_last().flatMap { $0.pointee.message.map { String(cString: $0) } }
              ?? "error \(code)"
            guard message.contains("no commit object") else {
              _ = try checked("push \(tag) to \(name)", code: code)
              continue
            }
            refused[tag] = "already exists there with another object"
          }
        }
        return refused.merging(report.rejected) { first, _ in first }
      }
    }
  }

  /// The bare repository on this machine that a remote pushes to (git pushes to `pushurl`
  /// when the remote has one); nil for a network remote.
  private func localBareRepository(pushedToBy remote: OpaquePointer) -> Repository? {
    let url = (git_remote_pushurl(remote) ?? git_remote_url(remote)).map { String(cString: $0) }
    guard let path = url.flatMap(localPath(ofRemoteURL:)),
      let bare = try? Repository.open(at: path), bare.workdir == nil
    else { return nil }
    return bare
  }

  /// Runs a network push in `body` with options whose callbacks watch the transfer against
  /// `limits` and record in the payload each reference the remote refused, with its reason.
  private func withPushOptions<T>(
    _ operation: String, limits: NetworkLimits,
    _ body: (inout git_push_options, CallbackPayload) throws -> T
  ) throws -> T {
    var options = git_push_options()
    try check("git_push_options_init") {
      git_push_options_init(&options, UInt32(GIT_PUSH_OPTIONS_VERSION))
    }
    return try NetworkWatch.guarded(operation, limits: limits) { watch in
      let report = CallbackPayload(watch: watch)
      report.install(in: &options.callbacks)
      options.callbacks.push_update_reference = { reference, status, payload in
        if let status, let reference, let payload {
          Unmanaged<CallbackPayload>.fromOpaque(payload).takeUnretainedValue()
            .rejected[String(cString: reference)] = String(cString: status)
        }
        return 0
      }
      return try body(&options, report)
    }
  }

  /// Pushes one refspec with `options`, keeping `report` (their callbacks' payload) alive;
  /// libgit2's return code.
  private static func push(
    _ refspec: String, remote: OpaquePointer, options: inout git_push_options,
    report: CallbackPayload
  ) -> Int32 {
    let spec = strdup(refspec)
    defer { free(spec) }
    var specs: [UnsafeMutablePointer<CChar>?] = [spec]
    git_error_clear()
    return specs.withUnsafeMutableBufferPointer { buffer -> Int32 in
      var array = git_strarray(strings: buffer.baseAddress, count: 1)
      return withExtendedLifetime(report) { git_remote_push(remote, &array, &options) }
    }
  }
}
