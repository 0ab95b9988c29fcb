import Foundation
import Testing

@testable import HallmarkText

/// The committed parity corpus (> 1 MB, `scripts/text-parity/make_corpus.py`) against ids made
/// by llama.cpp and by Hugging Face `tokenizers` (`scripts/text-parity/make_expected.py`).
@Suite struct ParityCorpusTests {
  static let documents: [String] = {
    let data =
      (try? gunzip(TestPaths.fixtures.appendingPathComponent("parity/corpus.jsonl.gz"))) ?? Data()
    return data.split(separator: UInt8(ascii: "\n")).compactMap { line in
      (try? JSONValue.parse([UInt8](line)))?.string
    }
  }()

  static func expected(_ name: String) throws -> [[Int32]] {
    let data = try gunzip(TestPaths.fixtures.appendingPathComponent("parity/\(name)"))
    var rows: [[Int32]] = []
    var row: [Int32] = []
    var value: Int32 = 0
    var inNumber = false
    for b in data {
      if b >= 0x30 && b <= 0x39 {
        value = value * 10 + Int32(b - 0x30)
        inNumber = true
      } else {
        if inNumber { row.append(value) }
        value = 0
        inNumber = false
        if b == 0x0A {
          rows.append(row)
          row = []
        }
      }
    }
    return rows
  }

  static func check(_ tok: any Tokenizer, _ idsFile: String, addSpecial: Bool) throws {
    let docs = documents
    #expect(docs.count > 500)
    #expect(docs.reduce(0) { $0 + $1.utf8.count } >= 1_000_000)
    let rows = try expected(idsFile)
    #expect(rows.count == docs.count)
    var mismatches = 0
    var tokens = 0
    for (d, e) in zip(docs, rows) {
      let got = tok.encode(d, addSpecial: addSpecial)
      tokens += e.count
      if got != e {
        mismatches += 1
        if mismatches <= 3 {
          let k =
            (0..<min(got.count, e.count)).first { got[$0] != e[$0] } ?? min(got.count, e.count)
          Issue.record(
            "\(idsFile): first difference at token \(k): got \(Array(got[k..<min(k + 8, got.count)])), expected \(Array(e[k..<min(k + 8, e.count)])) in \(d.prefix(200).debugDescription)"
          )
        }
      }
    }
    #expect(mismatches == 0, "\(idsFile): \(mismatches) of \(docs.count) documents differ")
    #expect(tokens > 100_000)
  }

  @Test(arguments: [
    ("smollm2", TestPaths.smolLM2),
    ("qwen2", TestPaths.llamaVocab.appendingPathComponent("ggml-vocab-qwen2.gguf")),
    ("llama-bpe", TestPaths.llamaVocab.appendingPathComponent("ggml-vocab-llama-bpe.gguf")),
  ])
  func ggufMatchesLlamaCpp(_ name: String, _ url: URL) throws {
    let tok = try TokenizerLoader.load(contentsOf: url)
    try Self.check(tok, "ids-llama-\(name).txt.gz", addSpecial: false)
  }

  @Test(arguments: ["gpt2", "llama3", "spm", "qwen2nfc", "smollm2"])
  func tokenizerJSONMatchesHuggingFace(_ name: String) throws {
    let json = try gunzip(
      TestPaths.fixtures.appendingPathComponent("parity/hf-\(name).tokenizer.json.gz"))
    let tok = try TokenizerLoader.load(tokenizerJSON: [UInt8](json), name: "hf-\(name)")
    try Self.check(tok, "ids-hf-\(name).txt.gz", addSpecial: true)
  }
}
