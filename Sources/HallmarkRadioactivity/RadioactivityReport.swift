import Hallmark
import HallmarkEvidence

/// A radioactivity result as `hallmark radioactivity --json` writes it (format
/// "hallmark-radioactivity", version 1; Spec/radioactivity.md#report): the test, the key (id
/// and scheme only), what was read, and the result with its controls. `keyCommitment`,
/// `command` and `inputs` make the result reproducible: `hallmark report --radioactivity`
/// checks them, recomputes the result and refuses one that does not match.
public struct RadioactivityReport: Codable, Sendable, Equatable {
  /// "hallmark-radioactivity".
  public var format = "hallmark-radioactivity"
  /// 1.
  public var version = 1
  /// "closed-model" or "open-weights".
  public var test: String
  /// The tested key's id (never its secret).
  public var keyId: String
  /// The tested key's commitment (Spec/keys.md), binding the key without revealing it.
  public var keyCommitment: String?
  /// The command line that made the result, the program as its file name.
  public var command: [String]?
  /// The files the result was computed from, with their SHA-256 (roles "suspect-outputs",
  /// "suspect-model", "suspect-student", "reference", "prompts", "tokenizer"), recorded as an
  /// evidence bundle records its inputs.
  public var inputs: [InputFileRecord]?
  /// The tested key's scheme and parameters.
  public var scheme: SchemeParameters
  /// The suspect: the outputs file, the GGUF or the student file.
  public var suspect: String
  /// What happened to the suspect's output records (closed model).
  public var suspectRecords: SuspectSummary?
  /// What happened to our reference records (filter, or the text read).
  public var referenceRecords: SuspectSummary?
  /// Extra prompts whose tuples were excluded (`--prompts`).
  public var extraPrompts: Int
  /// The closed-model result.
  public var closedModel: RadioactivityTest.ClosedModelResult?
  /// The open-weights result.
  public var openWeights: RadioactivityTest.OpenWeightsResult?

  /// A report from its parts.
  public init(
    test: String, key: WatermarkKey, suspect: String, suspectRecords: SuspectSummary? = nil,
    referenceRecords: SuspectSummary? = nil, extraPrompts: Int = 0,
    closedModel: RadioactivityTest.ClosedModelResult? = nil,
    openWeights: RadioactivityTest.OpenWeightsResult? = nil
  ) {
    self.test = test
    keyId = key.id
    keyCommitment = key.commitment
    scheme = key.scheme
    self.suspect = suspect
    self.suspectRecords = suspectRecords
    self.referenceRecords = referenceRecords
    self.extraPrompts = extraPrompts
    self.closedModel = closedModel
    self.openWeights = openWeights
  }
}
