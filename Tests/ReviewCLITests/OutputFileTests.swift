import Foundation
import ReviewCore
import TestSupport
import Testing

/// `-o` behaves as a shell's `>`: a regular file is replaced atomically (through a link, which
/// stays), anything else is written into, and `-` is standard output.
@Suite struct OutputFileTests {
  @Test func aLinkIsFollowedAndTheFileKeepsItsMode() throws {
    try withLlamaRepository { workspace in
      let target = workspace.root + "/../report.md"
      let link = workspace.root + "/link.md"
      try "old\n".write(toFile: target, atomically: true, encoding: .utf8)
      chmod(target, 0o640)
      try FileManager.default.createSymbolicLink(atPath: link, withDestinationPath: "../report.md")
      try workspace.review(["report", "llama2", "-o", "link.md"]).requireSuccess()
      #expect(
        try FileManager.default.destinationOfSymbolicLink(atPath: link) == "../report.md")
      #expect(try String(contentsOfFile: target, encoding: .utf8).hasPrefix("# Llama 2 7B"))
      let mode = try FileManager.default.attributesOfItem(atPath: target)[.posixPermissions]
      #expect(mode as? Int == 0o640)
    }
  }

  @Test func aFIFOIsWrittenIntoNotReplaced() throws {
    try withLlamaRepository { workspace in
      let fifo = workspace.root + "/../pipe"
      #expect(mkfifo(fifo, 0o600) == 0)
      let received = Locked(Data())
      let done = DispatchSemaphore(value: 0)
      DispatchQueue.global().async {
        if let reader = FileHandle(forReadingAtPath: fifo) {
          let data = reader.readDataToEndOfFile()
          received.withLock { $0 = data }
        }
        done.signal()
      }
      try workspace.review(["report", "llama2", "-o", fifo]).requireSuccess()
      #expect(done.wait(timeout: .now() + 30) == .success)
      #expect(String(decoding: received.withLock { $0 }, as: UTF8.self).hasPrefix("# Llama 2 7B"))
      var info = stat()
      #expect(lstat(fifo, &info) == 0 && info.st_mode & S_IFMT == S_IFIFO)
    }
  }

  @Test func aDashIsStandardOutputAndAFolderIsRefused() throws {
    try withLlamaRepository { workspace in
      let out = try workspace.review(["report", "llama2", "-o", "-"]).requireSuccess()
      #expect(out.stdout.hasPrefix("# Llama 2 7B"))
      #expect(!FileManager.default.fileExists(atPath: workspace.root + "/-"))
      let folder = try workspace.review(["report", "llama2", "-o", "reviews"])
      #expect(folder.status == 1)
      #expect(folder.stderr == "error: reviews: cannot write file (is a folder)\n")
    }
  }
}
