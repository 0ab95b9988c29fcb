import Foundation

/// When to send a failed request again (Spec/probe.md#retries): up to `maxAttempts` requests
/// per item; before attempt k + 1 the probe waits an exponential backoff with jitter,
/// base·2^(k−1) capped at `maxDelay`, drawn uniformly from its upper half; a server's
/// `Retry-After` (seconds or an HTTP date) or `retry-after-ms` raises the wait to what it asks,
/// up to `maxRetryAfter`.
public struct RetryPolicy: Sendable, Equatable {
  /// Requests per item, the first included (≥ 1).
  public var maxAttempts: Int
  /// The first backoff, in seconds.
  public var baseDelay: Double
  /// The largest backoff, in seconds.
  public var maxDelay: Double
  /// The longest server-requested wait honoured, in seconds.
  public var maxRetryAfter: Double

  /// A policy; the defaults suit hosted APIs.
  public init(
    maxAttempts: Int = 8, baseDelay: Double = 0.5, maxDelay: Double = 30,
    maxRetryAfter: Double = 120
  ) {
    self.maxAttempts = maxAttempts
    self.baseDelay = baseDelay
    self.maxDelay = maxDelay
    self.maxRetryAfter = maxRetryAfter
  }

  /// Checks the ranges.
  public func validate() throws(ProbeError) {
    guard maxAttempts >= 1 && maxAttempts <= 100 else {
      throw .invalidParameter("max attempts must be in 1...100, got \(maxAttempts)")
    }
    guard baseDelay >= 0 && baseDelay.isFinite, maxDelay >= baseDelay && maxDelay.isFinite,
      maxRetryAfter >= 0 && maxRetryAfter.isFinite
    else {
      throw .invalidParameter(
        "retry delays must satisfy 0 <= base <= max and be finite (base \(baseDelay), max \(maxDelay), retry-after cap \(maxRetryAfter))"
      )
    }
  }

  /// Seconds to wait after failed attempt `attempt` (from 1); `jitter` is uniform in [0, 1).
  public func delay(afterAttempt attempt: Int, retryAfter: Double?, jitter: Double) -> Double {
    let exponential = min(maxDelay, baseDelay * pow(2, Double(min(attempt - 1, 60))))
    let backoff = exponential * (0.5 + 0.5 * jitter)
    guard let retryAfter else { return backoff }
    return max(backoff, min(retryAfter, maxRetryAfter))
  }

  /// The wait a response asks for, in seconds: `retry-after-ms`, else `Retry-After` as
  /// seconds (fractions accepted) or an HTTP date; nil when absent or unreadable.
  public static func retryAfter(milliseconds: String?, header: String?, now: Date = Date())
    -> Double?
  {
    if let ms = milliseconds.flatMap({ Double($0.trimmingCharacters(in: .whitespaces)) }),
      ms.isFinite, ms >= 0
    {
      return ms / 1000
    }
    guard let header = header?.trimmingCharacters(in: .whitespaces), !header.isEmpty else {
      return nil
    }
    if let seconds = Double(header), seconds.isFinite {
      return max(0, seconds)
    }
    let formatter = DateFormatter()
    formatter.locale = Locale(identifier: "en_US_POSIX")
    formatter.timeZone = TimeZone(identifier: "GMT")
    formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss zzz"
    guard let date = formatter.date(from: header) else { return nil }
    return max(0, date.timeIntervalSince(now))
  }
}
