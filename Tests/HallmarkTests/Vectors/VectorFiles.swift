import Foundation

@testable import Hallmark

/// Loads the frozen known-answer files in the repository's Vectors/ folder.
enum VectorFiles {
  static let folder = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent().appendingPathComponent("Vectors")

  static func load(_ name: String) throws -> [String: Any] {
    let data = try Data(contentsOf: folder.appendingPathComponent(name))
    return try JSONSerialization.jsonObject(with: data) as! [String: Any]
  }

  static func scheme(_ object: Any) throws -> SchemeParameters {
    let data = try JSONSerialization.data(withJSONObject: object)
    return try JSONDecoder().decode(SchemeParameters.self, from: data)
  }

  static func key(_ case: [String: Any]) throws -> WatermarkKey {
    try WatermarkKey(
      secret: Hex.decode(`case`["secret"] as! String)!, scheme: scheme(`case`["scheme"]!),
      vocabularySize: `case`["vocabularySize"] as! Int)
  }

  static func ints(_ object: Any?) -> [Int32] {
    (object as! [NSNumber]).map { Int32(truncating: $0) }
  }
}
