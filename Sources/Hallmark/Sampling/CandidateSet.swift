/// The tokens that survive truncation at one decode step, with their weights, in ascending
/// token-id order (Spec/sampling.md). Storage is allocated once per vocabulary size and reused,
/// so a step allocates nothing once warmed up.
public final class CandidateSet {
  /// Whether every token of the vocabulary is a candidate (no truncation happened); then
  /// candidate i is token i.
  public private(set) var isFullVocabulary = false
  /// The number of candidates.
  public private(set) var count = 0
  /// The sum of the weights, in ascending id order.
  public private(set) var total: Double = 0

  private let idStore = ScratchBuffer<Int32>()
  private let weightStore = ScratchBuffer<Double>()
  /// Binary32 weights indexed by token id, and a sort buffer for top-p.
  private let floatWeightStore = ScratchBuffer<Float>()
  private let orderStore = ScratchBuffer<Int32>()
  private var idBuffer: UnsafeMutablePointer<Int32> { idStore.base }
  private var weightBuffer: UnsafeMutablePointer<Double> { weightStore.base }
  private var floatWeights: UnsafeMutablePointer<Float> { floatWeightStore.base }
  private var order: UnsafeMutablePointer<Int32> { orderStore.base }
  private let nucleus = NucleusSelection()
  private let radix = RadixTopK()
  /// From this k on, top-k uses `RadixTopK` (a fixed cost of a few passes) instead of a heap
  /// (measured with `hallmark-bench embedding`: the heap wins up to k = 384 at 49,152 entries).
  static let radixFrom = 512

  /// An empty set; call `build` before use.
  public init() {}

  private func reserve(_ vocabulary: Int) {
    idStore.reserve(vocabulary)
    weightStore.reserve(vocabulary)
    floatWeightStore.reserve(vocabulary)
    orderStore.reserve(vocabulary)
  }

  /// The candidates' token ids, ascending (all ids when `isFullVocabulary`).
  public var ids: UnsafeBufferPointer<Int32> {
    if isFullVocabulary {
      for i in 0..<count { idBuffer[i] = Int32(i) }
    }
    return UnsafeBufferPointer(start: idBuffer, count: count)
  }

  /// The token id of candidate `i`.
  @inline(__always) public func id(at i: Int) -> Int32 {
    isFullVocabulary ? Int32(i) : idBuffer[i]
  }

  /// The binary32 weights by token id after a build over the whole vocabulary.
  var binary32Weights: UnsafePointer<Float> { UnsafePointer(floatWeights) }

  /// The candidates' weights (unnormalised probabilities) in candidate order.
  public var weights: UnsafeMutableBufferPointer<Double> {
    UnsafeMutableBufferPointer(start: weightBuffer, count: count)
  }

  /// Fills the set from `logits` (already divided by the temperature) and the truncation of
  /// `settings`: top-k first, then top-p on the renormalised top-k distribution.
  public func build(logits: UnsafeBufferPointer<Float>, settings: SamplingSettings) {
    build(logits: logits, settings: settings) { binary32, weights in
      for i in 0..<weights.count { weights[i] = Double(binary32[i]) }
      return Self.orderedSum(UnsafeBufferPointer(weights))
    }
  }

  /// Fills the set like `build(logits:settings:)`, except that when every token is a candidate,
  /// `weigh` makes the binary64 weights: it gets the binary32 weights (token order) and the
  /// weights to write, and returns their total (`OrderedSum`). An embedder that reweights the
  /// whole vocabulary (SynthID) reads `binary32Weights` instead and may leave `weights`
  /// unwritten; `total` is then what `weigh` returns.
  func build(
    logits: UnsafeBufferPointer<Float>, settings: SamplingSettings,
    weighingFullVocabulary weigh: (UnsafePointer<Float>, UnsafeMutableBufferPointer<Double>) ->
      Double
  ) {
    let vocabulary = logits.count
    precondition(vocabulary > 0, "empty logits")
    reserve(vocabulary)
    let topK = settings.topK > 0 && settings.topK < vocabulary ? settings.topK : vocabulary
    let l = logits.baseAddress!
    if topK == vocabulary {
      let maximum = FastMath.maximum(l, count: vocabulary)
      let w = floatWeights
      for i in 0..<vocabulary { w[i] = FastMath.expNonPositive(l[i] - maximum) }
      if settings.topP >= 1 {
        isFullVocabulary = true
        count = vocabulary
        total = weigh(w, weights)
        return
      }
      let kept = nucleus.select(
        vocabularyWeights: w, count: vocabulary, topP: settings.topP, into: order)
      finish(kept: kept)
    } else {
      let k = selectTopK(logits: logits, k: topK)
      var maximum = -Float.infinity
      for i in 0..<k { maximum = max(maximum, l[Int(order[i])]) }
      for i in 0..<k {
        let id = Int(order[i])
        floatWeights[id] = FastMath.expNonPositive(l[id] - maximum)
      }
      if settings.topP >= 1 {
        finish(kept: k)
        return
      }
      keepNucleus(candidates: k, topP: settings.topP)
    }
  }

  /// The weights' sum in the fixed order of `OrderedSum`.
  private func sum() -> Double { Self.orderedSum(UnsafeBufferPointer(weights)) }

  /// The `OrderedSum` of `values`.
  static func orderedSum(_ values: UnsafeBufferPointer<Double>) -> Double {
    var sum = OrderedSum()
    let raw = UnsafeRawPointer(values.baseAddress!)
    var i = 0
    while i + 4 <= values.count {
      sum.add(raw.loadUnaligned(fromByteOffset: i &* 8, as: SIMD4<Double>.self))
      i += 4
    }
    while i < values.count {
      sum.add(values[i])
      i += 1
    }
    return sum.value
  }

  /// Stores `order[0..<kept]` as the candidates, ascending.
  private func finish(kept: Int) {
    var buffer = UnsafeMutableBufferPointer(start: order, count: kept)
    // A nucleus of the whole vocabulary comes out in id order already.
    var ascending = true
    for i in 1..<max(kept, 1) where buffer[i - 1] > buffer[i] {
      ascending = false
      break
    }
    if !ascending { buffer.sort() }
    isFullVocabulary = false
    count = kept
    for i in 0..<kept {
      idBuffer[i] = order[i]
      weightBuffer[i] = Double(floatWeights[Int(order[i])])
    }
    total = sum()
  }

  /// The k largest logits (ties: lower id first) into `order[0..<k]`; returns k.
  private func selectTopK(logits: UnsafeBufferPointer<Float>, k: Int) -> Int {
    let l = logits.baseAddress!
    if k >= Self.radixFrom {
      radix.select(logits: l, count: logits.count, k: k, into: order)
      return k
    }
    // A min-heap in `order[0..<k]` whose root is the weakest kept candidate.
    let heap = order
    @inline(__always) func weaker(_ a: Int32, _ b: Int32) -> Bool {
      let la = l[Int(a)]
      let lb = l[Int(b)]
      return la < lb || (la == lb && a > b)
    }
    func siftDown(_ start: Int) {
      var i = start
      while true {
        let left = 2 * i + 1
        let right = left + 1
        var m = i
        if left < k && weaker(heap[left], heap[m]) { m = left }
        if right < k && weaker(heap[right], heap[m]) { m = right }
        if m == i { return }
        let swap = heap[i]
        heap[i] = heap[m]
        heap[m] = swap
        i = m
      }
    }
    for i in 0..<k { heap[i] = Int32(i) }
    for i in stride(from: k / 2 - 1, through: 0, by: -1) { siftDown(i) }
    // Every later id is larger than every id in the heap, so id i enters exactly when its
    // logit exceeds the root's. Blocks of 64 whose maximum does not are skipped whole.
    var root = l[Int(heap[0])]
    let n = logits.count
    let raw = UnsafeRawPointer(l)
    var i = k
    while i < n {
      let end = min(i + 64, n)
      if end - i == 64 {
        // NaN never enters (comparisons with it are false), as in the scalar rule.
        var lanes = SIMD8<Float>(repeating: -.infinity)
        for v in 0..<8 {
          let x = raw.loadUnaligned(fromByteOffset: (i + 8 * v) * 4, as: SIMD8<Float>.self)
          lanes.replace(with: x, where: x .> lanes)
        }
        if !(lanes.max() > root) {
          i = end
          continue
        }
      }
      for j in i..<end where l[j] > root {
        heap[0] = Int32(j)
        siftDown(0)
        root = l[Int(heap[0])]
      }
      i = end
    }
    return k
  }

  /// Keeps the nucleus of the candidates in `order[0..<n]` (weights in `floatWeights`).
  private func keepNucleus(candidates n: Int, topP: Double) {
    let kept = nucleus.select(ids: order, count: n, weights: floatWeights, topP: topP)
    finish(kept: kept)
  }

  /// The candidate drawn by the uniform `r` in [0, 1): the first, in ascending id order, whose
  /// cumulative weight exceeds `r × total` (inverse-CDF sampling).
  public func draw(uniform r: Double) -> Int32 {
    let target = r * total
    if count >= 2 * BlockedDraw.block,
      let i = BlockedDraw.index(weights: weightBuffer, count: count, target: target)
    {
      return id(at: i)
    }
    var cumulative: Double = 0
    for i in 0..<count {
      cumulative += weightBuffer[i]
      if cumulative > target { return id(at: i) }
    }
    return id(at: count - 1)
  }

  /// Lets `body` change the weights (same candidates), then recomputes the total.
  public func updateWeights(_ body: (UnsafeMutableBufferPointer<Double>) -> Void) {
    body(weights)
    total = sum()
  }
}
