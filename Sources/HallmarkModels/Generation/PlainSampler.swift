import Hallmark

/// Plain (unwatermarked) random sampling with optional top-k and top-p (nucleus, Holtzman et
/// al. 2020) truncation, seeded and bit-reproducible on every platform. It follows the steps of
/// `Spec/sampling.md` (truncation, then inverse-CDF selection over the candidates in ascending
/// id order), so the core's watermark embedders can take its place behind ``TokenPicker``.
///
/// 1. top-k (0 < k < V): keep the k largest logits (ties: lower id first);
/// 2. weights `exp(ℓ − max)` of the kept logits (binary32, portable `exp`);
/// 3. top-p (p < 1): sort by weight, descending (ties: lower id first), keep the shortest prefix
///    whose weight sum (binary64) reaches `p ×` the kept weights' sum (at least one token);
/// 4. draw `r` = `(x >> 11)·2⁻⁵³` from ``SplitMix64`` and return the first candidate, in
///    ascending id order, whose running weight sum (binary64) exceeds `r × total`.
///
/// The logits it receives have already been divided by the temperature.
public struct PlainSampler: TokenPicker, Sendable {
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
    let r = random.uniform()
    let k = topK > 0 && topK < n ? topK : n
    if k == n && topP >= 1 {
      // The full distribution: no sorting needed.
      var maximum = -Float.infinity
      for v in logits where v > maximum { maximum = v }
      guard maximum.isFinite else { return Int32(GreedyPicker.argmax(UnsafeBufferPointer(logits))) }
      var total = 0.0
      for v in logits { total += Double(VectorOps.exp(v - maximum)) }
      var cumulative = 0.0
      for (i, v) in logits.enumerated() {
        cumulative += Double(VectorOps.exp(v - maximum))
        if cumulative > r * total { return Int32(i) }
      }
      return Int32(n - 1)
    }
    // Candidates sorted by decreasing logit (= decreasing weight), ties by lower id.
    var ids: [Int32]
    if k < n {
      ids = Self.topIndices(UnsafeBufferPointer(logits), k)
    } else {
      // Top-p over the whole vocabulary: a token with weight below (1 − p)/V of the total
      // cannot be in the nucleus (all such tokens together weigh less than 1 − p), so only
      // the others are sorted.
      var maximum = -Float.infinity
      for v in logits where v > maximum { maximum = v }
      guard maximum.isFinite else { return Int32(GreedyPicker.argmax(UnsafeBufferPointer(logits))) }
      var total = 0.0
      for v in logits { total += Double(VectorOps.exp(v - maximum)) }
      let threshold = (1 - topP) / Double(n) * total
      ids = []
      for (i, v) in logits.enumerated() where Double(VectorOps.exp(v - maximum)) >= threshold {
        ids.append(Int32(i))
      }
      ids.sort { a, b in
        logits[Int(a)] > logits[Int(b)] || (logits[Int(a)] == logits[Int(b)] && a < b)
      }
    }
    let maximum = logits[Int(ids[0])]
    guard maximum.isFinite else { return ids[0] }
    var weights = ids.map { VectorOps.exp(logits[Int($0)] - maximum) }
    if topP < 1 {
      var all = 0.0
      for w in weights { all += Double(w) }
      var mass = 0.0
      var kept = 0
      while kept < weights.count {
        mass += Double(weights[kept])
        kept += 1
        if mass >= topP * all { break }
      }
      ids.removeLast(ids.count - kept)
      weights.removeLast(weights.count - kept)
    }
    // Inverse CDF in ascending id order.
    let order = ids.indices.sorted { ids[$0] < ids[$1] }
    var total = 0.0
    for j in order { total += Double(weights[j]) }
    var cumulative = 0.0
    for j in order {
      cumulative += Double(weights[j])
      if cumulative > r * total { return ids[j] }
    }
    return ids[order[order.count - 1]]
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
