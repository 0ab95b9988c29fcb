import Foundation
import GGUF
import Testing

@testable import HallmarkText

/// Bad input gives an error naming the field; no byte input crashes a loader.
@Suite struct LoaderRobustnessTests {
  static let smallJSON = """
    {"model": {"type": "BPE", "vocab": {"a": 0, "b": 1, "ab": 2, "Ġ": 3}, "merges": ["a b"]},
     "pre_tokenizer": {"type": "ByteLevel", "add_prefix_space": false},
     "added_tokens": [{"id": 4, "content": "<x>", "special": true}]}
    """

  @Test func smallTokenizerJSONWorks() throws {
    let tok = try TokenizerLoader.load(tokenizerJSON: Array(Self.smallJSON.utf8))
    #expect(tok.encode("ab<x> ab", addSpecial: false) == [2, 4, 3, 2])
    #expect(tok.vocabularySize == 5)
  }

  @Test(arguments: [
    (#"{"model": {"type": "BPE"}}"#, "model.vocab"),
    (#"{"pre_tokenizer": null}"#, "model"),
    (#"{"model": {"type": "WordPiece", "vocab": {}}}"#, "model.type"),
    (#"{"model": {"type": "BPE", "vocab": {"a": -1}}}"#, "model.vocab[\"a\"]"),
    (#"{"model": {"type": "BPE", "vocab": {"a": 0}, "merges": ["a"]}}"#, "model.merges[0]"),
    (#"{"model": {"type": "BPE", "vocab": {"a": 0}, "merges": ["a b"]}}"#, "model.merges"),
    (
      #"{"model": {"type": "BPE", "vocab": {"a": 0}}, "added_tokens": [{"id": 1}]}"#,
      "added_tokens[0].content"
    ),
    (
      #"{"model": {"type": "BPE", "vocab": {"a": 0}}, "pre_tokenizer": {"type": "Split", "pattern": {"Regex": "x+"}}}"#,
      "pre_tokenizer.pattern"
    ),
    (
      #"{"model": {"type": "BPE", "vocab": {"a": 0}}, "normalizer": {"type": "NFKD"}}"#,
      "normalizer.type"
    ),
    (#"{"model": {"type": "BPE", "vocab": {"a": 0}, "unk_token": "<unk>"}}"#, "model.unk_token"),
    (#"{"model": "#, "(json)"),
  ])
  func malformedTokenizerJSONNamesTheField(_ json: String, _ field: String) {
    do {
      _ = try TokenizerLoader.load(tokenizerJSON: Array(json.utf8), name: "t.json")
      Issue.record("accepted \(json)")
    } catch let e as TokenizerError {
      #expect(e.field == field, "\(e)")
      #expect(e.file == "t.json")
    } catch {
      Issue.record("unexpected \(error)")
    }
  }

  /// Deterministic byte mutations of a valid tokenizer.json: every result loads or throws.
  @Test func mutatedTokenizerJSONNeverCrashes() {
    let base = Array(Self.smallJSON.utf8)
    var state: UInt64 = 12345
    func next() -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(truncatingIfNeeded: state >> 33)
    }
    var loaded = 0
    for _ in 0..<1500 {
      var b = base
      for _ in 0..<(1 + next() % 4) {
        let i = next() % b.count
        switch next() % 3 {
        case 0: b[i] = UInt8(truncatingIfNeeded: next())
        case 1: b.remove(at: i)
        default: b.insert(UInt8(truncatingIfNeeded: next()), at: i)
        }
        if b.isEmpty { b = [0x7B] }
      }
      if let t = try? TokenizerLoader.load(tokenizerJSON: b) {
        loaded += 1
        _ = t.encode("ab <x> ba\u{0}\u{1F999}", addSpecial: true)
        _ = t.decode([0, 1, 2, 3, 4, 99, -1])
      }
    }
    #expect(loaded > 0)
  }

  /// Mutations of a real GGUF vocabulary's metadata region: load or throw, never crash.
  @Test func mutatedGGUFNeverCrashes() throws {
    let url = TestPaths.llamaVocab.appendingPathComponent("ggml-vocab-gpt-2.gguf")
    let original = [UInt8](try Data(contentsOf: url))
    var state: UInt64 = 99
    func next() -> Int {
      state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
      return Int(truncatingIfNeeded: state >> 33)
    }
    var errors = 0
    for round in 0..<60 {
      var b = original
      if round % 3 == 0 {
        b = Array(b.prefix(next() % b.count))
      } else {
        for _ in 0..<(1 + next() % 8) {
          // Concentrate on the header and the start of the metadata.
          let i = round % 2 == 0 ? next() % min(b.count, 4096) : next() % b.count
          b[i] = UInt8(truncatingIfNeeded: next())
        }
      }
      do {
        let md = try GGUFFile.readMetadata(bytes: b, name: "mutated.gguf")
        let t = try TokenizerLoader.load(gguf: md)
        _ = t.encode("Hello world 123 🦙", addSpecial: true)
      } catch {
        errors += 1
        #expect(!"\(error)".isEmpty)
      }
    }
    #expect(errors > 0)
  }

  @Test func ggufMissingFieldIsNamed() throws {
    let url = TestPaths.llamaVocab.appendingPathComponent("ggml-vocab-gpt-2.gguf")
    let md = try GGUFFile.readMetadata(contentsOf: url)
    #expect(md["tokenizer.ggml.model"] != nil)
    // Rebuild the metadata without the merges through the GGUF writer is the engine's
    // business; here: an unknown pre-tokenizer is refused with the field named.
    var bytes = [UInt8](try Data(contentsOf: url))
    let key = Array("gpt-2".utf8)
    var i = 0
    while i + key.count <= bytes.count {
      if bytes[i..<(i + key.count)].elementsEqual(key) {
        bytes.replaceSubrange(i..<(i + key.count), with: Array("zzz-9".utf8))
      }
      i += 1
    }
    let md2 = try GGUFFile.readMetadata(bytes: bytes, name: "renamed.gguf")
    do {
      _ = try TokenizerLoader.load(gguf: md2)
      Issue.record("accepted an unknown pre-tokenizer")
    } catch let e as TokenizerError {
      #expect(e.field == "tokenizer.ggml.pre")
      #expect(e.file == "renamed.gguf")
    }
  }
}
