// Foundation (through Glibc on Linux) links libm, whose correctly rounded `sqrt` backs
// `Double.squareRoot()` in unoptimized builds. No other libm function is used here.
import Foundation

/// Exact null-distribution tails and multiple-testing tools for watermark detection.
///
/// Every detector in Hallmark reduces a document to a count or a sum whose distribution is
/// known exactly when the text is not watermarked (the *null*):
/// - KGW / Unigram green counts: Bin(scored, γ), tail `binomialUpperTail`.
/// - SynthID g-value sums: Bin(scored · layers, ½), tail `binomialUpperTail`.
/// - Gumbel / exponential-minimum scores Σ −ln(1 − u): Gamma(scored, 1), tail
///   `gammaUpperTail`.
///
/// The tails are computed in log space, so `PValue.log10` stays exact where the p-value
/// itself underflows a `Double` (10⁻⁴⁰⁰, 10⁻⁵⁰⁰⁰), and with `PortableMath` only, so results
/// are bit-identical on every platform. `Spec/statistics.md` is the normative definition.
///
/// Out-of-domain parameters (NaN, a probability outside [0, 1], a negative number of trials,
/// a non-positive shape) are programming errors and stop the program with a message naming
/// the parameter; validate user input before calling.
public enum Statistics {
  /// Stops with a message naming the parameter when `condition` is false (kept also in
  /// `-Ounchecked` builds, where `precondition` is not checked).
  static func require(
    _ condition: Bool, _ function: StaticString, _ message: @autoclosure () -> String
  ) {
    if !condition { fatalError("Statistics.\(function): \(message())") }
  }
}
