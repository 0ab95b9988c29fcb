import Foundation

/// Runs the built `hallmark` executable as a user would, for the test targets that test the
/// command line (a library target, so that they share one runner instead of three copies).
public enum HallmarkProcess {
  /// What a finished run printed, and its exit status.
  public struct Result: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
  }

  /// The `hallmark` executable: `HALLMARK_BIN`, else the one built next to the test bundle.
  public static let executable: URL = {
    if let path = ProcessInfo.processInfo.environment["HALLMARK_BIN"] {
      return URL(fileURLWithPath: path)
    }
    for start in [CommandLine.arguments[0], Bundle.main.bundlePath] {
      var url = URL(fileURLWithPath: start)
      for _ in 0..<4 {
        url.deleteLastPathComponent()
        let candidate = url.appendingPathComponent("hallmark")
        if FileManager.default.isExecutableFile(atPath: candidate.path) { return candidate }
      }
    }
    fatalError("hallmark executable not found near \(CommandLine.arguments[0])")
  }()

  /// Runs `arguments` in `folder` with `stdin` as its input and `environment` added to this
  /// process's, and waits for it. Both output pipes are read at once, so a child that fills
  /// one of them cannot block.
  public static func run(
    _ arguments: [String], in folder: URL, stdin: String? = nil,
    environment: [String: String] = [:], executable other: URL? = nil
  ) throws -> Result {
    let process = Process()
    process.executableURL = other ?? executable
    process.arguments = arguments
    process.currentDirectoryURL = folder
    if !environment.isEmpty {
      process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
    }
    let out = Pipe()
    let err = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    final class Box: @unchecked Sendable { var data = Data() }
    let errors = Box()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      errors.data = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let output = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
      stderr: String(decoding: errors.data, as: UTF8.self))
  }
}
