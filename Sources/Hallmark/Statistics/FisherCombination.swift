extension Statistics {
  /// Fisher's method for combining k independent p-values: under the joint null
  /// T = −2·Σ ln pᵢ ~ χ²₂ₖ, so the combined p-value is P(χ²₂ₖ ≥ T) = Q(k, −Σ ln pᵢ).
  ///
  /// Sums in input order. Any `PValue.impossible` input gives `PValue.impossible`; an empty
  /// list gives p = 1.
  public static func fisherCombination(_ p: [PValue]) -> PValue {
    if p.isEmpty { return .one }
    var sum = 0.0
    for value in p {
      if value.log10 == -.infinity { return .impossible }
      sum -= value.naturalLog
    }
    return gammaUpperTail(atLeast: sum, shape: Double(p.count))
  }
}
