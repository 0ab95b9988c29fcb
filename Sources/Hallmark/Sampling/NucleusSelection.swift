/// Top-p truncation (Spec/sampling.md step 3): the shortest prefix, in descending weight order
/// (ties: lower id first), whose weight sum reaches `p × (sum of the candidates' weights)`.
///
/// The weights are grouped by their binary32 exponent and top three mantissa bits. Every weight
/// of a heavier group exceeds every weight of a lighter one, so the descending order is the
/// groups from the heaviest, each sorted. The prefix sum runs group by group (each group's sum
/// from four partial sums, candidate i into partial i mod 4) until the group where it reaches
/// the target; only that group is sorted and summed weight by weight, and a last pass keeps the
/// nucleus in the candidates' order. A heavy-tailed distribution (a nucleus of tens of
/// thousands of tokens) thus costs three passes and the sort of one small group, not a sort of
/// the vocabulary. The sums differ from a plain sorted prefix sum only by binary64 rounding.
final class NucleusSelection {
  private static let groups = 2048
  private var groupMass = [Double](repeating: 0, count: 4 * groups)
  private var keys: [UInt64] = []

  /// Weights at least this large (relative to the largest, 1) are the "heavy" part of a
  /// vocabulary that `select(vocabularyWeights:…)` looks at first: 2^-20, a group boundary.
  static let heavyFloor: Float = 0x1p-20

  /// The nucleus of a whole vocabulary (`weights[0..<n]`, indexed by id), written to `ids` in
  /// ascending order; returns its length (at least 1). A vectorised pass sums all weights and
  /// those of at least `heavyFloor`. Every heavy weight outweighs every other, so when the heavy
  /// ones hold the target the nucleus lies among them; unless they are most of the vocabulary
  /// (over three quarters, where listing them costs more than it saves) only they are listed,
  /// grouped and sorted, otherwise all weights are.
  func select(
    vocabularyWeights weights: UnsafePointer<Float>, count n: Int, topP: Double,
    into ids: UnsafeMutablePointer<Int32>
  ) -> Int {
    var sum = OrderedSum()
    var heavySum = SIMD4<Double>()
    var heavyCount = SIMD4<Int64>()
    let floor = SIMD4<Float>(repeating: Self.heavyFloor)
    let wideFloor = SIMD4<Double>(repeating: Double(Self.heavyFloor))
    let raw = UnsafeRawPointer(weights)
    var i = 0
    while i + 4 <= n {
      let four = raw.loadUnaligned(fromByteOffset: i &* 4, as: SIMD4<Float>.self)
      let wide = SIMD4<Double>(four)
      sum.add(wide)
      let heavy = wide .>= wideFloor
      heavySum += wide.replacing(with: 0, where: .!heavy)
      heavyCount &-= unsafeBitCast(heavy, to: SIMD4<Int64>.self)
      i &+= 4
    }
    var heavyMass = heavySum.sum()
    var heavy = Int(heavyCount.wrappedSum())
    while i < n {
      sum.add(Double(weights[i]))
      if weights[i] >= Self.heavyFloor {
        heavy += 1
        heavyMass += Double(weights[i])
      }
      i += 1
    }
    let total = sum.value
    // The margin is far above the rounding of the two sums.
    guard heavy > 0, heavy * 4 <= 3 * n, heavyMass >= topP * total * (1 + 1e-9) else {
      for j in 0..<n { ids[j] = Int32(j) }
      return select(ids: ids, count: n, weights: weights, total: total, topP: topP)
    }
    // Branch-free listing: heavy and light weights alternate unpredictably.
    var listed = 0
    i = 0
    while i + 4 <= n {
      let four = raw.loadUnaligned(fromByteOffset: i &* 4, as: SIMD4<Float>.self)
      if any(four .>= floor) {
        for lane in 0..<4 {
          ids[listed] = Int32(i &+ lane)
          listed &+= four[lane] >= Self.heavyFloor ? 1 : 0
        }
      }
      i &+= 4
    }
    for j in i..<n where weights[j] >= Self.heavyFloor {
      ids[listed] = Int32(j)
      listed += 1
    }
    return select(ids: ids, count: listed, weights: weights, total: total, topP: topP)
  }

  /// Moves the nucleus to the front of `ids[0..<count]`, in the order the ids were given, and
  /// returns its length (at least 1). `weights` is indexed by id. `total` is the sum of all the
  /// candidates' weights (the nucleus's target is `topP × total`); when nil it is the sum of
  /// the group sums of `ids` (one of the orders of addition the Spec allows), so no pass of
  /// dependent additions over the candidates is needed for it.
  func select(
    ids: UnsafeMutablePointer<Int32>, count n: Int, weights: UnsafePointer<Float>,
    total: Double? = nil, topP: Double
  ) -> Int {
    var target: Double = 0
    // The group where the prefix sum reaches the target, and the sum of the heavier groups.
    var cut = 0
    var above: Double = 0
    groupMass.withUnsafeMutableBufferPointer { table in
      // Four partial tables (candidate i into table i mod 4), so that runs of one group do not
      // wait on each other's additions; a group's sum is (t0 + t1) + (t2 + t3).
      table.update(repeating: 0)
      let t = table.baseAddress!
      var i = 0
      while i + 4 <= n {
        for lane in 0..<4 {
          let w = weights[Int(ids[i + lane])]
          t[lane * Self.groups + Self.group(w.bitPattern)] += Double(w)
        }
        i += 4
      }
      while i < n {
        let w = weights[Int(ids[i])]
        t[Self.group(w.bitPattern)] += Double(w)
        i += 1
      }
      var groupTotal: Double = 0
      for g in 0..<Self.groups {
        t[g] = (t[g] + t[Self.groups + g]) + (t[2 * Self.groups + g] + t[3 * Self.groups + g])
        groupTotal += t[g]
      }
      target = topP * (total ?? groupTotal)
      let mass = t
      var g = Self.groups - 1
      // Empty groups are passed over, so that the cut group holds the first candidate kept.
      while g > 0 && (above + mass[g] < target || mass[g] == 0) {
        above += mass[g]
        g -= 1
      }
      cut = g
    }
    if keys.count < n { keys = [UInt64](repeating: 0, count: n) }
    // The cut group's members as sort keys (weight bits, then the complement of the id).
    let last: UInt64? = keys.withUnsafeMutableBufferPointer { k in
      var members = 0
      for i in 0..<n {
        let id = ids[i]
        let bits = weights[Int(id)].bitPattern
        if Self.group(bits) == cut {
          // Complemented, so that an ascending sort (the fastest) gives descending keys.
          k[members] = ~(UInt64(bits) << 32 | UInt64(~UInt32(bitPattern: id)))
          members += 1
        }
      }
      var group = UnsafeMutableBufferPointer(rebasing: k[0..<members])
      group.sort()
      var mass = above
      var taken = 0
      // At least one candidate in all, and stop as soon as the target is reached.
      while taken < members && (taken == 0 || mass < target) {
        mass += Double(Float(bitPattern: UInt32(truncatingIfNeeded: ~k[taken] >> 32)))
        taken += 1
      }
      return taken == 0 ? nil : ~k[taken - 1]
    }
    // The nucleus in the candidates' order: the heavier groups, and the cut group's members down
    // to the last one taken.
    // Branch-free: membership is a coin flip per candidate in a shuffled vocabulary.
    let lastKey = last ?? 0
    let hasLast = last == nil ? 0 : 1
    var kept = 0
    for i in 0..<n {
      let id = ids[i]
      let bits = weights[Int(id)].bitPattern
      let g = Self.group(bits)
      let key = UInt64(bits) << 32 | UInt64(~UInt32(bitPattern: id))
      ids[kept] = id
      let heavier = g > cut ? 1 : 0
      let inCut = (g == cut ? 1 : 0) & (key >= lastKey ? 1 : 0) & hasLast
      kept &+= heavier | inCut
    }
    return kept
  }

  /// The group of a weight's bit pattern: exponent and top three mantissa bits (the sign
  /// ignored, so that no bit pattern falls outside the table).
  @inline(__always) private static func group(_ bits: UInt32) -> Int {
    Int((bits & 0x7FFF_FFFF) &>> 20)
  }
}
