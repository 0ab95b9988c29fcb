/// The outcome of one check of `hallmark report verify`.
public struct BundleCheck: Sendable, Equatable {
  /// Pass, fail, or not checked (and why, in `detail`).
  public enum Outcome: String, Sendable {
    case pass = "PASS"
    case fail = "FAIL"
    case notChecked = "SKIP"
  }
  /// What was checked ("signature", "time-stamp", "input corpus.jsonl", ...).
  public var name: String
  public var outcome: Outcome
  /// The finding in words.
  public var detail: String

  public init(_ name: String, _ outcome: Outcome, _ detail: String) {
    self.name = name
    self.outcome = outcome
    self.detail = detail
  }

  /// One line for the terminal: `PASS  signature: Ed25519, key 3f2a…`.
  public var line: String { "\(outcome.rawValue)  \(name): \(detail)" }
}

/// All checks of one bundle, in the order they ran.
public struct BundleVerification: Sendable {
  public var checks: [BundleCheck]

  public init(checks: [BundleCheck] = []) { self.checks = checks }

  /// True when no check failed and the signature check passed.
  public var passed: Bool {
    !checks.contains { $0.outcome == .fail }
      && checks.contains { $0.name == "signature" && $0.outcome == .pass }
  }

  /// The lines to print, then a closing verdict line.
  public var lines: [String] {
    checks.map(\.line) + [
      passed
        ? "VERIFIED: every check above passed or was not asked for"
        : "NOT VERIFIED: see FAIL lines above"
    ]
  }

  mutating func add(_ name: String, _ outcome: BundleCheck.Outcome, _ detail: String) {
    checks.append(BundleCheck(name, outcome, detail))
  }
}
