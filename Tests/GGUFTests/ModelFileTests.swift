import Foundation
import GGUF
import HallmarkModels
import Testing

/// The path of the fetched SmolLM2 model (fetched by `scripts/test` before the tests run).
func modelURL() throws -> URL {
  try DefaultModel.locate(startingAt: URL(fileURLWithPath: #filePath))
}

@Suite struct ModelFileTests {
  @Test func readsSmolLM2Metadata() throws {
    let m = try GGUFFile.readMetadata(contentsOf: modelURL())
    #expect(try m.string("general.architecture") == "llama")
    #expect(try m.int("llama.block_count") == 30)
    #expect(try m.int("llama.embedding_length") == 576)
    #expect(try m.stringArray("tokenizer.ggml.tokens").count == 49_152)
    #expect(try m.int32Array("tokenizer.ggml.token_type").count == 49_152)
    #expect(try m.string("tokenizer.chat_template").contains("<|im_start|>"))
  }

  @Test func opensSmolLM2Tensors() throws {
    let file = try GGUFFile(contentsOf: modelURL())
    #expect(file.tensors.count == 272)
    let embedding = try file.tensor(named: "token_embd.weight")
    #expect(embedding.dimensions == [576, 49_152])
    let end = file.tensors.map { $0.fileOffset + $0.byteCount }.max()!
    #expect(end <= file.byteCount)
  }
}
