import Foundation
import GGUF
import HallmarkModels
import Testing

/// The engine on a tiny random model with every supported weight type, against a plain
/// double-precision forward pass.
@Suite struct TinyModelTests {
  @Test(arguments: [false, true])
  func matchesPlainForwardPass(tiedOutput: Bool) throws {
    let file = try GGUFFile(bytes: TinyModel.bytes(tiedOutput: tiedOutput), name: "tiny.gguf")
    let model = try LlamaModel(file: file, threads: 2)
    let tokens: [Int32] = [3, 17, 42, 8, 8, 29, 0]
    let got = try model.logits(appending: [tokens], to: [model.makeCache()])[0]
    let expected = try TinyModel.referenceLogits(file, tokens: tokens)
    let scale = expected.map(abs).max()!
    #expect(scale > 0.1)
    let worst = zip(got, expected).map { abs(Double($0) - $1) }.max()!
    #expect(worst < 1e-4 * max(scale, 1), "largest difference \(worst) (logits up to \(scale))")
  }

  @Test func modelErrorsNameTheKeyOrTensor() throws {
    var w = GGUFWriter()
    w.add("general.architecture", .string("gpt2"))
    let e1 = #expect(throws: GGUFError.self) {
      _ = try LlamaModel(file: GGUFFile(bytes: w.serialized(), name: "gpt2.gguf"))
    }
    #expect(e1?.field == "metadata[\"general.architecture\"]")

    // A full header but a missing tensor.
    let tiny = try GGUFFile(bytes: TinyModel.bytes(), name: "tiny.gguf")
    var partial = GGUFWriter()
    for key in tiny.metadata.keys { partial.add(key, tiny.metadata[key]!) }
    let e2 = #expect(throws: GGUFError.self) {
      _ = try LlamaModel(file: GGUFFile(bytes: partial.serialized(), name: "partial.gguf"))
    }
    #expect(e2?.description == "partial.gguf: tensor \"token_embd.weight\": missing")
  }
}
