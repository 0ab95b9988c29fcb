import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1

/// Sends one chat completion request to an OpenAI-compatible `/v1/chat/completions`
/// endpoint and classifies the outcome: a completion, a retryable failure (408, 429, 5xx,
/// dropped connection, timeout, unreadable body) with any wait the server asked for, or a
/// failure that is not retried.
public final class ChatCompletionClient: Sendable {
  /// What the request asks for besides the messages.
  public struct Parameters: Sendable, Equatable {
    /// The `model` field; omitted when nil.
    public var model: String?
    /// `max_tokens`; omitted when nil.
    public var maxTokens: Int?
    /// `temperature`; omitted when nil.
    public var temperature: Double?

    public init(model: String? = nil, maxTokens: Int? = nil, temperature: Double? = nil) {
      self.model = model
      self.maxTokens = maxTokens
      self.temperature = temperature
    }
  }

  /// A completion as the server returned it.
  public struct Completion: Sendable, Equatable {
    public var text: String
    public var finishReason: String?
    public var model: String?
    public var id: String?
    public var usage: ProbeRecord.Usage?
  }

  /// One failed attempt: the error and any wait the server asked for.
  public struct Failure: Error, Sendable {
    public var error: ProbeError
    public var retryAfter: Double?
  }

  /// The URL requests go to.
  public let url: String
  private let apiKey: APIKey?
  /// The request fields sent with every request.
  public let parameters: Parameters
  private let timeout: TimeAmount
  private let client: HTTPClient

  /// A client for `endpoint`: a base URL ("http://host:port", ".../v1") or the full
  /// ".../chat/completions" URL. `connections` bounds the open connections.
  public init(
    endpoint: String, apiKey: APIKey?, parameters: Parameters, timeout: Double,
    connections: Int
  ) throws(ProbeError) {
    url = try Self.completionsURL(endpoint)
    guard timeout > 0 && timeout.isFinite else {
      throw .invalidParameter("the request timeout must be positive, got \(timeout)")
    }
    self.apiKey = apiKey
    self.parameters = parameters
    self.timeout = .nanoseconds(Int64(min(timeout, 86_400) * 1e9))
    var configuration = HTTPClient.Configuration(
      redirectConfiguration: .disallow,
      timeout: HTTPClient.Configuration.Timeout(connect: .seconds(10)),
      connectionPool: HTTPClient.Configuration.ConnectionPool(
        idleTimeout: .seconds(60), concurrentHTTP1ConnectionsPerHostSoftLimit: max(1, connections)
      ))
    configuration.httpVersion = .http1Only
    client = HTTPClient(
      eventLoopGroup: HTTPClient.defaultEventLoopGroup, configuration: configuration)
  }

  /// Closes the client's connections; call once when done.
  public func shutdown() async {
    try? await client.shutdown()
  }

  /// The full chat-completions URL for an endpoint given on the command line.
  public static func completionsURL(_ endpoint: String) throws(ProbeError) -> String {
    guard let components = URLComponents(string: endpoint),
      let scheme = components.scheme?.lowercased(), scheme == "http" || scheme == "https",
      components.host?.isEmpty == false
    else { throw .invalidEndpoint(endpoint) }
    var base = endpoint
    while base.hasSuffix("/") { base.removeLast() }
    if base.hasSuffix("/chat/completions") { return base }
    if base.hasSuffix("/v1") { return base + "/chat/completions" }
    return base + "/v1/chat/completions"
  }

  /// The request body for `messages` (keys sorted, optional fields omitted when unset).
  public func body(messages: [ChatMessage], seed: UInt64?) -> [UInt8] {
    struct Body: Encodable {
      var model: String?
      var messages: [ChatMessage]
      var maxTokens: Int?
      var temperature: Double?
      var seed: UInt64?
      var n = 1
      enum CodingKeys: String, CodingKey {
        case model, messages, temperature, seed, n
        case maxTokens = "max_tokens"
      }
    }
    let encoder = JSONEncoder()
    encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
    let body = Body(
      model: parameters.model, messages: messages, maxTokens: parameters.maxTokens,
      temperature: parameters.temperature, seed: seed)
    // Strings, numbers and arrays only: encoding cannot fail.
    return [UInt8](try! encoder.encode(body))
  }

  /// Sends one request.
  public func complete(messages: [ChatMessage], seed: UInt64? = nil) async throws(Failure)
    -> Completion
  {
    var request = HTTPClientRequest(url: url)
    request.method = .POST
    request.headers.add(name: "Content-Type", value: "application/json")
    request.headers.add(name: "Accept", value: "application/json")
    request.headers.add(name: "User-Agent", value: "hallmark-probe/1")
    if let apiKey { request.headers.add(name: "Authorization", value: apiKey.headerValue) }
    request.body = .bytes(ByteBuffer(bytes: body(messages: messages, seed: seed)))
    let status: HTTPResponseStatus
    let headers: HTTPHeaders
    let bytes: ByteBuffer
    do {
      let response = try await client.execute(request, timeout: timeout)
      status = response.status
      headers = response.headers
      bytes = try await response.body.collect(upTo: 16 << 20)
    } catch let error as HTTPClientError where error == .deadlineExceeded {
      throw Failure(error: .transient("the request timed out"), retryAfter: nil)
    } catch is CancellationError {
      throw Failure(error: .transient("cancelled"), retryAfter: nil)
    } catch {
      throw Failure(
        error: .transient("connection failed: \(Self.describe(error))"), retryAfter: nil)
    }
    let text = String(buffer: bytes)
    let code = Int(status.code)
    guard code == 200 else {
      var message = Self.errorMessage(text, status: status)
      if let apiKey, !apiKey.secret.isEmpty {
        message = message.replacingOccurrences(of: apiKey.secret, with: "<redacted>")
      }
      switch code {
      case 401, 403:
        throw Failure(error: .authentication(status: code, message: message), retryAfter: nil)
      case 408, 409, 425, 429, 500...599:
        let wait = RetryPolicy.retryAfter(
          milliseconds: headers.first(name: "retry-after-ms"),
          header: headers.first(name: "retry-after"))
        throw Failure(error: .transient("HTTP \(code): \(message)"), retryAfter: wait)
      default:
        throw Failure(error: .rejected(status: code, message: message), retryAfter: nil)
      }
    }
    guard let completion = Self.parse(Data(bytes.readableBytesView)) else {
      throw Failure(
        error: .transient("HTTP 200 with a body that is not a chat completion"), retryAfter: nil)
    }
    return completion
  }

  /// The first choice of a chat-completion response body.
  static func parse(_ data: Data) -> Completion? {
    guard let object = (try? JSONSerialization.jsonObject(with: data)) as? [String: Any],
      let choices = object["choices"] as? [Any], let first = choices.first as? [String: Any],
      let message = first["message"] as? [String: Any]
    else { return nil }
    let text: String
    switch message["content"] {
    case let s as String: text = s
    case nil, is NSNull: text = ""
    default: return nil
    }
    var usage: ProbeRecord.Usage?
    if let u = object["usage"] as? [String: Any] {
      func int(_ key: String) -> Int? {
        (u[key] as? NSNumber).flatMap { Int(exactly: $0.doubleValue) }
      }
      usage = ProbeRecord.Usage(
        promptTokens: int("prompt_tokens"), completionTokens: int("completion_tokens"),
        totalTokens: int("total_tokens"))
    }
    return Completion(
      text: text, finishReason: first["finish_reason"] as? String,
      model: object["model"] as? String,
      id: object["id"] as? String, usage: usage)
  }

  /// A short message from an error body: OpenAI's `error.message` when present.
  static func errorMessage(_ body: String, status: HTTPResponseStatus) -> String {
    if let object = (try? JSONSerialization.jsonObject(with: Data(body.utf8))) as? [String: Any],
      let error = object["error"] as? [String: Any], let message = error["message"] as? String
    {
      return String(message.prefix(300))
    }
    let trimmed = body.trimmingCharacters(in: .whitespacesAndNewlines)
    return trimmed.isEmpty ? status.reasonPhrase : String(trimmed.prefix(300))
  }

  /// A transport error in a few words.
  static func describe(_ error: any Error) -> String {
    if let e = error as? HTTPClientError { return "\(e)" }
    return String(describing: error)
  }
}
