/// Everything a probe run needs besides its prompts and output (Spec/probe.md).
public struct ProbeConfiguration: Sendable {
  /// The suspect's endpoint: base URL or full chat-completions URL.
  public var endpoint: String
  /// Request fields: model, max_tokens, temperature.
  public var parameters: ChatCompletionClient.Parameters
  /// Samples per prompt (n).
  public var samplesPerPrompt: Int
  /// Requests in flight at most.
  public var concurrency: Int
  /// Requests started per second at most (nil: no limit), and the burst allowed.
  public var rate: Double?
  public var burst: Double
  /// Retries and backoff.
  public var retry: RetryPolicy
  /// Seconds one request may take.
  public var requestTimeout: Double
  /// The bearer token, if the endpoint needs one.
  public var apiKey: APIKey?
  /// When set, each request carries `seed` = a hash of (this, prompt, sample), so a
  /// deterministic server answers an item the same way on every run.
  public var seed: UInt64?
  /// fsync after every record (durable across power loss, not only process death).
  public var syncEveryRecord: Bool

  public init(
    endpoint: String, parameters: ChatCompletionClient.Parameters = .init(),
    samplesPerPrompt: Int, concurrency: Int = 4, rate: Double? = nil, burst: Double = 1,
    retry: RetryPolicy = RetryPolicy(), requestTimeout: Double = 120, apiKey: APIKey? = nil,
    seed: UInt64? = nil, syncEveryRecord: Bool = false
  ) {
    self.endpoint = endpoint
    self.parameters = parameters
    self.samplesPerPrompt = samplesPerPrompt
    self.concurrency = concurrency
    self.rate = rate
    self.burst = burst
    self.retry = retry
    self.requestTimeout = requestTimeout
    self.apiKey = apiKey
    self.seed = seed
    self.syncEveryRecord = syncEveryRecord
  }

  /// Checks the ranges.
  public func validate() throws(ProbeError) {
    guard samplesPerPrompt >= 1 && samplesPerPrompt <= 1_000_000 else {
      throw .invalidParameter("n must be in 1...1000000, got \(samplesPerPrompt)")
    }
    guard concurrency >= 1 && concurrency <= 1024 else {
      throw .invalidParameter("concurrency must be in 1...1024, got \(concurrency)")
    }
    if let maxTokens = parameters.maxTokens, maxTokens < 1 {
      throw .invalidParameter("max tokens must be at least 1, got \(maxTokens)")
    }
    if let t = parameters.temperature, !(t >= 0 && t.isFinite) {
      throw .invalidParameter("temperature must be a finite number >= 0, got \(t)")
    }
    try retry.validate()
    _ = try ChatCompletionClient.completionsURL(endpoint)
  }
}
