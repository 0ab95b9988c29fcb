import Foundation
import HallmarkCLITestSupport

/// Runs the built `hallmark` executable, as a user would.
struct CLIRunner {
  typealias Result = HallmarkProcess.Result

  static var executable: URL { HallmarkProcess.executable }

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
    try HallmarkProcess.run(
      arguments, in: folder, stdin: stdin, executable: other.map { URL(fileURLWithPath: $0) })
  }
}
