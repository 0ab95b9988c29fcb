import Foundation

@testable import HallmarkEvidence

/// A fresh directory under the system's temporary folder, removed on deinit.
final class TemporaryDirectory {
  let url: URL
  var path: String { url.path }

  init() throws {
    url = FileManager.default.temporaryDirectory
      .appendingPathComponent("hallmark-evidence-tests-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
  }

  func file(_ name: String) -> String { url.appendingPathComponent(name).path }

  func write(_ name: String, _ bytes: [UInt8]) throws {
    try Data(bytes).write(to: url.appendingPathComponent(name))
  }

  deinit { try? FileManager.default.removeItem(at: url) }
}

/// Runs external commands (the stock openssl, bash scripts) for tests.
enum Command {
  struct Result {
    var status: Int32
    var output: String
  }

  /// The repository root, found from this file's path.
  static let repositoryRoot = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

  static func script(_ name: String) -> String {
    repositoryRoot.appendingPathComponent("scripts").appendingPathComponent(name).path
  }

  /// Runs `arguments` (first is looked up on PATH) in `directory`, output and errors merged.
  @discardableResult
  static func run(_ arguments: [String], in directory: String? = nil) throws -> Result {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = arguments
    if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let data = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return Result(status: process.terminationStatus, output: String(decoding: data, as: UTF8.self))
  }
}

/// The throwaway PKI of scripts/make-test-pki.sh in a temporary directory.
final class TestPKI {
  let directory: TemporaryDirectory

  init() throws {
    directory = try TemporaryDirectory()
    let result = try Command.run(["bash", Command.script("make-test-pki.sh"), directory.path])
    guard result.status == 0 else {
      throw EvidenceError.file(path: "make-test-pki.sh", reason: result.output)
    }
  }

  func path(_ name: String) -> String { directory.file(name) }
  func bytes(_ name: String) throws -> [UInt8] { try FileIO.read(path: path(name)) }
}

/// scripts/tsa-server.py serving a TestPKI's TSA on 127.0.0.1; stopped on deinit.
final class LocalTSA {
  let process = Process()
  let stdin = Pipe()
  let url: URL

  init(pki: TestPKI) throws {
    process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    process.arguments = [
      "python3", Command.script("tsa-server.py"), pki.directory.path, "--exit-on-stdin-eof",
    ]
    let stdout = Pipe()
    process.standardOutput = stdout
    process.standardInput = stdin
    try process.run()
    // First line: "PORT <n>".
    var line: [UInt8] = []
    while true {
      let byte = stdout.fileHandleForReading.readData(ofLength: 1)
      guard let b = byte.first else { break }
      if b == 0x0A { break }
      line.append(b)
    }
    let text = String(decoding: line, as: UTF8.self)
    guard text.hasPrefix("PORT "), let port = Int(text.dropFirst(5)) else {
      process.terminate()
      throw EvidenceError.timestampFailed(reason: "local TSA did not start: \(text)")
    }
    url = URL(string: "http://127.0.0.1:\(port)/tsa")!
  }

  deinit {
    try? stdin.fileHandleForWriting.close()
    process.terminate()
    process.waitUntilExit()
  }
}

/// Flips one bit in each byte of the file at `path` in turn, handing `body` the byte's index
/// and the changed contents while the file holds them; the original is written back after.
func forEachFlippedByte(ofFile path: String, _ body: (Int, [UInt8]) throws -> Void) throws {
  let original = try FileIO.read(path: path)
  for index in original.indices {
    var changed = original
    changed[index] ^= 0x01
    try FileIO.write(changed, to: path, overwrite: true)
    try body(index, changed)
  }
  try FileIO.write(original, to: path, overwrite: true)
}
