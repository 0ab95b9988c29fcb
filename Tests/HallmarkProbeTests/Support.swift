import Foundation
import HallmarkCLITestSupport
import HallmarkProbe

/// Temporary files and the built `hallmark` executable.
enum Support {
  static func folder() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "hallmark-probe-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }

  /// A prompts file with `count` prompts (alternating plain and chat form).
  static func prompts(_ count: Int, in folder: URL) -> (path: String, prompts: [ProbePrompt]) {
    var lines: [String] = []
    var prompts: [ProbePrompt] = []
    for i in 0..<count {
      if i % 2 == 0 {
        lines.append("{\"prompt\": \"Tell me about rivers, number \(i).\"}")
        prompts.append(ProbePrompt(text: "Tell me about rivers, number \(i)."))
      } else {
        lines.append(
          "{\"messages\": [{\"role\": \"system\", \"content\": \"Be brief.\"}, {\"role\": \"user\", \"content\": \"Stone \(i)?\"}]}"
        )
        prompts.append(
          ProbePrompt(messages: [
            ChatMessage(role: "system", content: "Be brief."),
            ChatMessage(role: "user", content: "Stone \(i)?"),
          ]))
      }
    }
    let path = folder.appendingPathComponent("prompts.jsonl").path
    _ = FileManager.default.createFile(
      atPath: path, contents: Data((lines.joined(separator: "\n") + "\n").utf8))
    return (path, prompts)
  }

  /// The records of an output file, keyed by (prompt, sample), with the number of lines.
  static func records(at path: String) throws -> (keys: [ProbeItem], lines: Int) {
    let data = FileManager.default.contents(atPath: path) ?? Data()
    var keys: [ProbeItem] = []
    var lines = 0
    for line in data.split(separator: 0x0A) {
      lines += 1
      let record = try JSONDecoder().decode(ProbeRecord.self, from: Data(line))
      keys.append(ProbeItem(prompt: record.promptIndex, sample: record.sampleIndex))
    }
    return (keys, lines)
  }

  /// Complete lines in a file (those ending in a newline).
  static func completeLines(_ path: String) -> Int {
    (FileManager.default.contents(atPath: path) ?? Data()).reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
  }

  static var executable: URL { HallmarkProcess.executable }

  /// A started `hallmark` process whose output is collected in files.
  struct Run {
    let process: Process
    let stdout: URL
    let stderr: URL

    var output: String {
      (try? String(contentsOf: stdout, encoding: .utf8)) ?? ""
    }
    var errors: String {
      (try? String(contentsOf: stderr, encoding: .utf8)) ?? ""
    }
  }

  static func start(_ arguments: [String], in folder: URL, environment: [String: String] = [:])
    throws -> Run
  {
    let process = Process()
    process.executableURL = executable
    process.arguments = arguments
    process.currentDirectoryURL = folder
    var env = ProcessInfo.processInfo.environment
    for (k, v) in environment { env[k] = v }
    process.environment = env
    let id = UUID().uuidString
    let out = folder.appendingPathComponent("stdout-\(id)")
    let err = folder.appendingPathComponent("stderr-\(id)")
    _ = FileManager.default.createFile(atPath: out.path, contents: nil)
    _ = FileManager.default.createFile(atPath: err.path, contents: nil)
    process.standardOutput = try FileHandle(forWritingTo: out)
    process.standardError = try FileHandle(forWritingTo: err)
    process.standardInput = FileHandle.nullDevice
    try process.run()
    return Run(process: process, stdout: out, stderr: err)
  }

  /// Polls `condition` every 5 ms for at most `seconds`.
  static func waitFor(seconds: Double, _ condition: () -> Bool) async -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if condition() { return true }
      try? await Task.sleep(for: .milliseconds(5))
    }
    return condition()
  }

  /// Waits for a process to exit, at most `seconds` (then kills it).
  static func wait(_ run: Run, seconds: Double) async -> Int32 {
    let exited = await waitFor(seconds: seconds) { !run.process.isRunning }
    if !exited {
      kill(run.process.processIdentifier, SIGKILL)
      run.process.waitUntilExit()
      return -1
    }
    return run.process.terminationStatus
  }
}
