import Hallmark

/// One test over a set of distinct (window, token) tuples: the counts of what was kept and left
/// out, the tested key's result, and the controls (Spec/radioactivity.md).
public struct TupleTestResult: Codable, Sendable, Equatable {
  /// Positions looked at (completion tokens with a full window).
  public var positions: Int
  /// Distinct tuples scored.
  public var tuples: Int
  /// Positions whose tuple was already counted (dedup).
  public var duplicates: Int
  /// Positions whose tuple occurs in a prompt (closed model), or earlier in the document the
  /// suspect was reading (open weights): left out.
  public var excluded: Int
  /// Positions whose window is not in our reference outputs (the filter): left out.
  public var filtered: Int
  /// The tested key's result over the scored tuples.
  public var score: DocumentScore
  /// The same test under control keys.
  public var controls: ControlSummary

  /// log10 of the tested key's p-value.
  public var log10P: Double { score.pValue.log10 }

  /// Scores `batch` under `key` and every key of `controls`.
  public static func score(
    batch: TupleBatch, key: WatermarkKey, controls: [WatermarkKey], controlSeed: UInt64,
    alpha: Double, positions: Int, excluded: Int, filtered: Int, keepControlPValues: Bool = false
  ) -> TupleTestResult {
    let tested = Detector(key: key).score(batch: batch)
    let controlScores = MultiKeyScoring.score(batch: batch, keys: controls)
    return TupleTestResult(
      positions: positions, tuples: batch.count, duplicates: batch.duplicates, excluded: excluded,
      filtered: filtered, score: tested,
      controls: ControlSummary(
        controls: controlScores, tested: tested.pValue, seed: controlSeed, alpha: alpha,
        keepAll: keepControlPValues))
  }
}
