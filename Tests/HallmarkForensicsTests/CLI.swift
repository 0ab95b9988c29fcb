import Foundation
import HallmarkCLITestSupport

/// Runs the built `hallmark` executable as a user would.
enum CLI {
  typealias Result = HallmarkProcess.Result

  /// Runs `hallmark arguments` in `folder` with the default model at `HALLMARK_MODEL`.
  @discardableResult
  static func run(_ arguments: [String], in folder: URL, stdin: String? = nil) throws -> Result {
    try HallmarkProcess.run(
      arguments, in: folder, stdin: stdin, environment: ["HALLMARK_MODEL": Fixtures.modelPath])
  }
}

extension HallmarkProcess.Result {
  /// The stdout lines parsed as JSON objects.
  var records: [[String: Any]] {
    stdout.split(separator: "\n").map {
      (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) ?? [:]
    }
  }
}
