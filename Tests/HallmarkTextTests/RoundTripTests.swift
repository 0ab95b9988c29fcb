import Foundation
import Testing

@testable import HallmarkText

/// `decode(encode(s)) == s` for byte-level vocabularies, on the corpus and on random strings.
@Suite struct RoundTripTests {
  /// Byte-level vocabularies that hold all 256 byte tokens (Falcon's lacks some, e.g. 0x0B,
  /// which llama.cpp then drops too; see `falconDropsBytesMissingFromItsVocabulary`).
  static let byteLevel = [
    "gpt-2", "llama-bpe", "qwen2", "qwen35", "deepseek-llm", "deepseek-coder", "starcoder",
    "refact", "mpt", "command-r",
  ]

  /// Random valid strings mixing ASCII, whitespace, Latin-1, CJK, emoji, combining marks and
  /// astral code points (deterministic generator).
  static func randomStrings(count: Int, seed: UInt64) -> [String] {
    var state = seed
    func next() -> UInt64 {
      state &+= 0x9E37_79B9_7F4A_7C15
      var z = state
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    let pools: [ClosedRange<UInt32>] = [
      0x20...0x7E, 0x09...0x0D, 0x00...0x1F, 0xA0...0x24F, 0x300...0x36F, 0x400...0x4FF,
      0x4E00...0x4FFF, 0xAC00...0xACFF, 0x1F300...0x1F6FF, 0x10000...0x10FFF, 0x2000...0x206F,
    ]
    return (0..<count).map { _ in
      var s = String.UnicodeScalarView()
      let len = Int(next() % 64)
      for _ in 0..<len {
        let pool = pools[Int(next() % UInt64(pools.count))]
        let v = pool.lowerBound + UInt32(next() % UInt64(pool.count))
        if let u = Unicode.Scalar(v) { s.append(u) }
      }
      return String(s)
    }
  }

  @Test(arguments: byteLevel)
  func decodeInvertsEncode(_ name: String) throws {
    let tok = try TokenizerLoader.load(
      contentsOf: TestPaths.llamaVocab.appendingPathComponent("ggml-vocab-\(name).gguf"))
    var failures = 0
    for s in Self.randomStrings(count: 2000, seed: 7) + ParityCorpusTests.documents.prefix(200) {
      let ids = tok.encode(s, addSpecial: false)
      if tok.decode(ids) != s {
        failures += 1
        if failures < 3 { Issue.record("\(name): \(s.debugDescription) -> \(ids)") }
      }
    }
    #expect(failures == 0)
  }

  @Test func falconDropsBytesMissingFromItsVocabulary() throws {
    let tok = try TokenizerLoader.load(
      contentsOf: TestPaths.llamaVocab.appendingPathComponent("ggml-vocab-falcon.gguf"))
    // Same ids as llama.cpp: the vertical tab has no token and disappears.
    #expect(tok.encode("x\u{0B}y", addSpecial: false) == [99, 100])
    #expect(tok.encode("x \u{0B}y", addSpecial: false) == [99, 204, 100])
  }

  @Test func streamingDecoderEmitsOnlyCompleteUTF8() throws {
    let tok = try TokenizerLoader.load(
      contentsOf: TestPaths.llamaVocab.appendingPathComponent("ggml-vocab-llama-bpe.gguf"))
    let text = "naïve 🦙 llama — 你好世界 👨‍👩‍👧‍👦 done"
    let ids = tok.encode(text, addSpecial: false)
    var dec = tok.streamingDecoder()
    var out = ""
    var pieces = 0
    for id in ids {
      let piece = dec.push(id)
      // Every emitted piece is valid text on its own (no replacement characters).
      #expect(!piece.unicodeScalars.contains("\u{FFFD}"))
      if !piece.isEmpty { pieces += 1 }
      out += piece
    }
    out += dec.finish()
    #expect(out == text)
    #expect(pieces > 3)
  }

  @Test func spmRoundTripsWithPrefixSpaceRemoved() throws {
    let tok = try TokenizerLoader.load(
      contentsOf: TestPaths.llamaVocab.appendingPathComponent("ggml-vocab-llama-spm.gguf"))
    for s in ["Hello world", " leading", "multi\nline\ttext", "ünïcödé 你好"] {
      #expect(tok.decode(tok.encode(s, addSpecial: false)) == s)
    }
    #expect(tok.encode("Hello", addSpecial: true).first == tok.specialTokens.bos)
  }
}
