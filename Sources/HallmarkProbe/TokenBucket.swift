/// A token-bucket rate limit: requests start at no more than `rate` per second on average,
/// with bursts of at most `burst`. A caller reserves a token and sleeps until it is due, so
/// waiting callers are served in order.
public actor TokenBucket {
  /// Tokens added per second.
  public let rate: Double
  /// The bucket's size.
  public let burst: Double
  private var tokens: Double
  private var last: ContinuousClock.Instant
  private let clock = ContinuousClock()

  /// A bucket that starts full.
  public init(rate: Double, burst: Double = 1) throws(ProbeError) {
    guard rate > 0 && rate.isFinite else {
      throw .invalidParameter("rate must be a positive number of requests per second, got \(rate)")
    }
    guard burst >= 1 && burst.isFinite else {
      throw .invalidParameter("burst must be at least 1, got \(burst)")
    }
    self.rate = rate
    self.burst = burst
    tokens = burst
    last = ContinuousClock().now
  }

  /// Takes a token; returns how long the caller must wait before using it.
  func reserve() -> Duration {
    let now = clock.now
    let elapsed = now - last
    last = now
    let seconds =
      Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
    tokens = min(burst, tokens + seconds * rate)
    tokens -= 1
    return tokens >= 0 ? .zero : .seconds(-tokens / rate)
  }

  /// Waits until a request may start.
  public nonisolated func acquire() async throws {
    let wait = await reserve()
    if wait > .zero { try await Task.sleep(for: wait) }
  }
}
