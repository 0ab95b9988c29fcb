import Foundation
import Hallmark
import HallmarkText

/// Shared fixtures: a small byte-level BPE tokenizer (4,000 tokens), the default model's
/// tokenizer (fetched by scripts/fetch-model), and text made with a key's embedder.
enum Fixtures {
  static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .appendingPathComponent("Fixtures")

  /// The repository root (for `.cache/models`).
  static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    .deletingLastPathComponent().deletingLastPathComponent()

  /// The small tokenizer.json, uncompressed.
  static let smallTokenizerJSON: Data = try! gunzip(
    folder.appendingPathComponent("small-bpe.tokenizer.json.gz"))

  static let small: any Tokenizer = try! TokenizerLoader.load(
    tokenizerJSON: [UInt8](smallTokenizerJSON), name: "small-bpe")

  /// The default model's path (SmolLM2-135M-Instruct Q4_1).
  static let modelPath = root.appendingPathComponent(
    ".cache/models/SmolLM2-135M-Instruct.Q4_1.gguf"
  ).path

  static let model: any Tokenizer = try! TokenizerLoader.load(
    contentsOf: URL(fileURLWithPath: modelPath))

  /// A key for `tokenizer`.
  static func key(_ scheme: SchemeParameters = .kgw(KGWParameters()), for tokenizer: any Tokenizer)
    -> WatermarkKey
  {
    try! WatermarkKey.generate(
      scheme: scheme, vocabularySize: tokenizer.vocabularySize,
      tokenizerFingerprint: tokenizer.fingerprint.hex)
  }

  /// Ids of tokens that are a space and 2 to 9 lower-case letters and re-tokenize to themselves,
  /// so that text made of them round-trips exactly.
  static func words(_ tokenizer: any Tokenizer) -> [Int32] {
    var ids: [Int32] = []
    for id in 0..<Int32(tokenizer.vocabularySize) {
      let b = tokenizer.tokenBytes(id)
      guard b.count >= 3, b.count <= 10, b[0] == 0x20,
        b.dropFirst().allSatisfy({ $0 >= 0x61 && $0 <= 0x7A })
      else { continue }
      if tokenizer.encode(String(decoding: b, as: UTF8.self)) == [id] { ids.append(id) }
    }
    return ids
  }

  nonisolated(unsafe) static var wordCache: [String: [Int32]] = [:]
  static let lock = NSLock()

  static func cachedWords(_ tokenizer: any Tokenizer) -> [Int32] {
    lock.lock()
    defer { lock.unlock() }
    let name = tokenizer.fingerprint.hex
    if let w = wordCache[name] { return w }
    let w = words(tokenizer)
    wordCache[name] = w
    return w
  }

  /// `count` word tokens chosen by `key`'s embedder from random logits over the word tokens
  /// (nil key: uniformly at random, i.e. unwatermarked), after `context`.
  static func tokens(
    key: WatermarkKey?, tokenizer: any Tokenizer, count: Int, seed: UInt64,
    context: [Int32] = []
  ) -> [Int32] {
    let words = cachedWords(tokenizer)
    var rng = SplitMix64(seed: seed)
    var out: [Int32] = []
    guard let key else {
      for _ in 0..<count { out.append(words[Int(rng.next() % UInt64(words.count))]) }
      return out
    }
    let embedder = SchemeRegistry.embedder(for: key)
    var logits = [Float](repeating: -1e4, count: key.vocabularySize)
    var all = context
    for _ in 0..<count {
      // Only word tokens matter: the others stay near -1e4 whatever the embedder adds.
      for w in words { logits[Int(w)] = Float(rng.uniform() * 4) }
      let t = embedder.nextToken(
        logits: &logits, context: all, settings: SamplingSettings(), uniform: rng.uniform())
      all.append(t)
      out.append(t)
    }
    return out
  }

  /// Text of word tokens (watermarked under `key`, or not when nil).
  static func text(key: WatermarkKey?, tokenizer: any Tokenizer, count: Int, seed: UInt64)
    -> String
  {
    tokenizer.decode(tokens(key: key, tokenizer: tokenizer, count: count, seed: seed))
  }

  /// Reads a gzip file with the system `gzip`.
  static func gunzip(_ url: URL) throws -> Data {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
    p.arguments = ["gzip", "-dc", url.path]
    let out = Pipe()
    p.standardOutput = out
    try p.run()
    let data = out.fileHandleForReading.readDataToEndOfFile()
    p.waitUntilExit()
    guard p.terminationStatus == 0 else { throw CocoaError(.fileReadCorruptFile) }
    return data
  }

  /// A fresh temporary folder.
  static func temporaryFolder() -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent(
      "hallmark-forensics-\(UUID().uuidString)")
    try! FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
  }
}
extension Data {
  func write(to folder: URL, _ name: String) -> String {
    let url = folder.appendingPathComponent(name)
    try! FileManager.default.createDirectory(
      at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
    try! write(to: url)
    return url.path
  }
}

extension String {
  @discardableResult
  func write(to folder: URL, _ name: String) -> String { Data(utf8).write(to: folder, name) }
}
