import Foundation

// review-bench: generates a review repository and times review against git on the same work, in
// the same run, printing the ratios and peak memory. Build and run it in release mode:
//   swift build -c release && .build/release/review-bench [--commits N] [--subjects N] [--reviewers N] [--dir PATH]

var options: [String: String] = [:]
var arguments = Array(CommandLine.arguments.dropFirst())
// `review-bench agreement [--units N] [--reviewers N] [--draws N] [--runs N] [--python PATH]`.
let agreementMode = arguments.first == "agreement"
if agreementMode { arguments.removeFirst() }
while arguments.count >= 2, arguments[0].hasPrefix("--") {
  options[String(arguments[0].dropFirst(2))] = arguments[1]
  arguments.removeFirst(2)
}
if agreementMode && arguments.isEmpty {
  var bench = AgreementBench()
  bench.units = Int(options["units"] ?? "") ?? bench.units
  bench.reviewers = Int(options["reviewers"] ?? "") ?? bench.reviewers
  bench.draws = Int(options["draws"] ?? "") ?? bench.draws
  bench.runs = Int(options["runs"] ?? "") ?? bench.runs
  bench.python = options["python"] ?? bench.python
  do {
    try bench.run()
    exit(0)
  } catch {
    FileHandle.standardError.write(Data("error: \(error)\n".utf8))
    exit(1)
  }
}
guard arguments.isEmpty else {
  FileHandle.standardError.write(
    Data(
      "usage: review-bench [--commits N] [--subjects N] [--reviewers N] [--runs N] [--dir PATH]\n       review-bench agreement [--units N] [--reviewers N] [--draws N] [--runs N] [--python PATH]\n"
        .utf8))
  exit(64)
}
let subjects = Int(options["subjects"] ?? "") ?? 200
let reviewers = Int(options["reviewers"] ?? "") ?? 5
let commits = Int(options["commits"] ?? "") ?? 20_000
let runs = Int(options["runs"] ?? "") ?? 3
let folder =
  options["dir"]
  ?? FileManager.default.temporaryDirectory.appendingPathComponent("review-bench").path
let review =
  options["review"]
  ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
  .appendingPathComponent("review").path
let repository = "\(folder)/bench-\(subjects)x\(reviewers)-\(commits)-signed.git"

do {
  // `git gc` moves the branch into packed-refs, so either file says the repository is made.
  let made = ["/refs/heads/main", "/packed-refs"].contains {
    FileManager.default.fileExists(atPath: repository + $0)
  }
  if !made {
    try? FileManager.default.removeItem(atPath: repository)
    print(
      "generating \(repository): \(subjects) subjects × \(reviewers) reviewers, \(commits) commits")
    let start = Date()
    try Generator(subjects: subjects, reviewers: reviewers, commits: commits).generate(
      at: repository)
    _ = try measure(["git", "-C", repository, "gc", "-q"])
    print(String(format: "generated and packed in %.1f s", Date().timeIntervalSince(start)))
  }
  let blobs = try String(
    decoding: {
      let list = repository + "/blobs.txt"
      _ = try measure([
        "sh", "-c", "git -C '\(repository)' ls-tree -r main reviews | awk '{print $3}' > '\(list)'",
      ])
      return try Data(contentsOf: URL(fileURLWithPath: list))
    }(), as: UTF8.self)
  let allowed = repository + "/allowed_signers"
  try Generator(subjects: subjects, reviewers: reviewers, commits: commits).allowedSigners()
    .write(toFile: allowed, atomically: true, encoding: .utf8)
  let pairs: [(String, [String], [String], String?)] = [
    (
      "history", [review, "-C", repository, "log", "--format", "json"],
      ["git", "-C", repository, "log", "-p", "--", "reviews"], nil
    ),
    (
      "consensus of every subject",
      [review, "-C", repository, "consensus", "--all", "--format", "json"],
      ["git", "-C", repository, "cat-file", "--batch"], blobs
    ),
    (
      "verify every commit", [review, "-C", repository, "verify", "--format", "json"],
      [
        "git", "-C", repository, "-c", "gpg.ssh.allowedSignersFile=\(allowed)", "log",
        "--show-signature", "--format=%H %G?",
      ], nil
    ),
  ]
  print(
    "\nbest of \(runs) runs taken in turn, release build, \(ProcessInfo.processInfo.activeProcessorCount) cores"
  )
  print(
    "work                         review            git               ratio  review peak  git peak")
  for (name, ours, theirs, input) in pairs {
    let (a, b) = try best(of: runs, ours, against: theirs, input: input)
    print(
      name.padding(toLength: 28, withPad: " ", startingAt: 0)
        + String(
          format: " %6.2f s %7.1f MB %6.2f s %7.1f MB  %5.2f  %7.1f MB  %7.1f MB", a.seconds,
          Double(a.outputBytes) / 1e6, b.seconds, Double(b.outputBytes) / 1e6,
          a.seconds / b.seconds,
          Double(a.peakKilobytes) / 1024, Double(b.peakKilobytes) / 1024))
  }
  print("(MB after the time: output size; ratio: review's time over git's)")
} catch {
  FileHandle.standardError.write(Data("error: \(error)\n".utf8))
  exit(1)
}
