/// Whole-vocabulary queries of an `NGramModel`: the next-token distribution as probabilities
/// or as logits (log-probabilities) for core's `Sampler`, with scratch storage reused across
/// calls. One decoder serves one thread.
///
/// The interpolated distribution is p(w) = A·p₁(w) + Σₖ Aₖ·(cₖ(w) − D)/Sₖ: a context-free
/// unigram part scaled by the product A of the backoff weights, plus sparse terms for the
/// tokens seen after the context at orders ≥ 2. Only those tokens need a logarithm per call;
/// the rest are log A + log p₁(w), one addition each.
public final class NGramDecoder {
  /// The model queried.
  public let model: NGramModel
  private var extra: [Double]
  private var touched: [Int32] = []

  /// A decoder for `model`.
  public init(model: NGramModel) {
    self.model = model
    extra = [Double](repeating: 0, count: model.vocabularySize)
  }

  /// Adds the sparse terms of every order ≥ 2 into `extra` and returns log A.
  private func accumulate(_ context: UnsafeBufferPointer<Int32>) -> Double {
    let nodes = model.contextNodes(model.window(context))
    var scale = 1.0
    touched.removeAll(keepingCapacity: true)
    extra.withUnsafeMutableBufferPointer { extra in
      for k in stride(from: model.order, through: 2, by: -1) {
        guard let node = nodes[k - 1] else { continue }
        let level = model.levels[k]
        let starts = model.levels[k - 1].childStart
        let inverse = model.inverseTotal[k - 1][node] * scale
        let d = model.discounts[k - 1]
        level.tokens.withUnsafeBufferPointer { tokens in
          level.counts.withUnsafeBufferPointer { counts in
            for child in Int(starts[node])..<Int(starts[node + 1]) {
              let c = counts[child]
              guard c > 0 else { continue }
              let w = Int(tokens[child])
              if extra[w] == 0 { touched.append(Int32(w)) }
              extra[w] += (Double(c) - d.discount(c)) * inverse
            }
          }
        }
        scale *= model.backoff[k - 1][node]
      }
    }
    return scale
  }

  /// P(w | context) for every token id w (they sum to 1).
  public func probabilities(context: [Int32]) -> [Double] {
    let scale = context.withUnsafeBufferPointer { accumulate($0) }
    var p = model.unigram
    for i in 0..<p.count { p[i] *= scale }
    for w in touched {
      p[Int(w)] += extra[Int(w)]
      extra[Int(w)] = 0
    }
    return p
  }

  /// Writes ln P(w | context) for every token id w into `logits` (`vocabularySize` entries).
  /// Divide by a temperature and pass them to `Sampler.nextToken` to sample the student.
  public func logits(
    context: UnsafeBufferPointer<Int32>, into logits: UnsafeMutableBufferPointer<Float>
  ) {
    precondition(logits.count == model.vocabularySize, "logits must have vocabularySize entries")
    let scale = accumulate(context)
    let shift = Float(_log(scale))
    model.logUnigram.withUnsafeBufferPointer { base in
      for i in 0..<logits.count { logits[i] = base[i] + shift }
    }
    for w in touched {
      let i = Int(w)
      logits[i] = Float(_log(scale * model.unigram[i] + extra[i]))
      extra[i] = 0
    }
  }

  /// ln P(w | context) for every token id w.
  public func logits(context: [Int32]) -> [Float] {
    var out = [Float](repeating: 0, count: model.vocabularySize)
    context.withUnsafeBufferPointer { c in
      out.withUnsafeMutableBufferPointer { logits(context: c, into: $0) }
    }
    return out
  }
}
