import Foundation
import Testing

/// Reference values written by `scripts/make-stat-fixtures.py` (mpmath in high precision,
/// cross-checked against SciPy) into `Fixtures/statistics.json`.
struct StatisticsFixture: Decodable {
  struct Binomial: Decodable {
    let k: Int
    let n: Int
    let p: Double
    let log10P: Double
    let source: String
  }
  struct Gamma: Decodable {
    let x: Double
    let a: Double
    let log10P: Double
    let source: String
  }
  struct Normal: Decodable {
    let z: Double
    let log10P: Double
  }
  struct ChiSquare: Decodable {
    let statistic: Double
    let dof: Int
    let log10P: Double
  }
  struct Fisher: Decodable {
    let log10PValues: [Double]
    let log10P: Double
  }
  struct ClopperPearson: Decodable {
    let successes: Int
    let trials: Int
    let confidence: Double
    let lower: Double
    let upper: Double
    let scipyLower: Double
    let scipyUpper: Double
  }

  let binomial: [Binomial]
  let gamma: [Gamma]
  let normal: [Normal]
  let chiSquare: [ChiSquare]
  let fisher: [Fisher]
  let clopperPearson: [ClopperPearson]

  struct Missing: Error, CustomStringConvertible {
    var description: String { "Fixtures/statistics.json is not in the test bundle" }
  }

  /// Loaded once per test process; a missing or malformed file fails the tests using it.
  private static let loaded = Result<StatisticsFixture, any Error> {
    guard
      let url = Bundle.module.url(
        forResource: "statistics", withExtension: "json", subdirectory: "Fixtures")
    else { throw Missing() }
    let decoder = JSONDecoder()
    decoder.keyDecodingStrategy = .convertFromSnakeCase
    return try decoder.decode(StatisticsFixture.self, from: Data(contentsOf: url))
  }

  static func shared() throws -> StatisticsFixture { try loaded.get() }
}

/// Error of a computed log10 p against a reference: relative where |log10 p| ≥ 1e-3,
/// absolute nearer p = 1 (where log10 p → 0 and a relative measure is meaningless).
struct Log10Error {
  /// Tolerances the fixture tests hold every point to.
  static let relativeTolerance = 1e-12
  static let absoluteTolerance = 1e-14

  let relative: Bool
  let error: Double

  init(_ actual: Double, reference: Double) {
    relative = abs(reference) >= 1e-3
    error = relative ? abs(actual - reference) / abs(reference) : abs(actual - reference)
  }

  var isWithinTolerance: Bool {
    error <= (relative ? Self.relativeTolerance : Self.absoluteTolerance)
  }
}

/// The largest relative and absolute errors seen over a fixture section, for the report.
struct ErrorSummary {
  var maxRelative = 0.0
  var maxAbsolute = 0.0
  var worst = ""

  mutating func add(_ e: Log10Error, _ label: @autoclosure () -> String) {
    if e.relative {
      if e.error > maxRelative {
        maxRelative = e.error
        worst = label()
      }
    } else {
      maxAbsolute = max(maxAbsolute, e.error)
    }
  }

  var line: String {
    "max relative error \(maxRelative) (at \(worst)), max absolute error near p = 1 \(maxAbsolute)"
  }
}
