import Foundation
import Hallmark

/// The decision rule of `detect` (Spec/detection.md#verdict): a document is "watermarked" when
/// p < α, "too short to test" when fewer than `minimumScored` tuples were scored (never a
/// verdict either way), and "not detected" otherwise.
struct Verdict {
  /// α: the per-document false-positive rate accepted. Default 1e-6: a scan of a million
  /// unwatermarked documents then flags about one, and a flagged document stands on its own.
  var alpha: Double
  /// Fewer scored tuples than this is too short to test.
  var minimumScored: Int

  enum Outcome: String {
    case watermarked
    case notDetected = "not detected"
    case tooShort = "too short to test"
  }

  func outcome(_ score: DocumentScore) -> Outcome {
    outcome(scored: score.scored, pValue: score.pValue)
  }

  /// The outcome of a test over `scored` tuples with p-value `pValue` (e.g. a window's
  /// corrected p-value).
  func outcome(scored: Int, pValue: PValue) -> Outcome {
    if scored < minimumScored { return .tooShort }
    return pValue.log10 < log10(alpha) ? .watermarked : .notDetected
  }
}
