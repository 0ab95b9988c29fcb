import Foundation

/// Queries a suspect's chat endpoint for n samples of every prompt and appends each
/// completion to the output as it arrives (Spec/probe.md).
///
/// At most `concurrency` requests are in flight; a token bucket spaces their starts; each
/// item is retried on transient failures with exponential backoff and jitter. Items are done
/// in (prompt, sample) order of start. A 401/403 stops the run; any other item that fails
/// after its retries is reported and left for `--resume`.
public struct Prober: Sendable {
  /// What happened during a run, for the report and for tests.
  public struct Summary: Sendable, Equatable {
    /// Items in the plan (prompts × n).
    public var planned = 0
    /// Items found in the output when the run began.
    public var alreadyDone = 0
    /// Records written by this run.
    public var written = 0
    /// Items that failed after all retries (left for a later resume).
    public var failed: [ProbeItem] = []
    /// Requests sent again after a transient failure.
    public var retries = 0
    /// Bytes of a torn last line cut from the output on resume.
    public var truncatedBytes = 0
    /// Duplicate records found in the output (counted once).
    public var duplicatesFound = 0
  }

  /// Something worth telling the user while the run goes on.
  public enum Event: Sendable {
    case written(ProbeItem, attempts: Int)
    case retrying(ProbeItem, attempt: Int, error: ProbeError, delay: Double)
    case failed(ProbeItem, error: ProbeError)
  }

  public let configuration: ProbeConfiguration

  public init(configuration: ProbeConfiguration) throws(ProbeError) {
    try configuration.validate()
    self.configuration = configuration
  }

  /// The items of `prompts` × n not in `done`, in order.
  public func plan(prompts: Int, done: Set<ProbeItem>) -> [ProbeItem] {
    var items: [ProbeItem] = []
    for p in 0..<prompts {
      for s in 0..<configuration.samplesPerPrompt
      where !done.contains(ProbeItem(prompt: p, sample: s)) {
        items.append(ProbeItem(prompt: p, sample: s))
      }
    }
    return items
  }

  /// Runs the probe: `output` receives one record per completed item. `events` is called
  /// from the workers (keep it quick and thread-safe).
  public func run(
    prompts: [ProbePrompt], output: ProbeOutput,
    events: @escaping @Sendable (Event) -> Void = { _ in }
  ) async throws -> Summary {
    var summary = Summary()
    summary.planned = prompts.count * configuration.samplesPerPrompt
    let existing = output.existing
    summary.alreadyDone =
      existing.done.filter {
        $0.prompt < prompts.count && $0.sample < configuration.samplesPerPrompt
      }.count
    summary.truncatedBytes = existing.truncatedBytes
    summary.duplicatesFound = existing.duplicates
    let work = plan(prompts: prompts.count, done: existing.done)
    guard !work.isEmpty else { return summary }

    let client = try ChatCompletionClient(
      endpoint: configuration.endpoint, apiKey: configuration.apiKey,
      parameters: configuration.parameters, timeout: configuration.requestTimeout,
      connections: configuration.concurrency)
    let bucket = try configuration.rate.map { rate throws(ProbeError) in
      try TokenBucket(rate: rate, burst: configuration.burst)
    }
    let worker = Worker(
      client: client, bucket: bucket, output: output, retry: configuration.retry,
      seed: configuration.seed, events: events)
    do {
      try await withThrowingTaskGroup(of: Worker.Outcome.self) { group in
        var next = work.makeIterator()
        for _ in 0..<configuration.concurrency {
          guard let item = next.next() else { break }
          let messages = prompts[item.prompt].messages
          group.addTask { try await worker.process(item, messages: messages) }
        }
        while let outcome = try await group.next() {
          summary.retries += outcome.retries
          if outcome.written {
            summary.written += 1
          } else {
            summary.failed.append(outcome.item)
          }
          if let item = next.next() {
            let messages = prompts[item.prompt].messages
            group.addTask { try await worker.process(item, messages: messages) }
          }
        }
      }
    } catch {
      await client.shutdown()
      throw error
    }
    await client.shutdown()
    summary.failed.sort()
    return summary
  }

  /// One item's requests, retries and record.
  struct Worker: Sendable {
    struct Outcome: Sendable {
      var item: ProbeItem
      var written: Bool
      var retries: Int
    }

    let client: ChatCompletionClient
    let bucket: TokenBucket?
    let output: ProbeOutput
    let retry: RetryPolicy
    let seed: UInt64?
    let events: @Sendable (Event) -> Void

    /// Sends the item until it succeeds or its attempts run out. Throws (ending the run) on
    /// authentication failures and output errors only.
    func process(_ item: ProbeItem, messages: [ChatMessage]) async throws -> Outcome {
      let started = ProbeRecord.timestamp()
      let itemSeed = seed.map { Self.mix($0, UInt64(item.prompt), UInt64(item.sample)) }
      var attempt = 0
      while true {
        attempt += 1
        try Task.checkCancellation()
        if let bucket { try await bucket.acquire() }
        do {
          let completion = try await client.complete(messages: messages, seed: itemSeed)
          let record = ProbeRecord(
            promptIndex: item.prompt, sampleIndex: item.sample, messages: messages,
            completion: completion.text, finishReason: completion.finishReason,
            requestedModel: client.parameters.model, model: completion.model,
            responseId: completion.id, usage: completion.usage, attempts: attempt,
            startedAt: started, finishedAt: ProbeRecord.timestamp())
          try output.append(record)
          events(.written(item, attempts: attempt))
          return Outcome(item: item, written: true, retries: attempt - 1)
        } catch let failure as ChatCompletionClient.Failure {
          if case .authentication = failure.error { throw failure.error }
          guard failure.error.isRetryable, attempt < retry.maxAttempts else {
            events(.failed(item, error: failure.error))
            return Outcome(item: item, written: false, retries: attempt - 1)
          }
          let delay = retry.delay(
            afterAttempt: attempt, retryAfter: failure.retryAfter,
            jitter: Double.random(in: 0..<1))
          events(.retrying(item, attempt: attempt, error: failure.error, delay: delay))
          try await Task.sleep(for: .seconds(delay))
        }
      }
    }

    /// SplitMix64-style mixing of (seed, prompt, sample) into a request seed below 2⁵³, so
    /// that it survives JSON number handling everywhere.
    static func mix(_ seed: UInt64, _ prompt: UInt64, _ sample: UInt64) -> UInt64 {
      var z = seed &+ 0x9E37_79B9_7F4A_7C15 &* (prompt &* 0x1_0000_0001 &+ sample &+ 1)
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return (z ^ (z >> 31)) >> 11
    }
  }
}
