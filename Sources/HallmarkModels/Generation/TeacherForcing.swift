import Foundation

/// Runs known token sequences through a model (teacher forcing), batched: the basis of
/// perplexity (quality of watermarked text) and of the open-weights radioactivity test, which
/// reads a suspect model's predictions along our text.
public enum TeacherForcing {
  /// One sequence: context that is only fed (`prompt`, at least one id) and the tokens whose
  /// predictions are visited (`completion`).
  public struct Sequence: Sendable {
    public var prompt: [Int32]
    public var completion: [Int32]

    public init(prompt: [Int32], completion: [Int32]) {
      self.prompt = prompt
      self.completion = completion
    }
  }

  /// Calls `visit(i, j, logits)` with the logits that predict `sequences[i].completion[j]`, for
  /// every sequence and position, decoding up to `batchSize` sequences together.
  public static func run<Model: LanguageModel>(
    model: Model, sequences: [Sequence], batchSize: Int = 8,
    visit: (Int, Int, UnsafeBufferPointer<Float>) -> Void
  ) throws {
    var start = 0
    while start < sequences.count {
      let group = Array(start..<min(start + max(1, batchSize), sequences.count))
      start += group.count
      var active = group.filter { !sequences[$0].completion.isEmpty }
      for i in active where sequences[i].prompt.isEmpty {
        throw LanguageModelError(message: "sequence \(i): the prompt must hold at least one token")
      }
      var caches = [Int: Model.Cache]()
      for i in active { caches[i] = model.makeCache() }
      var position = 0
      var pending = active.map { sequences[$0].prompt }
      while !active.isEmpty {
        let logits = try model.logits(appending: pending, to: active.map { caches[$0]! })
        var next: [Int] = []
        pending = []
        for (k, i) in active.enumerated() {
          logits[k].withUnsafeBufferPointer { visit(i, position, $0) }
          let completion = sequences[i].completion
          if position + 1 < completion.count {
            next.append(i)
            pending.append([completion[position]])
          }
        }
        active = next
        position += 1
      }
    }
  }

  /// The natural-log probability of `token` under `logits` (log-softmax).
  public static func logProbability(of token: Int32, logits: UnsafeBufferPointer<Float>) -> Double {
    var maximum = -Float.infinity
    for v in logits { maximum = max(maximum, v) }
    var sum = 0.0
    for v in logits { sum += exp(Double(v - maximum)) }
    return Double(logits[Int(token)] - maximum) - log(sum)
  }
}
