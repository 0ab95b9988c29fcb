import Hallmark

/// Radioactivity tests (Sander et al. 2024, "Watermarking Makes Language Models Radioactive";
/// Spec/radioactivity.md): does a suspect model carry our key's watermark because it was
/// trained on our watermarked outputs? Every result comes with the same test under control
/// keys.
///
/// - `closedModel`: score the suspect's outputs under our key, each (window, token) tuple
///   counted once across the whole corpus, tuples that occur in the prompts left out, with an
///   exact p-value. With reference outputs (the watermarked text we served), a second,
///   filtered test keeps only tuples whose window occurs in them.
/// - `openWeights`: read our watermarked text through the suspect (`ReadingMode`).
public struct RadioactivityTest: Sendable {
  /// The key tested for.
  public let key: WatermarkKey
  /// Negative-control keys (`ControlKeys`).
  public let controls: [WatermarkKey]
  /// The seed the controls came from (reported).
  public let controlSeed: UInt64
  /// The level at which control p-values are counted.
  public let alpha: Double
  /// Whether results list every control p-value.
  public let keepControlPValues: Bool

  /// A test for `key` with `controlCount` control keys from `controlSeed`.
  public init(
    key: WatermarkKey, controlCount: Int = 100, controlSeed: UInt64 = 0, alpha: Double = 0.01,
    keepControlPValues: Bool = false
  ) {
    self.key = key
    controls = ControlKeys.make(count: controlCount, like: key, seed: controlSeed)
    self.controlSeed = controlSeed
    self.alpha = alpha
    self.keepControlPValues = keepControlPValues
  }

  /// The result of the closed-model test.
  public struct ClosedModelResult: Codable, Sendable, Equatable {
    /// Every tuple of the suspect's outputs that is not in a prompt.
    public var unfiltered: TupleTestResult
    /// Only tuples whose window occurs in the reference outputs (when given).
    public var filtered: TupleTestResult?
    /// Distinct windows in the reference outputs (when given).
    public var referenceWindows: Int?
  }

  /// Runs the test on `documents` (the suspect's outputs with their prompts). `prompts` are
  /// further prompts whose tuples are excluded (e.g. the prompts file of a probe run);
  /// `reference`, our own watermarked outputs (prompt and completion ids), turns on the filter.
  public func closedModel(
    documents: [SuspectDocument], prompts: [[Int32]] = [], reference: [[Int32]]? = nil
  ) -> ClosedModelResult {
    let h = key.scheme.contextWidth
    let exclusion = TupleBatch.tupleSet(
      of: prompts + documents.map(\.prompt).filter { !$0.isEmpty }, contextWidth: h)
    var all = TupleBatch(contextWidth: h)
    var positions = 0
    for d in documents {
      all.add(d.prompt + d.completion, promptLength: d.prompt.count, excluding: exclusion)
      positions += max(0, d.prompt.count + d.completion.count - max(d.prompt.count, h))
    }
    let unfiltered = TupleTestResult.score(
      batch: all, key: key, controls: controls, controlSeed: controlSeed, alpha: alpha,
      positions: positions, excluded: all.filtered, filtered: 0,
      keepControlPValues: keepControlPValues)
    guard let reference else { return ClosedModelResult(unfiltered: unfiltered) }
    let windows = TupleBatch.windowSet(of: reference, contextWidth: h)
    var kept = TupleBatch(contextWidth: h)
    for d in documents {
      kept.add(
        d.prompt + d.completion, promptLength: d.prompt.count, excluding: exclusion,
        onlyWindowsIn: windows)
    }
    // The exclusion is checked first, so `all.filtered` of kept's left-out positions are the
    // prompt tuples and the rest failed the filter.
    let filtered = TupleTestResult.score(
      batch: kept, key: key, controls: controls, controlSeed: controlSeed, alpha: alpha,
      positions: positions, excluded: all.filtered, filtered: kept.filtered - all.filtered,
      keepControlPValues: keepControlPValues)
    return ClosedModelResult(
      unfiltered: unfiltered, filtered: filtered, referenceWindows: windows.count)
  }

  /// The result of the open-weights test.
  public struct OpenWeightsResult: Codable, Sendable, Equatable {
    /// Documents of our text read.
    public var sequences: Int
    /// The reading-mode tuples' test (`excluded` counts predictions copied from the context).
    public var reading: TupleTestResult
  }

  /// Reads `sequences` (our watermarked outputs) through `predictor` and tests the top-1
  /// predictions' tuples.
  public func openWeights(sequences: [ReadingMode.Sequence], predictor: any TopOnePredictor)
    throws -> OpenWeightsResult
  {
    let predictions = try predictor.predictions(for: sequences)
    let read = ReadingMode.tuples(
      sequences: sequences, predictions: predictions, contextWidth: key.scheme.contextWidth)
    let result = TupleTestResult.score(
      batch: read.batch, key: key, controls: controls, controlSeed: controlSeed, alpha: alpha,
      positions: read.positions, excluded: read.copies, filtered: 0,
      keepControlPValues: keepControlPValues)
    return OpenWeightsResult(sequences: sequences.count, reading: result)
  }
}
