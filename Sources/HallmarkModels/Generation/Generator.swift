/// Batched generation: keeps up to `batchSize` sequences decoding together, refilling free
/// slots with the next prompts as sequences finish, so the weights are read once per step for
/// the whole batch.
///
/// Each step: the model gives logits per sequence → divide by the temperature (binary32, when
/// it is neither 0 nor 1; `Spec/sampling.md`) → the sequence's ``TokenPicker`` (where a watermark embedder plugs in) picks
/// the token → stop on a stop token or the length limit. Prompts are token ids (tokenize and
/// apply the ``ChatTemplate`` before).
public struct Generator<Model: LanguageModel> {
  /// One finished sequence.
  public struct Completion: Sendable, Equatable {
    /// Why generation ended.
    public enum FinishReason: Sendable, Equatable {
      /// A stop token was picked (it is the last element of `tokens`).
      case stop(Int32)
      /// `maxTokens` were generated.
      case length
    }
    /// The prompt's index in the request.
    public var index: Int
    /// The generated tokens (a final stop token included).
    public var tokens: [Int32]
    public var finishReason: FinishReason
  }

  /// A sequence being decoded.
  struct Active {
    var index: Int
    var cache: Model.Cache
    var picker: any TokenPicker
    var context: [Int32]
    var generated: [Int32]
    var pending: [Int32]
  }

  public let model: Model
  public var settings: GenerationSettings
  /// Sequences decoded together.
  public var batchSize: Int

  public init(model: Model, settings: GenerationSettings, batchSize: Int = 1) {
    self.model = model
    self.settings = settings
    self.batchSize = max(1, batchSize)
  }

  /// Generates a completion for every prompt. `picker(i)` makes the picker of prompt `i`
  /// (default: ``GenerationSettings/makePicker(sequence:)``); `onToken(i, token)` is called for
  /// each generated token and `onCompletion` as each sequence finishes (so callers can stream
  /// or save work as it comes). Returns the completions in prompt order.
  @discardableResult
  public func generate(
    prompts: [[Int32]],
    picker: ((Int) -> any TokenPicker)? = nil,
    onToken: (Int, Int32) -> Void = { _, _ in },
    onCompletion: (Completion) -> Void = { _ in }
  ) throws -> [Completion] {
    let stops = model.specialTokens.stop.union(settings.stopTokens)
    let makePicker = picker ?? { settings.makePicker(sequence: $0) }
    var results = [Completion?](repeating: nil, count: prompts.count)
    var next = 0
    var active: [Active] = []
    while next < prompts.count || !active.isEmpty {
      while active.count < batchSize && next < prompts.count {
        guard !prompts[next].isEmpty else {
          throw LanguageModelError(message: "prompt \(next) is empty")
        }
        active.append(
          Active(
            index: next, cache: model.makeCache(), picker: makePicker(next),
            context: prompts[next], generated: [], pending: prompts[next]))
        next += 1
      }
      if settings.maxTokens <= 0 {
        for a in active {
          let c = Completion(index: a.index, tokens: [], finishReason: .length)
          results[a.index] = c
          onCompletion(c)
        }
        active.removeAll()
        continue
      }
      let logits = try model.logits(appending: active.map(\.pending), to: active.map(\.cache))
      var finished: [Int] = []
      for j in active.indices {
        var l = logits[j]
        let t = settings.temperature
        if t != 0 && t != 1 {
          for i in l.indices { l[i] /= t }
        }
        let context = active[j].context
        let token = l.withUnsafeMutableBufferPointer {
          active[j].picker.pick(logits: $0, context: context)
        }
        active[j].generated.append(token)
        active[j].context.append(token)
        active[j].pending = [token]
        onToken(active[j].index, token)
        let reason: Completion.FinishReason? =
          stops.contains(token)
          ? .stop(token) : active[j].generated.count >= settings.maxTokens ? .length : nil
        if let reason {
          let c = Completion(
            index: active[j].index, tokens: active[j].generated, finishReason: reason)
          results[c.index] = c
          onCompletion(c)
          finished.append(j)
        }
      }
      for j in finished.reversed() { active.remove(at: j) }
    }
    return results.map { $0! }
  }
}
