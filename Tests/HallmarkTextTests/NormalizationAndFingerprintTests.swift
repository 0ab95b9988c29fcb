import Foundation
import Testing

@testable import HallmarkText

@Suite struct NormalizationAndFingerprintTests {
  @Test func detectionNormalizationSteps() {
    let n = DetectionNormalization.all
    #expect(n.name == "nfc+homoglyphs-v1+whitespace")
    #expect(DetectionNormalization(name: n.name) == n)
    #expect(DetectionNormalization.none.apply("a  b") == "a  b")
    #expect(DetectionNormalization(nfc: true).apply("e\u{301}") == "\u{E9}")
    #expect(DetectionNormalization(homoglyphs: true).apply("р\u{200B}аypаl ＡＢＣ") == "paypal ABC")
    #expect(DetectionNormalization(whitespace: true).apply("a \u{3000}\t b\n\n  c") == "a b\nc")
    #expect(DetectionNormalization(name: "bogus") == nil)
  }

  @Test func utf8ValidationReportsOffsets() {
    #expect(UTF8Validation.firstInvalidOffset(Array("héllo 🦙".utf8)) == nil)
    #expect(UTF8Validation.firstInvalidOffset([0x61, 0xFF]) == 1)
    #expect(UTF8Validation.firstInvalidOffset([0x61, 0x62, 0xE2, 0x82]) == 2)
    #expect(UTF8Validation.firstInvalidOffset([0xED, 0xA0, 0x80]) == 0)  // surrogate
    #expect(UTF8Validation.firstInvalidOffset([0xC0, 0x80]) == 0)  // overlong
  }

  @Test func fingerprintsDistinguishTokenizers() throws {
    let names = [
      "gpt-2", "mpt", "starcoder", "refact", "llama-bpe", "qwen2", "qwen35", "llama-spm",
    ]
    var seen: [String: String] = [:]
    for name in names {
      let url = TestPaths.llamaVocab.appendingPathComponent("ggml-vocab-\(name).gguf")
      let a = try TokenizerLoader.load(contentsOf: url).fingerprint
      let b = try TokenizerLoader.load(contentsOf: url).fingerprint
      #expect(a == b)
      #expect(a.hex.count == 64)
      #expect(seen[a.hex] == nil, "\(name) collides with \(seen[a.hex] ?? "")")
      seen[a.hex] = name
    }
  }

  @Test func smolLM2FingerprintIsFrozen() throws {
    let tok = try TokenizerLoader.load(contentsOf: TestPaths.smolLM2)
    #expect(tok.preTokenizer.name == "digits+gpt2")
    #expect(tok.vocabularySize == 49152)
    #expect(
      tok.fingerprint.hex == "67aac6e7fddc6bc6181b2b268b5b91676e1040133543bbbb6b7159736623b0a8")
  }
}
