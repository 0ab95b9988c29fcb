import Foundation

/// Runs the built `hallmark` executable, as a user would.
struct CLIRunner {
  struct Result {
    let status: Int32
    let stdout: String
    let stderr: String
  }

  static let executable: URL = {
    if let path = ProcessInfo.processInfo.environment["HALLMARK_BIN"] {
      return URL(fileURLWithPath: path)
    }
    var candidates: [URL] = []
    for start in [CommandLine.arguments[0], Bundle.main.bundlePath] {
      var url = URL(fileURLWithPath: start)
      for _ in 0..<4 {
        url.deleteLastPathComponent()
        candidates.append(url.appendingPathComponent("hallmark"))
      }
    }
    guard
      let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) })
    else { fatalError("hallmark executable not found near \(CommandLine.arguments[0])") }
    return found
  }()

  /// A fresh temporary folder for one test.
  static func folder() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "hallmark-cli-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  @discardableResult
  static func run(
    _ arguments: [String], in folder: URL, stdin: String? = nil, executable other: String? = nil
  ) throws -> Result {
    let process = Process()
    process.executableURL = other.map { URL(fileURLWithPath: $0) } ?? executable
    process.arguments = arguments
    process.currentDirectoryURL = folder
    let out = Pipe()
    let err = Pipe()
    process.standardOutput = out
    process.standardError = err
    let input = Pipe()
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(
      status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
      stderr: String(decoding: errData, as: UTF8.self))
  }
}
