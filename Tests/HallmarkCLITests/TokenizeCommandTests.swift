import Foundation
import Testing

/// `hallmark tokenize` on a vocabulary from llama.cpp's test suite (scripts/fetch-llama-vocab).
@Suite struct TokenizeCommandTests {
  static let vocab: String = {
    var u = URL(fileURLWithPath: #filePath)
    for _ in 0..<3 { u.deleteLastPathComponent() }
    return u.appendingPathComponent(".cache/llama-vocab/ggml-vocab-llama-bpe.gguf").path
  }()

  @Test func encodesStdinAndDecodesBack() throws {
    let dir = CLIRunner.folder()
    let enc = try CLIRunner.run(
      ["tokenize", "--tokenizer", Self.vocab], in: dir, stdin: "Hello world")
    #expect(enc.status == 0, "\(enc.stderr)")
    #expect(enc.stdout == "9906 1917\n")
    let dec = try CLIRunner.run(
      ["tokenize", "--tokenizer", Self.vocab, "--decode"], in: dir, stdin: enc.stdout)
    #expect(dec.stdout == "Hello world")
  }

  @Test func jsonNamesTheTokenizerAndNormalization() throws {
    let dir = CLIRunner.folder()
    let r = try CLIRunner.run(
      ["tokenize", "--tokenizer", Self.vocab, "--json", "--add-special", "--normalize", "all"],
      in: dir, stdin: "Hello\u{3000}\u{3000}world")
    #expect(r.status == 0, "\(r.stderr)")
    #expect(r.stdout.contains("\"ids\":[128000,9906,1917]"))
    #expect(r.stdout.contains("\"normalization\":\"nfc+homoglyphs-v1+whitespace\""))
    #expect(r.stdout.contains("\"tokenizer\":\"sha256:"))
  }

  @Test func invalidUTF8IsReportedWithOffsetUnlessReplaced() throws {
    let dir = CLIRunner.folder()
    let file = dir.appendingPathComponent("bad.txt")
    try Data([0x61, 0x62, 0xFF, 0x63]).write(to: file)
    let r = try CLIRunner.run(["tokenize", "--tokenizer", Self.vocab, file.path], in: dir)
    #expect(r.status != 0)
    #expect(r.stderr.contains("bad.txt: invalid UTF-8 at byte offset 2"))
    let ok = try CLIRunner.run(
      ["tokenize", "--tokenizer", Self.vocab, "--replace-invalid", file.path], in: dir)
    #expect(ok.status == 0)
    #expect(!ok.stdout.isEmpty)
  }

  @Test func malformedTokenizerNamesTheField() throws {
    let dir = CLIRunner.folder()
    let file = dir.appendingPathComponent("tokenizer.json")
    try Data(#"{"model": {"type": "BPE", "vocab": {"a": "x"}}}"#.utf8).write(to: file)
    let r = try CLIRunner.run(["tokenize", "--tokenizer", file.path], in: dir, stdin: "a")
    #expect(r.status != 0)
    #expect(r.stderr.contains("model.vocab[\"a\"]"))
  }
}
