/// Plain random sampling with optional top-k and top-p (nucleus, Holtzman et al. 2020)
/// truncation, seeded and bit-reproducible on every platform.
///
/// Steps: keep the `topK` largest logits (all when 0; ties broken by lower id); turn the kept
/// logits into probabilities (softmax in single precision with a portable `exp`, sums in double);
/// keep the smallest set of most probable tokens whose mass reaches `topP` (all when 1); draw
/// one with a ``SplitMix64`` uniform. The logits it receives have already been divided by the
/// temperature.
public struct Sampler: TokenPicker, Sendable {
  /// Number of most likely tokens kept (0 keeps all).
  public var topK: Int
  /// Probability mass kept (1 keeps all).
  public var topP: Double
  /// The random stream.
  public var random: SplitMix64

  /// A sampler with the given truncation and random stream.
  public init(topK: Int = 0, topP: Double = 1, random: SplitMix64) {
    self.topK = max(0, topK)
    self.topP = min(max(topP, 0), 1)
    self.random = random
  }

  public mutating func pick(logits: UnsafeMutableBufferPointer<Float>, context: [Int32]) -> Int32 {
    let n = logits.count
    var maximum = -Float.infinity
    for v in logits where v > maximum { maximum = v }
    guard maximum.isFinite else {
      return Int32(GreedyPicker.argmax(UnsafeBufferPointer(logits)))
    }
    // Candidates (id, probability weight), before normalisation.
    var ids: [Int32]
    if topK > 0 && topK < n {
      ids = Self.topIndices(UnsafeBufferPointer(logits), topK)
    } else if topP < 1 {
      ids = []
    } else {
      // Full distribution: walk in id order, no sorting needed.
      var total = 0.0
      for v in logits { total += Double(VectorOps.exp(v - maximum)) }
      var u = random.nextUnit() * total
      for (i, v) in logits.enumerated() {
        u -= Double(VectorOps.exp(v - maximum))
        if u < 0 { return Int32(i) }
      }
      return Int32(GreedyPicker.argmax(UnsafeBufferPointer(logits)))
    }
    if ids.isEmpty {
      // Top-p over everything: only tokens with p ≥ (1 − topP)/n can be in the nucleus, so
      // filter before sorting.
      var total = 0.0
      for v in logits { total += Double(VectorOps.exp(v - maximum)) }
      let threshold = (1 - topP) / Double(n) * total
      for (i, v) in logits.enumerated() where Double(VectorOps.exp(v - maximum)) >= threshold {
        ids.append(Int32(i))
      }
      ids.sort {
        logits[Int($0)] > logits[Int($1)] || (logits[Int($0)] == logits[Int($1)] && $0 < $1)
      }
      return draw(ids, logits, maximum, nucleusOf: total)
    }
    var total = 0.0
    for id in ids { total += Double(VectorOps.exp(logits[Int(id)] - maximum)) }
    return draw(ids, logits, maximum, nucleusOf: total)
  }

  /// Draws from `ids` (sorted by decreasing logit), truncated to the top-p nucleus of `total`.
  private mutating func draw(
    _ ids: [Int32], _ logits: UnsafeMutableBufferPointer<Float>, _ maximum: Float,
    nucleusOf total: Double
  ) -> Int32 {
    var weights = ids.map { Double(VectorOps.exp(logits[Int($0)] - maximum)) }
    var kept = weights.count
    if topP < 1 {
      var cumulative = 0.0
      for (j, w) in weights.enumerated() {
        cumulative += w
        if cumulative >= topP * total {
          kept = j + 1
          break
        }
      }
      weights.removeLast(weights.count - kept)
    }
    let mass = weights.reduce(0, +)
    var u = random.nextUnit() * mass
    for (j, w) in weights.enumerated() {
      u -= w
      if u < 0 { return ids[j] }
    }
    return ids[kept - 1]
  }

  /// The indices of the `k` largest values, largest first (ties: lower index first).
  static func topIndices(_ values: UnsafeBufferPointer<Float>, _ k: Int) -> [Int32] {
    // A sorted buffer of the best k so far; insertion is rare after the first few hundred.
    var best: [Int32] = []
    best.reserveCapacity(k + 1)
    func before(_ a: Int32, _ b: Int32) -> Bool {
      values[Int(a)] > values[Int(b)] || (values[Int(a)] == values[Int(b)] && a < b)
    }
    for i in 0..<values.count {
      let id = Int32(i)
      if best.count == k, !before(id, best[k - 1]) { continue }
      var lo = 0
      var hi = best.count
      while lo < hi {
        let mid = (lo + hi) / 2
        if before(best[mid], id) { lo = mid + 1 } else { hi = mid }
      }
      best.insert(id, at: lo)
      if best.count > k { best.removeLast() }
    }
    return best
  }
}
