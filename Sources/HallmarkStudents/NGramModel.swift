import Hallmark

/// A token-level n-gram language model with interpolated modified Kneser–Ney smoothing
/// (Chen and Goodman 1998), trained on a teacher's token ids.
///
/// It is a **stand-in for a neural student** in distillation experiments: like a student
/// fine-tuned on harvested outputs, it learns the teacher's next-token statistics, including
/// a watermark's bias toward keyed tokens in a short context, and it can be sampled. It is
/// real, tested code, but its fluency is that of an n-gram model (Spec/students.md).
///
/// The distribution at every context is proper: each of the `vocabularySize` token ids has a
/// positive probability and they sum to 1. Contexts shorter than `order − 1` tokens are padded
/// on the left with a sentence-start symbol that is never predicted. The model is an
/// immutable value; `NGramDecoder` adds the scratch storage for fast whole-vocabulary queries.
public struct NGramModel: Sendable {
  /// n: the longest n-gram, 2…5.
  public let order: Int
  /// V: the token ids the model predicts are 0 ..< V.
  public let vocabularySize: Int
  /// The discounts of each order, index k − 1 for order k.
  public let discounts: [KneserNeyDiscounts]
  /// The number of completion tokens the model was trained on.
  public let trainedTokens: Int

  /// Trie levels 0 (root) … order.
  let levels: [NGramLevel]
  /// Per context node at levels 0 ..< order: the interpolation weight γ(h) of the next lower
  /// order (1 where the context has no continuations), and 1/Σ counts (0 likewise).
  let backoff: [[Double]]
  let inverseTotal: [[Double]]
  /// The order-1 distribution over the vocabulary (it does not depend on the context), and
  /// its natural logarithm.
  let unigram: [Double]
  let logUnigram: [Float]

  /// The orders a model may have.
  public static let orders = 2...5
  /// The largest vocabulary accepted (2²⁴ ids, far above any tokenizer's), so that a damaged
  /// model file cannot make the reader allocate gigabytes for dense per-token tables.
  public static let maximumVocabularySize = 1 << 24

  /// The padding symbol's id inside the trie.
  var padding: UInt32 { UInt32(vocabularySize) }

  /// A model from its parts; the trie is assumed checked (trainer or file reader).
  init(
    order: Int, vocabularySize: Int, discounts: [KneserNeyDiscounts], trainedTokens: Int,
    levels: [NGramLevel]
  ) {
    self.order = order
    self.vocabularySize = vocabularySize
    self.discounts = discounts
    self.trainedTokens = trainedTokens
    self.levels = levels
    var backoff: [[Double]] = []
    var inverseTotal: [[Double]] = []
    for level in 0..<order {
      let context = levels[level]
      let children = levels[level + 1]
      let d = discounts[level]
      var gammas = [Double](repeating: 1, count: context.count)
      var inverses = [Double](repeating: 0, count: context.count)
      for node in 0..<context.count {
        var total: UInt64 = 0
        var gammaNumerator = 0.0
        for child in Int(context.childStart[node])..<Int(context.childStart[node + 1]) {
          let c = children.counts[child]
          guard c > 0 else { continue }
          total += UInt64(c)
          gammaNumerator += d.discount(c)
        }
        if total > 0 {
          gammas[node] = gammaNumerator / Double(total)
          inverses[node] = 1 / Double(total)
        }
      }
      backoff.append(gammas)
      inverseTotal.append(inverses)
    }
    self.backoff = backoff
    self.inverseTotal = inverseTotal
    var unigram = [Double](
      repeating: backoff[0][0] / Double(vocabularySize), count: vocabularySize)
    let first = levels[1]
    let padding = UInt32(vocabularySize)
    for node in 0..<first.count where first.counts[node] > 0 && first.tokens[node] < padding {
      let c = first.counts[node]
      unigram[Int(first.tokens[node])] +=
        (Double(c) - discounts[0].discount(c)) * inverseTotal[0][0]
    }
    self.unigram = unigram
    logUnigram = unigram.map { Float(_log($0)) }
  }

  /// The number of n-grams stored at each order 1…n (context-only nodes included).
  public var ngramCounts: [Int] { levels.dropFirst().map(\.count) }

  /// The number of n-grams with a nonzero count at each order 1…n (what was learned).
  public var countedNGrams: [Int] {
    levels.dropFirst().map { level in level.counts.reduce(0) { $1 > 0 ? $0 + 1 : $0 } }
  }

  /// Approximate bytes held by the model in memory.
  public var memoryBytes: Int {
    var bytes = unigram.count * 12
    for level in levels { bytes += level.count * 8 + level.childStart.count * 4 }
    for b in backoff { bytes += b.count * 16 }
    return bytes
  }

  /// The index of `token`'s node among the children of `parent` at `level` − 1, if any.
  @inline(__always) func child(level: Int, parent: Int, token: UInt32) -> Int? {
    let starts = levels[level - 1].childStart
    var lo = Int(starts[parent])
    var hi = Int(starts[parent + 1])
    return levels[level].tokens.withUnsafeBufferPointer { t in
      while lo < hi {
        let mid = (lo + hi) >> 1
        let v = t[mid]
        if v == token { return mid }
        if v < token { lo = mid + 1 } else { hi = mid }
      }
      return nil
    }
  }

  /// The last `order − 1` tokens of `context`, left-padded with the start symbol; ids outside
  /// the vocabulary become a symbol that no n-gram holds.
  func window(_ context: UnsafeBufferPointer<Int32>) -> [UInt32] {
    let width = order - 1
    var window = [UInt32](repeating: padding, count: width)
    let take = min(width, context.count)
    for i in 0..<take {
      let id = context[context.count - take + i]
      window[width - take + i] = id >= 0 && Int(id) < vocabularySize ? UInt32(id) : UInt32.max
    }
    return window
  }

  /// The context node for each order k = 1…n (index k − 1): the node of the last k − 1
  /// window tokens, or nil where that context was never seen (then also for longer ones).
  func contextNodes(_ window: [UInt32]) -> [Int?] {
    var nodes = [Int?](repeating: nil, count: order)
    nodes[0] = 0
    for k in 2...order {
      var node = 0
      var found = true
      for (depth, token) in window[(order - k)...].enumerated() {
        guard let next = child(level: depth + 1, parent: node, token: token) else {
          found = false
          break
        }
        node = next
      }
      guard found else { break }
      nodes[k - 1] = node
    }
    return nodes
  }

  /// P(token | context): the interpolated Kneser–Ney probability, in (0, 1).
  public func probability(of token: Int32, after context: [Int32]) -> Double {
    guard token >= 0 && Int(token) < vocabularySize else { return 0 }
    let nodes = context.withUnsafeBufferPointer { contextNodes(window($0)) }
    var p = unigram[Int(token)]
    for k in 2...order {
      guard let node = nodes[k - 1] else { break }
      var term = 0.0
      if let c = child(level: k, parent: node, token: UInt32(token)) {
        let count = levels[k].counts[c]
        if count > 0 {
          term = (Double(count) - discounts[k - 1].discount(count)) * inverseTotal[k - 1][node]
        }
      }
      p = backoff[k - 1][node] * p + term
    }
    return p
  }

  /// The natural log-probability of `tokens[promptLength...]`, each given all tokens before
  /// it (the first `promptLength` tokens are context only).
  public func logProbability(_ tokens: [Int32], promptLength: Int = 0) throws(StudentError)
    -> Double
  {
    guard promptLength >= 0 && promptLength <= tokens.count else {
      throw .invalidParameter(
        "promptLength \(promptLength) is outside 0...\(tokens.count) (the sequence length)")
    }
    var total = 0.0
    for i in promptLength..<tokens.count {
      let id = tokens[i]
      guard id >= 0 && Int(id) < vocabularySize else {
        throw .tokenOutOfRange(
          source: "sequence", position: i, id: Int64(id), vocabularySize: vocabularySize)
      }
      let start = max(0, i - (order - 1))
      total += _log(probability(of: id, after: Array(tokens[start..<i])))
    }
    return total
  }

  /// exp(−mean log-probability) of the completions of `sequences` given their prompts.
  public func perplexity(_ sequences: [TrainingSequence]) throws(StudentError) -> Double {
    var total = 0.0
    var count = 0
    for s in sequences {
      total += try logProbability(s.prompt + s.completion, promptLength: s.prompt.count)
      count += s.completion.count
    }
    return count > 0 ? _exp(-total / Double(count)) : 1
  }

  /// The whole next-token distribution after `context` (convenience; see `NGramDecoder`).
  public func probabilities(context: [Int32]) -> [Double] {
    NGramDecoder(model: self).probabilities(context: context)
  }

  /// Next-token log-probabilities after `context`, as logits for `Sampler` (convenience; see
  /// `NGramDecoder`).
  public func logits(context: [Int32]) -> [Float] {
    NGramDecoder(model: self).logits(context: context)
  }
}

/// Natural log and exponential from core's portable implementation, so that log-probabilities
/// are bit-identical on every machine (the C library's may differ in the last bit).
@inline(__always) func _log(_ x: Double) -> Double { PortableMath.log(x) }
@inline(__always) func _exp(_ x: Double) -> Double { PortableMath.exp(x) }
