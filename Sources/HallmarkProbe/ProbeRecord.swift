import Foundation

/// One completion obtained from the suspect: a line of the probe's JSONL output
/// (Spec/probe.md#records). Keys are written sorted, in snake case.
public struct ProbeRecord: Codable, Sendable, Equatable {
  /// Token counts the server reported.
  public struct Usage: Codable, Sendable, Equatable {
    public var promptTokens: Int?
    public var completionTokens: Int?
    public var totalTokens: Int?

    public init(promptTokens: Int?, completionTokens: Int?, totalTokens: Int?) {
      self.promptTokens = promptTokens
      self.completionTokens = completionTokens
      self.totalTokens = totalTokens
    }

    enum CodingKeys: String, CodingKey {
      case promptTokens = "prompt_tokens"
      case completionTokens = "completion_tokens"
      case totalTokens = "total_tokens"
    }
  }

  /// The prompt's index in the prompts file (from 0).
  public var promptIndex: Int
  /// Which of the prompt's samples this is (0 ..< n).
  public var sampleIndex: Int
  /// The messages sent.
  public var messages: [ChatMessage]
  /// The text of the first choice's message.
  public var completion: String
  /// Why generation stopped ("stop", "length", …), as reported.
  public var finishReason: String?
  /// The model name sent in the request, if any.
  public var requestedModel: String?
  /// The model name the server reported.
  public var model: String?
  /// The server's completion id.
  public var responseId: String?
  /// Token counts the server reported.
  public var usage: Usage?
  /// Requests sent for this item (1 when the first succeeded).
  public var attempts: Int
  /// When the first attempt started and the answer arrived (ISO 8601, UTC).
  public var startedAt: String
  public var finishedAt: String

  public init(
    promptIndex: Int, sampleIndex: Int, messages: [ChatMessage], completion: String,
    finishReason: String?, requestedModel: String?, model: String?, responseId: String?,
    usage: Usage?, attempts: Int, startedAt: String, finishedAt: String
  ) {
    self.promptIndex = promptIndex
    self.sampleIndex = sampleIndex
    self.messages = messages
    self.completion = completion
    self.finishReason = finishReason
    self.requestedModel = requestedModel
    self.model = model
    self.responseId = responseId
    self.usage = usage
    self.attempts = attempts
    self.startedAt = startedAt
    self.finishedAt = finishedAt
  }

  enum CodingKeys: String, CodingKey {
    case promptIndex = "prompt_index"
    case sampleIndex = "sample_index"
    case messages, completion, model, usage, attempts
    case finishReason = "finish_reason"
    case requestedModel = "requested_model"
    case responseId = "response_id"
    case startedAt = "started_at"
    case finishedAt = "finished_at"
  }

  /// The record as one JSONL line, newline included.
  public func line() -> [UInt8] {
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    // Every field is a string, number, array or nested Codable value: encoding cannot fail.
    var bytes = [UInt8](try! encoder.encode(self))
    bytes.append(0x0A)
    return bytes
  }

  /// A timestamp as written in records.
  public static func timestamp(_ date: Date = Date()) -> String {
    date.formatted(Date.ISO8601FormatStyle(includingFractionalSeconds: true))
  }
}

/// The identity of one item of a run: a (prompt, sample) pair.
public struct ProbeItem: Hashable, Sendable, Comparable {
  public var prompt: Int
  public var sample: Int

  public init(prompt: Int, sample: Int) {
    self.prompt = prompt
    self.sample = sample
  }

  public static func < (a: ProbeItem, b: ProbeItem) -> Bool {
    (a.prompt, a.sample) < (b.prompt, b.sample)
  }
}
