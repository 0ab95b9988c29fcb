import Foundation
import HallmarkEvidence

/// The tool's name, version and build commit as `report.json` records them under `tool`.
///
/// `commit` is a generated constant when `scripts/stamp-build-commit` ran before the build
/// (it writes `git describe --always --dirty` into `BuildCommit.swift`). An unstamped build
/// run from its own checkout (`.build/<config>/hallmark`) asks that checkout's git instead and
/// records `git describe --always --dirty` with the suffix "+unstamped-build"; elsewhere the
/// commit reads "unstamped".
enum BuildInfo {
  static let name = "hallmark"
  static let version = "0.1.0"

  static let commit: String = {
    if BuildCommit.value != "unstamped" { return BuildCommit.value }
    // .build/<triple>/<config>/hallmark or .build/<config>/hallmark → the checkout.
    var url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    for _ in 0..<5 {
      url.deleteLastPathComponent()
      if FileManager.default.fileExists(atPath: url.appendingPathComponent(".git").path) {
        let git = Process()
        git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        git.arguments = ["git", "-C", url.path, "describe", "--always", "--dirty"]
        let pipe = Pipe()
        git.standardOutput = pipe
        git.standardError = FileHandle.nullDevice
        guard (try? git.run()) != nil else { break }
        let text = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        git.waitUntilExit()
        let described = text.trimmingCharacters(in: .whitespacesAndNewlines)
        if git.terminationStatus == 0 && !described.isEmpty {
          return described + "+unstamped-build"
        }
        break
      }
    }
    return BuildCommit.value
  }()

  static var json: JSONValue {
    ["name": .string(name), "version": .string(version), "commit": .string(commit)]
  }
}
