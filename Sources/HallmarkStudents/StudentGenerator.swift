import Hallmark

/// Samples completions from a student, the way a decode loop samples a neural model: the
/// student's log-probabilities are divided by the temperature and handed to core's `Sampler`
/// (top-k, top-p, inverse-CDF draw), or to a watermark `Embedder` when one is given.
///
/// Deterministic: the same model, prompt, settings and generator state give the same tokens.
/// One generator serves one thread.
public final class StudentGenerator {
  /// The student sampled.
  public let model: NGramModel
  /// Temperature, top-k and top-p.
  public let settings: SamplingSettings
  /// Generation stops after emitting one of these ids (it is kept in the completion).
  public let stopTokens: Set<Int32>
  private let decoder: NGramDecoder
  private let sampler = Sampler()
  private var logits: [Float]

  /// A generator for `model` with `settings`.
  public init(model: NGramModel, settings: SamplingSettings, stopTokens: Set<Int32> = [])
    throws(StudentError)
  {
    guard settings.temperature >= 0 && settings.temperature.isFinite, settings.topK >= 0,
      settings.topP > 0 && settings.topP <= 1
    else {
      throw .invalidParameter(
        "sampling settings out of range: temperature \(settings.temperature), top-k \(settings.topK), top-p \(settings.topP)"
      )
    }
    self.model = model
    self.settings = settings
    self.stopTokens = stopTokens
    decoder = NGramDecoder(model: model)
    logits = [Float](repeating: 0, count: model.vocabularySize)
  }

  /// Up to `maxTokens` tokens after `prompt`. `embedder`, when given, picks each token
  /// instead of the plain sampler (a watermarked student, e.g. a synthetic teacher).
  public func generate(
    prompt: [Int32], maxTokens: Int, using generator: inout SeededGenerator,
    embedder: (any Embedder)? = nil
  ) throws(StudentError) -> [Int32] {
    guard maxTokens >= 0 else {
      throw .invalidParameter("maxTokens must be >= 0, got \(maxTokens)")
    }
    for (i, id) in prompt.enumerated() where id < 0 || Int(id) >= model.vocabularySize {
      throw .tokenOutOfRange(
        source: "prompt", position: i, id: Int64(id), vocabularySize: model.vocabularySize)
    }
    var context = prompt
    context.reserveCapacity(prompt.count + maxTokens)
    let inverseTemperature = settings.isGreedy ? 1 : Float(1 / settings.temperature)
    for _ in 0..<maxTokens {
      let uniform = generator.uniform()
      let token = context.withUnsafeBufferPointer { c in
        logits.withUnsafeMutableBufferPointer { l in
          decoder.logits(context: c, into: l)
          if inverseTemperature != 1 {
            for i in 0..<l.count { l[i] *= inverseTemperature }
          }
          if let embedder {
            return embedder.nextToken(logits: l, context: c, settings: settings, uniform: uniform)
          }
          return sampler.nextToken(logits: l, settings: settings, uniform: uniform)
        }
      }
      context.append(token)
      if stopTokens.contains(token) { break }
    }
    return Array(context[prompt.count...])
  }
}
