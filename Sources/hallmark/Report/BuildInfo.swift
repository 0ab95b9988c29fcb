import HallmarkEvidence

/// The tool's name, version and build commit as `report.json` records them under `tool`.
///
/// `commit` is a generated constant: `scripts/stamp-build-commit` writes `git describe
/// --always --dirty` into `BuildCommit.swift` before a release build (the file in the
/// repository says "unstamped"), so a report names the exact source it was made with.
enum BuildInfo {
  static let name = "hallmark"
  static let version = "0.1.0"

  static var json: JSONValue {
    ["name": .string(name), "version": .string(version), "commit": .string(BuildCommit.value)]
  }
}
