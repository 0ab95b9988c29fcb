import ArgumentParser
import Foundation
import Hallmark
import HallmarkModels
import HallmarkText

/// `hallmark generate`: watermarked (or control) generation with a GGUF Llama model.
struct GenerateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate",
    abstract: "Generate text with a GGUF model, watermarked with a key (or not, for controls).",
    discussion: """
      With --prompt the completion streams to standard output. With --prompts FILE.jsonl \
      (objects with "prompt" or "messages", optional "id") every completion is written as one \
      JSONL record as soon as it finishes, so an interrupted run keeps its work.
      """)

  @Option(help: "GGUF model file (default: the fetched SmolLM2-135M-Instruct).")
  var model: String?

  @Option(help: "Watermark key file (required unless --no-watermark).")
  var key: String?

  @Flag(help: "Generate without a watermark (control corpora).")
  var noWatermark = false

  @Option(help: "One prompt (the completion streams to standard output).")
  var prompt: String?

  @Option(help: "JSONL prompts file.")
  var prompts: String?

  @Option(help: "Completions per prompt.")
  var samples = 1

  @Option(help: "Most tokens per completion.")
  var maxTokens = 200

  @Option(help: "Sequences decoded together.")
  var batch = 8

  @Option(
    help: "Suppress the model's stop tokens until this many tokens (fixed-length experiments).")
  var minTokens = 0

  @Option(help: "Sampling temperature (0: greedy).")
  var temperature: Float = 1

  @Option(help: "Top-k truncation (0: off).")
  var topK = 0

  @Option(help: "Top-p truncation (1: off).")
  var topP = 1.0

  @Option(help: "Seed of the sampling streams (completion i uses stream i).")
  var seed: UInt64 = 0

  @Option(help: "Threads for the model.")
  var threads = ProcessInfo.processInfo.activeProcessorCount

  @Flag(inversion: .prefixedNo, help: "Apply the model's chat template to prompts.")
  var chat = true

  @Option(help: "Write JSONL records here (must not exist).")
  var out: String?

  func validate() throws {
    guard (prompt == nil) != (prompts == nil) else {
      throw ValidationError("give exactly one of --prompt and --prompts")
    }
    guard noWatermark || key != nil else {
      throw ValidationError("--key is required (or --no-watermark for a control corpus)")
    }
    guard samples >= 1, maxTokens >= 1, batch >= 1, threads >= 1 else {
      throw ValidationError("--samples, --max-tokens, --batch and --threads must be at least 1")
    }
    guard temperature >= 0, topK >= 0, topP > 0, topP <= 1 else {
      throw ValidationError("need --temperature >= 0, --top-k >= 0 and 0 < --top-p <= 1")
    }
  }

  func run() throws {
    let watermark = try noWatermark ? nil : key.map { try KeyFile.read(path: $0) }
    let session = try ModelSession(path: model, threads: threads)
    if let watermark { try session.check(watermark) }
    let list: [PromptFile.Prompt] =
      try prompts.map { try PromptFile.read(path: $0) }
      ?? [
        PromptFile.Prompt(line: 1, id: nil, messages: [ChatMessage(role: "user", content: prompt!)])
      ]
    var jobs: [(prompt: PromptFile.Prompt, sample: Int, ids: [Int32])] = []
    for p in list {
      let ids = session.promptIDs(p.messages, chat: chat)
      for s in 0..<samples { jobs.append((p, s, ids)) }
    }
    let settings = GenerationSettings(
      temperature: temperature, topK: topK, topP: topP, seed: seed, maxTokens: maxTokens)
    let writer = try out.map { try RecordWriter(path: $0) }
    let streaming = prompt != nil && samples == 1
    var decoder = session.tokenizer.streamingDecoder(skipSpecialTokens: true)
    let generator = Generator(model: session.model, settings: settings, batchSize: batch)
    let base = RecordBase(
      key: watermark, settings: settings, chat: chat, model: session.url.lastPathComponent,
      modelSHA256: session.sha256, tokenizer: session.tokenizer.fingerprint.hex)
    var finished = 0
    try generator.generate(
      prompts: jobs.map(\.ids),
      picker: {
        WatermarkPicker(
          key: watermark, settings: settings, sequence: $0,
          stopTokens: session.model.specialTokens.stop, minimumTokens: minTokens)
      },
      onToken: { _, token in
        if streaming {
          FileHandle.standardOutput.write(Data(decoder.push(token).utf8))
        }
      },
      onCompletion: { completion in
        let job = jobs[completion.index]
        var ids = completion.tokens
        if case .stop = completion.finishReason { ids.removeLast() }
        let text = session.tokenizer.decode(ids, skipSpecialTokens: true)
        let record = base.record(
          index: completion.index, prompt: job.prompt, sample: job.sample, promptIDs: job.ids,
          completionIDs: ids, text: text, finish: completion.finishReason)
        writer?.append(record)
        finished += 1
        if !streaming && writer == nil { print(record) }
        if !streaming && Terminal.stderrIsTTY {
          FileHandle.standardError.write(Data("\rgenerated \(finished)/\(jobs.count)".utf8))
        }
      })
    if streaming { print(decoder.finish()) }
    if !streaming && Terminal.stderrIsTTY { FileHandle.standardError.write(Data("\n".utf8)) }
  }
}

/// The fields every generation record shares.
struct RecordBase {
  let key: WatermarkKey?
  let settings: GenerationSettings
  let chat: Bool
  let model: String
  let modelSHA256: String
  let tokenizer: String

  func record(
    index: Int, prompt: PromptFile.Prompt, sample: Int, promptIDs: [Int32], completionIDs: [Int32],
    text: String, finish: Generator<LlamaModel>.Completion.FinishReason
  ) -> String {
    var r = JSONLine()
    r.add("index", index)
    r.add("id", prompt.id)
    r.add("prompt_line", prompt.line)
    r.add("sample", sample)
    r.add("prompt", prompt.messages.last?.content)
    r.addRaw("prompt_ids", "[" + promptIDs.map(String.init).joined(separator: ",") + "]")
    r.add("completion", text)
    r.addRaw("completion_ids", "[" + completionIDs.map(String.init).joined(separator: ",") + "]")
    switch finish {
    case .stop: r.add("finish_reason", "stop")
    case .length: r.add("finish_reason", "length")
    }
    r.add("watermarked", key != nil)
    r.add("key_id", key?.id)
    r.add("key_commitment", key?.commitment)
    if let key {
      r.add("scheme", key.scheme.name)
      r.addRaw("parameters", KeyDescription.parametersJSON(key.scheme))
    }
    var s = JSONLine()
    s.add("temperature", Double(settings.temperature))
    s.add("top_k", settings.topK)
    s.add("top_p", settings.topP)
    s.add("seed", Int(truncatingIfNeeded: settings.seed))
    s.add("max_tokens", settings.maxTokens)
    s.add("chat_template", chat)
    r.addRaw("sampling", s.text)
    r.add("model", model)
    r.add("model_sha256", modelSHA256)
    r.add("tokenizer_fingerprint", tokenizer)
    return r.text
  }
}

/// Appends JSONL records to a new file, one write (and flush) per record.
final class RecordWriter {
  private let handle: FileHandle
  let path: String

  init(path: String) throws {
    guard !FileManager.default.fileExists(atPath: path) else {
      throw CLIError("\(path): already exists; refusing to overwrite results")
    }
    guard FileManager.default.createFile(atPath: path, contents: nil),
      let handle = FileHandle(forWritingAtPath: path)
    else { throw CLIError("\(path): cannot create output file") }
    self.handle = handle
    self.path = path
  }

  func append(_ line: String) {
    handle.write(Data((line + "\n").utf8))
    try? handle.synchronize()
  }

  deinit { try? handle.close() }
}
