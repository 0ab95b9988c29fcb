import Foundation

/// Paths of the repository and its caches, for tests.
enum TestPaths {
  static let root: URL = {
    var u = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { u.deleteLastPathComponent() }
    return u
  }()
  static var llamaVocab: URL { root.appendingPathComponent(".cache/llama-vocab") }
  static var smolLM2: URL {
    root.appendingPathComponent(".cache/models/SmolLM2-135M-Instruct.Q4_1.gguf")
  }
  static var fixtures: URL { root.appendingPathComponent("Tests/HallmarkTextTests/Fixtures") }
}

/// Reads a gzip file with the system `gzip` (tests only).
func gunzip(_ url: URL) throws -> Data {
  let p = Process()
  p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
  p.arguments = ["gzip", "-dc", url.path]
  let pipe = Pipe()
  p.standardOutput = pipe
  try p.run()
  let data = pipe.fileHandleForReading.readDataToEndOfFile()
  p.waitUntilExit()
  if p.terminationStatus != 0 {
    throw NSError(domain: "gunzip", code: Int(p.terminationStatus))
  }
  return data
}
