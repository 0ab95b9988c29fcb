import Foundation

/// Runs the built `hallmark` executable as a user would.
enum CLI {
  struct Result {
    let status: Int32
    let stdout: String
    let stderr: String

    /// The stdout lines parsed as JSON objects.
    var records: [[String: Any]] {
      stdout.split(separator: "\n").map {
        (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) ?? [:]
      }
    }
  }

  static let executable: URL = {
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

  /// Runs `hallmark arguments` in `folder` with the default model at `HALLMARK_MODEL`.
  @discardableResult
  static func run(_ arguments: [String], in folder: URL, stdin: String? = nil) throws -> Result {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = folder
    var environment = ProcessInfo.processInfo.environment
    environment["HALLMARK_MODEL"] = Fixtures.modelPath
    process.environment = environment
    let out = Pipe()
    let err = Pipe()
    let input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    // Read both pipes concurrently so a full stderr pipe cannot block the child.
    final class Box: @unchecked Sendable { var data = Data() }
    let errBox = Box()
    let group = DispatchGroup()
    group.enter()
    DispatchQueue.global().async {
      errBox.data = err.fileHandleForReading.readDataToEndOfFile()
      group.leave()
    }
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    group.wait()
    let errData = errBox.data
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }
}
