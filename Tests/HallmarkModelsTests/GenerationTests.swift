import Foundation
import GGUF
import HallmarkModels
import Testing

@Suite struct GenerationTests {
  let model = Support.model

  @Test func greedyGenerationMatchesTheReferenceAndStopsAtEOS() throws {
    let reference = try Support.fixture("reference-transformers", as: Support.Reference.self)
    // Prompt 0 ("What is the capital of France?") ends its answer with <|im_end|> (id 2).
    let record = reference.records[0]
    let end = try #require(record.greedy.firstIndex(of: 2))
    let generator = Generator(
      model: model, settings: GenerationSettings(temperature: 0, maxTokens: 32))
    let completion = try generator.generate(prompts: [record.prompt])[0]
    #expect(completion.tokens == Array(record.greedy[...end]))
    #expect(completion.finishReason == .stop(2))
  }

  @Test func sampledCompletionsDoNotDependOnBatchSize() throws {
    let prompts: [[Int32]] = [[504, 2365, 6354], [1, 9690, 198], [2683, 314, 253], [260, 3003]]
    let settings = GenerationSettings(temperature: 1, topK: 50, topP: 0.95, seed: 7, maxTokens: 12)
    let one = try Generator(model: model, settings: settings, batchSize: 1).generate(
      prompts: prompts)
    var finished: [Int] = []
    var streamed = [[Int32]](repeating: [], count: prompts.count)
    let three = try Generator(model: model, settings: settings, batchSize: 3).generate(
      prompts: prompts, onToken: { streamed[$0].append($1) },
      onCompletion: { finished.append($0.index) })
    #expect(one == three)
    #expect(Set(finished) == [0, 1, 2, 3] && finished.count == 4)
    #expect(streamed == three.map(\.tokens))
    for c in three {
      if case .length = c.finishReason { #expect(c.tokens.count == 12) }
    }
    // Another seed gives other text.
    var other = settings
    other.seed = 8
    #expect(
      try Generator(model: model, settings: other, batchSize: 4).generate(prompts: prompts) != one)
  }

  /// The picker sees logits divided by the temperature and the whole context.
  @Test func pickerHookGetsTemperatureScaledLogitsAndContext() throws {
    struct Recorder: TokenPicker {
      let box: Box
      mutating func pick(logits: UnsafeMutableBufferPointer<Float>, context: [Int32]) -> Int32 {
        box.logits.append(Array(logits))
        box.contexts.append(context)
        return 42
      }
    }
    final class Box: @unchecked Sendable {
      var logits: [[Float]] = []
      var contexts: [[Int32]] = []
    }
    let prompt: [Int32] = [504, 2365]
    let raw = try model.logits(appending: [prompt], to: [model.makeCache()])[0]
    let box = Box()
    let settings = GenerationSettings(temperature: 0.5, maxTokens: 3)
    let result = try Generator(model: model, settings: settings).generate(
      prompts: [prompt], picker: { _ in Recorder(box: box) })
    #expect(result[0].tokens == [42, 42, 42])
    #expect(box.contexts == [prompt, prompt + [42], prompt + [42, 42]])
    #expect(box.logits[0] == raw.map { $0 / 0.5 })
  }

  @Test func chatTemplateFromSmolLM2Metadata() throws {
    let template = try #require(ChatTemplate(metadata: model.file.metadata))
    let system = "You are a helpful AI assistant named SmolLM, trained by Hugging Face"
    #expect(template.style == .chatML(defaultSystem: system))
    #expect(
      template.render([ChatMessage(role: "user", content: "Hi")])
        == "<|im_start|>system\n\(system)<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n"
    )
    #expect(
      template.render(
        [
          ChatMessage(role: "system", content: "Be brief."),
          ChatMessage(role: "user", content: "Hi"),
        ],
        addGenerationPrompt: false)
        == "<|im_start|>system\nBe brief.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n")
    // The reference prompts were rendered the same way.
    let prompts = try Support.fixture("prompt-ids", as: Support.Prompts.self)
    let first = prompts.prompts[0]
    #expect(
      first.text
        == template.render([ChatMessage(role: "user", content: "What is the capital of France?")]))
  }

  @Test func otherTemplates() {
    let llama3 = ChatTemplate(
      source: "{{ '<|start_header_id|>' + message['role'] + '<|end_header_id|>\n\n' }}")
    #expect(llama3?.style == .llama3)
    #expect(
      llama3?.render([ChatMessage(role: "user", content: "Hi")])
        == "<|begin_of_text|><|start_header_id|>user<|end_header_id|>\n\nHi<|eot_id|><|start_header_id|>assistant<|end_header_id|>\n\n"
    )
    #expect(
      ChatTemplate(source: "{% for m in messages %}[INST] {{ m.content }} [/INST]{% endfor %}")
        == nil)
    let plainChatML = ChatTemplate(source: "{{'<|im_start|>' + message['role'] + '\n'}}")
    #expect(plainChatML?.style == .chatML(defaultSystem: nil))
  }
}
