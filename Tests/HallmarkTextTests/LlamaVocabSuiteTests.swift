import Foundation
import HallmarkText
import Testing

/// llama.cpp's tokenizer test suite (`models/ggml-vocab-*.gguf` with `.inp`/`.out`), fetched by
/// `scripts/fetch-llama-vocab`: every case must give the same ids as llama.cpp.
@Suite struct LlamaVocabSuiteTests {
  static let vocabularies = [
    "gpt-2", "llama-bpe", "qwen2", "qwen35", "deepseek-coder", "deepseek-llm", "falcon",
    "starcoder", "refact", "mpt", "command-r", "llama-spm", "phi-3", "gemma-4",
  ]

  static func cases(_ name: String) throws -> [(String, [Int32])] {
    let base = TestPaths.llamaVocab.appendingPathComponent("ggml-vocab-\(name).gguf")
    let inp = try String(contentsOf: URL(fileURLWithPath: base.path + ".inp"), encoding: .utf8)
    let out = try String(contentsOf: URL(fileURLWithPath: base.path + ".out"), encoding: .utf8)
    var inputs = inp.components(separatedBy: "\n__ggml_vocab_test__\n")
    // llama.cpp's reader yields no empty case after a trailing separator.
    if inp.hasSuffix("\n__ggml_vocab_test__\n") { inputs.removeLast() }
    var lines = out.components(separatedBy: "\n")
    if lines.last == "" { lines.removeLast() }
    #expect(inputs.count == lines.count, "\(name): \(inputs.count) inputs, \(lines.count) outputs")
    return zip(inputs, lines).map { i, o in
      (i, o.split(separator: " ").compactMap { Int32($0) })
    }
  }

  @Test(arguments: vocabularies)
  func vocabularyMatchesLlamaCpp(_ name: String) throws {
    let url = TestPaths.llamaVocab.appendingPathComponent("ggml-vocab-\(name).gguf")
    let tok = try TokenizerLoader.load(contentsOf: url)
    var failures = 0
    for (text, expected) in try Self.cases(name) {
      let got = tok.encode(text, addSpecial: false)
      if got != expected {
        failures += 1
        if failures <= 5 {
          Issue.record("\(name): \(text.debugDescription): got \(got), expected \(expected)")
        }
      }
    }
    #expect(failures == 0, "\(name): \(failures) failing cases")
  }
}
