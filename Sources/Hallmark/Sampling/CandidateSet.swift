/// The tokens that survive truncation at one decode step, with their probabilities, in
/// ascending token-id order (Spec/sampling.md). Scratch storage is reused across steps so
/// that a step allocates nothing once warmed up.
public final class CandidateSet {
  /// Token ids of the candidates, ascending.
  public private(set) var ids: [Int32] = []
  /// Unnormalised probabilities (weights) of the candidates, in the order of `ids`.
  public private(set) var weights: [Double] = []
  /// The sum of `weights`.
  public private(set) var total: Double = 0
  /// Whether every token of the vocabulary is a candidate (no truncation happened).
  public private(set) var isFullVocabulary = false

  private var scratch: [Float] = []
  private var order: [Int32] = []

  /// An empty set; call `build` before use.
  public init() {}

  /// The number of candidates.
  public var count: Int { ids.count }

  /// Fills the set from `logits` (already divided by the temperature) and the truncation of
  /// `settings`: top-k first, then top-p on the renormalised top-k distribution.
  public func build(logits: UnsafeBufferPointer<Float>, settings: SamplingSettings) {
    let vocabulary = logits.count
    precondition(vocabulary > 0, "empty logits")
    if scratch.count < vocabulary { scratch = [Float](repeating: 0, count: vocabulary) }
    ids.removeAll(keepingCapacity: true)
    weights.removeAll(keepingCapacity: true)
    let topK = settings.topK > 0 && settings.topK < vocabulary ? settings.topK : vocabulary
    // Candidates after top-k, ascending ids.
    if topK < vocabulary {
      selectTopK(logits: logits, k: topK)
    }
    var maximum = -Float.infinity
    if topK < vocabulary {
      for id in ids { maximum = max(maximum, logits[Int(id)]) }
    } else {
      for value in logits { maximum = max(maximum, value) }
    }
    if topK == vocabulary {
      // Whole vocabulary: vectorised exp into scratch.
      scratch.withUnsafeMutableBufferPointer { s in
        let view = UnsafeMutableBufferPointer(rebasing: s[0..<vocabulary])
        _ = view.initialize(fromContentsOf: logits)
        total = FastMath.expShifted(view, shift: maximum)
      }
      if settings.topP >= 1 {
        isFullVocabulary = true
        ids.reserveCapacity(vocabulary)
        weights.reserveCapacity(vocabulary)
        for i in 0..<vocabulary {
          ids.append(Int32(i))
          weights.append(Double(scratch[i]))
        }
        return
      }
      nucleus(from: 0..<vocabulary, topP: settings.topP)
    } else {
      total = 0
      for id in ids {
        let w = FastMath.expNonPositive(logits[Int(id)] - maximum)
        scratch[Int(id)] = w
        total += Double(w)
      }
      let kept = ids
      if settings.topP >= 1 {
        isFullVocabulary = false
        for id in kept { weights.append(Double(scratch[Int(id)])) }
        return
      }
      ids.removeAll(keepingCapacity: true)
      nucleusOf(candidates: kept, topP: settings.topP)
    }
  }

  /// The k largest logits (ties: lower id first), into `ids` in ascending id order.
  private func selectTopK(logits: UnsafeBufferPointer<Float>, k: Int) {
    // A min-heap of (logit, id) keyed so that the root is the weakest kept candidate.
    func weaker(_ a: Int32, _ b: Int32) -> Bool {
      let la = logits[Int(a)]
      let lb = logits[Int(b)]
      return la < lb || (la == lb && a > b)
    }
    var heap: [Int32] = []
    heap.reserveCapacity(k)
    func siftDown(_ start: Int) {
      var i = start
      while true {
        let l = 2 * i + 1
        let r = l + 1
        var m = i
        if l < heap.count && weaker(heap[l], heap[m]) { m = l }
        if r < heap.count && weaker(heap[r], heap[m]) { m = r }
        if m == i { return }
        heap.swapAt(i, m)
        i = m
      }
    }
    for i in 0..<logits.count {
      let id = Int32(i)
      if heap.count < k {
        heap.append(id)
        var c = heap.count - 1
        while c > 0 {
          let p = (c - 1) / 2
          if weaker(heap[c], heap[p]) {
            heap.swapAt(c, p)
            c = p
          } else {
            break
          }
        }
      } else if weaker(heap[0], id) {
        heap[0] = id
        siftDown(0)
      }
    }
    heap.sort()
    ids.append(contentsOf: heap)
  }

  /// Keeps the nucleus among vocabulary entries `range`, whose weights are in `scratch`.
  private func nucleus(from range: Range<Int>, topP: Double) {
    let target = topP * total
    var maximum: Float = 0
    for i in range { maximum = max(maximum, scratch[i]) }
    // Every excluded entry weighs less than every gathered one, so the nucleus is a prefix of
    // the gathered entries sorted by weight whenever the gathered mass reaches the target.
    var threshold = maximum * 1e-3
    while true {
      order.removeAll(keepingCapacity: true)
      var mass: Double = 0
      for i in range where scratch[i] >= threshold {
        order.append(Int32(i))
        mass += Double(scratch[i])
      }
      if mass >= target || threshold == 0 { break }
      threshold = threshold < 1e-30 ? 0 : threshold * 1e-3
    }
    keepPrefix(topP: topP)
  }

  private func nucleusOf(candidates: [Int32], topP: Double) {
    order.removeAll(keepingCapacity: true)
    order.append(contentsOf: candidates)
    keepPrefix(topP: topP)
  }

  /// Sorts `order` by weight (descending, ties by id), keeps the shortest prefix reaching
  /// `topP` of `total`, and stores it in ascending-id order.
  private func keepPrefix(topP: Double) {
    let weightsOf = scratch
    order.sort { a, b in
      let wa = weightsOf[Int(a)]
      let wb = weightsOf[Int(b)]
      return wa > wb || (wa == wb && a < b)
    }
    let target = topP * total
    var mass: Double = 0
    var kept = 0
    for id in order {
      mass += Double(weightsOf[Int(id)])
      kept += 1
      if mass >= target { break }
    }
    let prefix = order[0..<kept].sorted()
    ids.append(contentsOf: prefix)
    total = 0
    for id in prefix {
      let w = Double(weightsOf[Int(id)])
      weights.append(w)
      total += w
    }
    isFullVocabulary = false
  }

  /// The candidate drawn by the uniform `r` in [0, 1): the first, in ascending id order, whose
  /// cumulative weight exceeds `r × total` (inverse-CDF sampling).
  public func draw(uniform r: Double) -> Int32 {
    let target = r * total
    var cumulative: Double = 0
    for i in 0..<ids.count {
      cumulative += weights[i]
      if cumulative > target { return ids[i] }
    }
    return ids[ids.count - 1]
  }

  /// Replaces the weights (same candidates), e.g. after a tournament; recomputes the total.
  public func setWeights(_ body: (UnsafeMutableBufferPointer<Double>) -> Void) {
    weights.withUnsafeMutableBufferPointer { body($0) }
    total = 0
    for w in weights { total += w }
  }
}
