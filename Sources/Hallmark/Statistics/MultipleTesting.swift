extension Statistics {
  /// Bonferroni's correction of one p-value among `count` tests: min(1, count · p).
  /// Requires count ≥ 1.
  public static func bonferroni(_ p: PValue, count: Int) -> PValue {
    require(count >= 1, "bonferroni", "count = \(count) must be ≥ 1")
    return PValue(log10: p.log10 + log10(of: count))
  }

  /// Holm–Bonferroni adjusted p-values (Holm 1979), in input order.
  ///
  /// With p₍₁₎ ≤ … ≤ p₍ₘ₎ sorted ascending (ties keep input order), the adjusted value of
  /// p₍ᵢ₎ is max_{j ≤ i} min(1, (m − j + 1) · p₍ⱼ₎): monotone in the sorted order and capped
  /// at 1. Rejecting every hypothesis whose adjusted p-value is ≤ α controls the
  /// family-wise error rate at α under any dependence. Computed in log10 space, so tiny
  /// p-values keep their precision.
  public static func holmBonferroni(_ p: [PValue]) -> [PValue] {
    let m = p.count
    let order = p.indices.sorted {
      p[$0].log10 < p[$1].log10 || (p[$0].log10 == p[$1].log10 && $0 < $1)
    }
    var adjusted = [PValue](repeating: .one, count: m)
    var running = -Double.infinity
    for (rank, index) in order.enumerated() {
      let candidate = min(0, p[index].log10 + log10(of: m - rank))
      running = max(running, candidate)
      adjusted[index] = PValue(log10: running)
    }
    return adjusted
  }

  /// log₁₀ of a positive count, deterministic.
  static func log10(of count: Int) -> Double {
    PortableMath.log(Double(count)) * PortableMath.log10E
  }
}
