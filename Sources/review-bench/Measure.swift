import Foundation

/// Wall time and peak resident memory of one run of a command.
struct Measurement {
  var seconds: Double
  var peakKilobytes: Int
  var outputBytes: Int
}

/// Runs a command with its output (and optional input) through files, timing it, and taking its
/// peak resident memory from GNU time when the machine has it (wait4's figure for a spawned child
/// can include the spawning process's own high-water mark).
func measure(_ arguments: [String], input: String? = nil) throws -> Measurement {
  let timeTool = "/usr/bin/time"
  let memoryFile = FileManager.default.temporaryDirectory.appendingPathComponent(
    "bench-\(getpid()).mem"
  ).path
  let hasTime = FileManager.default.isExecutableFile(atPath: timeTool)
  let arguments = hasTime ? [timeTool, "-f", "%M", "-o", memoryFile] + arguments : arguments
  defer { try? FileManager.default.removeItem(atPath: memoryFile) }
  let output = FileManager.default.temporaryDirectory.appendingPathComponent(
    "bench-\(getpid()).out"
  ).path
  _ = FileManager.default.createFile(atPath: output, contents: nil)
  var inputPath: String?
  if let input {
    inputPath =
      FileManager.default.temporaryDirectory.appendingPathComponent("bench-\(getpid()).in").path
    try input.write(toFile: inputPath!, atomically: true, encoding: .utf8)
  }
  var actions = posix_spawn_file_actions_t()
  posix_spawn_file_actions_init(&actions)
  defer { posix_spawn_file_actions_destroy(&actions) }
  posix_spawn_file_actions_addopen(&actions, 1, output, O_WRONLY | O_TRUNC, 0o644)
  posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
  posix_spawn_file_actions_addopen(&actions, 0, inputPath ?? "/dev/null", O_RDONLY, 0)
  var pid: pid_t = 0
  let argv = arguments.map { strdup($0) } + [nil]
  defer { argv.forEach { free($0) } }
  let start = Date()
  let code = posix_spawnp(&pid, arguments[0], &actions, nil, argv, environ)
  guard code == 0 else {
    throw BenchError("cannot run \(arguments[0]): \(String(cString: strerror(code)))")
  }
  var status: Int32 = 0
  var usage = rusage()
  wait4(pid, &status, 0, &usage)
  let seconds = Date().timeIntervalSince(start)
  guard status == 0 else {
    throw BenchError("\(arguments.joined(separator: " ")) exited with status \(status)")
  }
  let size = ((try? FileManager.default.attributesOfItem(atPath: output))?[.size] as? Int) ?? 0
  try? FileManager.default.removeItem(atPath: output)
  if let inputPath { try? FileManager.default.removeItem(atPath: inputPath) }
  let reported = (try? String(contentsOfFile: memoryFile, encoding: .utf8))
    .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
  return Measurement(
    seconds: seconds, peakKilobytes: reported ?? Int(usage.ru_maxrss), outputBytes: size)
}

/// The fastest of several runs of each of two commands (the least disturbed by the rest of the
/// machine), run in turn so that both see the same moments of a busy machine.
func best(of runs: Int, _ ours: [String], against theirs: [String], input: String? = nil) throws
  -> (ours: Measurement, theirs: Measurement)
{
  var a: [Measurement] = []
  var b: [Measurement] = []
  for _ in 0..<runs {
    a.append(try measure(ours))
    b.append(try measure(theirs, input: input))
  }
  return (a.min { $0.seconds < $1.seconds }!, b.min { $0.seconds < $1.seconds }!)
}

struct BenchError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}
