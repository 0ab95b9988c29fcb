import ArgumentParser
import Dispatch
import Foundation
import Hallmark
import HallmarkStudents

/// `hallmark student`: n-gram students that stand in for a neural model distilled from
/// watermarked outputs (Spec/students.md).
struct StudentCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "student",
    abstract: "Train and sample Kneser–Ney n-gram students (stand-ins for distilled models).",
    subcommands: [StudentTrainCommand.self, StudentGenerateCommand.self])
}

/// `hallmark student train`.
struct StudentTrainCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "train",
    abstract: "Train an interpolated modified Kneser–Ney n-gram model on teacher outputs.",
    discussion: """
      --corpus reads JSONL: one object per line with "completion_ids" (token ids the \
      student learns to produce) and optionally "prompt_ids" (context only).
      """)

  @Option(help: "JSONL corpus of teacher outputs.")
  var corpus: String

  @Option(help: "n-gram order, 2...5.")
  var order: Int = 3

  @Option(help: "The tokenizer's vocabulary size (token ids must be below it).")
  var vocabSize: Int

  @Option(help: "Where to write the model.")
  var out: String

  func run() throws {
    let start = ContinuousClock.now
    let documents = try StudentCorpus.read(path: corpus)
    let read = ContinuousClock.now
    var trainer = try NGramTrainer(order: order, vocabularySize: vocabSize)
    for (i, document) in documents.enumerated() {
      try trainer.add(document, source: "\(corpus): document \(i + 1)")
    }
    guard trainer.trainedTokens > 0 else {
      throw CLIError("\(corpus): no completion tokens to train on")
    }
    let countingBytes = trainer.memoryBytes
    let model = trainer.build()
    let trained = ContinuousClock.now
    try NGramModelFile.write(model, to: out)
    let size = (try? FileManager.default.attributesOfItem(atPath: out)[.size] as? Int) ?? 0
    func seconds(_ d: Duration) -> String {
      String(
        format: "%.2f s", Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18)
    }
    print("documents        \(documents.count)")
    print("tokens           \(model.trainedTokens)")
    print("n-grams          \(model.countedNGrams.map(String.init).joined(separator: " / "))")
    for (k, d) in model.discounts.enumerated() {
      print(String(format: "discounts %d      D1 %.4f  D2 %.4f  D3+ %.4f", k + 1, d.d1, d.d2, d.d3))
    }
    print("read             \(seconds(read - start))")
    print("train            \(seconds(trained - read))")
    print(
      "counting memory  \(countingBytes >> 20) MiB; model \(model.memoryBytes >> 20) MiB in memory")
    print("model file       \(out) (\(size) bytes)")
  }
}

/// `hallmark student generate`.
struct StudentGenerateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "generate",
    abstract: "Sample completions from a student model.",
    discussion: """
      --prompts reads JSONL with "prompt_ids" per line. Each completion is appended to --out \
      as soon as it is made: {"prompt_index", "sample_index", "prompt_ids", \
      "completion_ids"}. Sample s of prompt p uses its own random stream derived from \
      (--seed, p, s), so output does not depend on the order of work.
      """)

  @Option(help: "The student model file.")
  var model: String

  @Option(help: "JSONL prompts (prompt_ids per line).")
  var prompts: String

  @Option(help: "Samples per prompt.")
  var n: Int = 1

  @Option(help: "Tokens per completion at most.")
  var maxTokens: Int = 128

  @Option(help: "Sampling temperature (0: greedy).")
  var temperature: Double = 1

  @Option(help: "Keep the k most likely tokens (0: all).")
  var topK: Int = 0

  @Option(help: "Nucleus: keep the most likely tokens up to this mass (1: all).")
  var topP: Double = 1

  @Option(help: "Random seed.")
  var seed: UInt64 = 0

  @Option(help: "Stop after emitting this token id (repeatable); it stays in the completion.")
  var stopToken: [Int32] = []

  @Option(help: "Output JSONL (replaced).")
  var out: String

  @Option(help: "Worker threads (default: all cores). The output does not depend on it.")
  var threads: Int?

  func validate() throws {
    guard n >= 1 else { throw ValidationError("--n must be at least 1") }
    guard maxTokens >= 0 else { throw ValidationError("--max-tokens must be >= 0") }
    if let threads, threads < 1 { throw ValidationError("--threads must be at least 1") }
  }

  func run() throws {
    let student = try NGramModelFile.read(path: model)
    let promptList = try StudentCorpus.readPrompts(path: prompts)
    let settings = SamplingSettings(temperature: temperature, topK: topK, topP: topP)
    let workers = max(1, threads ?? ProcessInfo.processInfo.activeProcessorCount)
    let generators = Generators(
      try (0..<workers).map { _ in
        try StudentGenerator(model: student, settings: settings, stopTokens: Set(stopToken))
      })
    guard FileManager.default.createFile(atPath: out, contents: nil),
      let handle = FileHandle(forWritingAtPath: out)
    else { throw CLIError("\(out): cannot create the output file") }
    defer { try? handle.close() }
    let items = promptList.indices.flatMap { p in (0..<n).map { (p, $0) } }
    var tokens = 0
    let start = ContinuousClock.now
    // Items are made in batches across the workers and written in order after each batch.
    let batch = workers * 8
    for first in stride(from: 0, to: items.count, by: batch) {
      let slice = Array(items[first..<min(items.count, first + batch)])
      let results = Batch(count: slice.count)
      let (seed, maxTokens) = (self.seed, self.maxTokens)
      DispatchQueue.concurrentPerform(iterations: workers) { worker in
        for i in stride(from: worker, to: slice.count, by: workers) {
          let (p, s) = slice[i]
          var random = SeededGenerator(seed: seed, stream: UInt64(p), index: UInt64(s))
          results.set(
            i,
            Result { () throws(StudentError) -> [Int32] in
              try generators.all[worker].generate(
                prompt: promptList[p], maxTokens: maxTokens, using: &random)
            })
        }
      }
      for (i, (p, s)) in slice.enumerated() {
        let completion: [Int32]
        do {
          completion = try results.get(i)
        } catch {
          throw CLIError("\(prompts): prompt \(p + 1): \(error)")
        }
        tokens += completion.count
        var line = JSONLine()
        line.add("prompt_index", p)
        line.add("sample_index", s)
        line.addRaw("prompt_ids", "[" + promptList[p].map(String.init).joined(separator: ",") + "]")
        line.addRaw(
          "completion_ids", "[" + completion.map(String.init).joined(separator: ",") + "]")
        try handle.write(contentsOf: Data((line.text + "\n").utf8))
      }
    }
    let elapsed = ContinuousClock.now - start
    let seconds =
      Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    Terminal.warn(
      String(
        format: "student generate: %d completions, %d tokens in %.2f s (%.0f tokens/s)",
        promptList.count * n, tokens, seconds, Double(tokens) / max(seconds, 1e-9)))
  }
}

/// One batch's completions, filled by the workers: each slot is written once, by one worker,
/// and read after `concurrentPerform` returns.
private final class Batch: @unchecked Sendable {
  private let slots: UnsafeMutablePointer<Result<[Int32], StudentError>?>
  private let count: Int

  init(count: Int) {
    self.count = count
    slots = .allocate(capacity: count)
    slots.initialize(repeating: nil, count: count)
  }

  deinit {
    slots.deinitialize(count: count)
    slots.deallocate()
  }

  func set(_ i: Int, _ result: Result<[Int32], StudentError>) { slots[i] = result }

  func get(_ i: Int) throws(StudentError) -> [Int32] { try slots[i]!.get() }
}

/// One generator per worker; worker w only touches `all[w]`.
private final class Generators: @unchecked Sendable {
  let all: [StudentGenerator]
  init(_ all: [StudentGenerator]) { self.all = all }
}
