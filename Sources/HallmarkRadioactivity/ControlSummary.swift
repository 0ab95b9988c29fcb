import Hallmark

/// The same test under control keys (Spec/radioactivity.md#controls): if the signal is specific
/// to the tested key, the controls' p-values are uniform and about a fraction α falls below α.
public struct ControlSummary: Codable, Sendable, Equatable {
  /// Control keys tested.
  public var keys: Int
  /// The seed the control keys came from (`ControlKeys`).
  public var seed: UInt64
  /// The level α the fraction is counted at.
  public var alpha: Double
  /// Controls with p < α.
  public var belowAlpha: Int
  /// `belowAlpha / keys` (0 when there are no controls).
  public var fractionBelowAlpha: Double
  /// Clopper–Pearson 95 % interval of that fraction; it should contain α.
  public var fractionInterval: [Double]
  /// The smallest control log10 p.
  public var minimumLog10P: Double
  /// The median control log10 p (about −0.30 under the null).
  public var medianLog10P: Double
  /// Controls at least as significant as the tested key.
  public var atLeastAsSignificant: Int
  /// The empirical p-value of the tested key among the controls: (1 + that count)/(keys + 1).
  public var empiricalP: Double
  /// Every control's log10 p, in key order (only when asked for).
  public var log10P: [Double]?

  /// The summary of control scores `controls` against the tested key's `tested` p-value.
  public init(
    controls: [DocumentScore], tested: PValue, seed: UInt64, alpha: Double, keepAll: Bool
  ) {
    let logs = controls.map(\.pValue.log10)
    keys = logs.count
    self.seed = seed
    self.alpha = alpha
    let threshold = Hallmark.PValue(alpha).log10
    belowAlpha = logs.filter { $0 < threshold }.count
    fractionBelowAlpha = keys > 0 ? Double(belowAlpha) / Double(keys) : 0
    if keys > 0 {
      let ci = Statistics.clopperPearson(successes: belowAlpha, trials: keys)
      fractionInterval = [ci.lowerBound, ci.upperBound]
    } else {
      fractionInterval = [0, 1]
    }
    let sorted = logs.sorted()
    minimumLog10P = sorted.first ?? 0
    medianLog10P =
      sorted.isEmpty
      ? 0
      : sorted.count % 2 == 1
        ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
    atLeastAsSignificant = logs.filter { $0 <= tested.log10 }.count
    empiricalP = Double(1 + atLeastAsSignificant) / Double(keys + 1)
    log10P = keepAll ? logs : nil
  }

  /// Whether the fraction below α is consistent with α (α inside the 95 % interval).
  public var consistentWithAlpha: Bool {
    fractionInterval[0] <= alpha && alpha <= fractionInterval[1]
  }
}
