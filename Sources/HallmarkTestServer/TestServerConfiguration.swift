/// How the test server behaves.
public struct TestServerConfiguration: Sendable {
  /// The request as the completion generator sees it.
  public struct Request: Sendable {
    /// One chat message.
    public struct Message: Sendable, Equatable {
      public var role: String
      public var content: String

      public init(role: String, content: String) {
        self.role = role
        self.content = content
      }
    }
    /// The chat messages.
    public var messages: [Message]
    /// `max_tokens`, `seed`, `model` and `temperature` when sent.
    public var maxTokens: Int?
    public var seed: UInt64?
    public var model: String?
    public var temperature: Double?
    /// This completion's number (1, 2, … across the server's life).
    public var completionNumber: Int

    public init(
      messages: [Message], maxTokens: Int? = nil, seed: UInt64? = nil, model: String? = nil,
      temperature: Double? = nil, completionNumber: Int = 0
    ) {
      self.messages = messages
      self.maxTokens = maxTokens
      self.seed = seed
      self.model = model
      self.temperature = temperature
      self.completionNumber = completionNumber
    }
  }

  /// Faults injected by request number.
  public var faults: FaultPlan
  /// Time the server takes before each answer (also before faults), in seconds.
  public var latency: Double
  /// When set, requests must carry `Authorization: Bearer <apiKey>` (401 otherwise).
  public var apiKey: String?
  /// The model name reported in answers.
  public var model: String
  /// When set, after this many completions further requests are held unanswered until
  /// `OpenAITestServer.release()` (to stop a client at a known point in tests).
  public var holdAfterCompletions: Int?
  /// The completion text for a request: (text, finish reason). The default is a
  /// deterministic function of the last message, the seed and max_tokens.
  public var generate: @Sendable (Request) -> (text: String, finishReason: String)

  public init(
    faults: FaultPlan = .none, latency: Double = 0, apiKey: String? = nil,
    model: String = "hallmark-test", holdAfterCompletions: Int? = nil,
    generate: @escaping @Sendable (Request) -> (text: String, finishReason: String) =
      TestServerConfiguration.deterministicText
  ) {
    self.faults = faults
    self.latency = latency
    self.apiKey = apiKey
    self.model = model
    self.holdAfterCompletions = holdAfterCompletions
    self.generate = generate
  }

  /// Words chosen by a hash of the last message and the seed (or, without a seed, the
  /// completion number, so samples differ): 4–24 of them, at most max_tokens.
  @Sendable public static func deterministicText(_ request: Request) -> (
    text: String, finishReason: String
  ) {
    let words = [
      "the", "model", "answers", "with", "plain", "words", "about", "water", "stone", "light",
      "river", "signal", "quiet", "green", "token", "and", "of", "a", "slowly", "bright",
    ]
    var h: UInt64 = 0xCBF2_9CE4_8422_2325
    for byte in (request.messages.last?.content ?? "").utf8 {
      h = (h ^ UInt64(byte)) &* 0x100_0000_01B3
    }
    h ^= request.seed ?? UInt64(request.completionNumber) &* 0xD6E8_FEB8_6659_FD93
    func next() -> UInt64 {
      h &+= 0x9E37_79B9_7F4A_7C15
      var z = h
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      return z ^ (z >> 31)
    }
    let natural = 4 + Int(next() % 21)
    let count = min(natural, request.maxTokens ?? natural)
    let text = (0..<count).map { _ in words[Int(next() % UInt64(words.count))] }.joined(
      separator: " ")
    return (text, count < natural ? "length" : "stop")
  }
}
