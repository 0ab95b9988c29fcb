import Foundation
import NIOCore
import NIOHTTP1

/// Handles one connection's requests (one at a time, as the HTTP pipeline delivers them).
final class ChatHandler: ChannelInboundHandler, RemovableChannelHandler {
  typealias InboundIn = HTTPServerRequestPart
  typealias OutboundOut = HTTPServerResponsePart

  private let state: ServerState
  private var head: HTTPRequestHead?
  private var body = ByteBuffer()

  init(state: ServerState) { self.state = state }

  func channelRead(context: ChannelHandlerContext, data: NIOAny) {
    switch unwrapInboundIn(data) {
    case .head(let head):
      self.head = head
      body.clear()
    case .body(var chunk):
      body.writeBuffer(&chunk)
    case .end:
      guard let head else { return }
      self.head = nil
      handle(context: context, head: head, body: body)
    }
  }

  private func handle(context: ChannelHandlerContext, head: HTTPRequestHead, body: ByteBuffer) {
    let number = state.withLock { s -> Int in
      s.statistics.requests += 1
      s.concurrent += 1
      s.statistics.maxConcurrent = max(s.statistics.maxConcurrent, s.concurrent)
      return s.statistics.requests
    }
    let configuration = state.configuration
    let fault = configuration.faults.fault(number)
    let delay = TimeAmount.nanoseconds(Int64(max(0, configuration.latency) * 1e9))
    let loop = context.eventLoop.assumeIsolated()
    loop.scheduleTask(in: delay) {
      self.respond(context: context, head: head, body: body, fault: fault)
    }
  }

  private func finish() { state.withLock { $0.concurrent -= 1 } }

  private func respond(
    context: ChannelHandlerContext, head: HTTPRequestHead, body: ByteBuffer, fault: Fault
  ) {
    let configuration = state.configuration
    guard head.method == .POST, head.uri.split(separator: "?").first == "/v1/chat/completions"
    else {
      finish()
      send(context: context, head: head, status: .notFound, json: Self.error("no such route"))
      return
    }
    if let key = configuration.apiKey, head.headers.first(name: "authorization") != "Bearer " + key
    {
      state.withLock { $0.statistics.unauthorized += 1 }
      finish()
      send(
        context: context, head: head, status: .unauthorized,
        json: Self.error("invalid API key", type: "invalid_request_error"))
      return
    }
    switch fault {
    case .drop:
      state.withLock { $0.statistics.dropped += 1 }
      finish()
      context.close(promise: nil)
      return
    case .status(let code, let retryAfter):
      state.withLock { $0.statistics.errorStatuses += 1 }
      finish()
      var extra = HTTPHeaders()
      if let retryAfter { extra.add(name: "Retry-After", value: retryAfter) }
      send(
        context: context, head: head, status: HTTPResponseStatus(statusCode: code),
        json: Self.error("injected fault \(code)"), extraHeaders: extra)
      return
    case .truncate, .none:
      break
    }
    guard let request = Self.parse(body) else {
      finish()
      send(context: context, head: head, status: .badRequest, json: Self.error("bad request body"))
      return
    }
    waitForRelease(context: context) { number in
      var request = request
      request.completionNumber = number
      let (text, finishReason) = configuration.generate(request)
      let promptWords = request.messages.reduce(0) { $0 + $1.content.split(separator: " ").count }
      let completionWords = text.split(separator: " ").count
      let answer: [String: Any] = [
        "id": "chatcmpl-test-\(number)", "object": "chat.completion", "created": 0,
        "model": configuration.model,
        "choices": [
          [
            "index": 0, "message": ["role": "assistant", "content": text],
            "finish_reason": finishReason,
          ]
        ],
        "usage": [
          "prompt_tokens": promptWords, "completion_tokens": completionWords,
          "total_tokens": promptWords + completionWords,
        ],
      ]
      self.finish()
      if fault == .truncate {
        self.state.withLock { $0.statistics.truncated += 1 }
        self.sendTruncated(context: context, head: head, json: answer)
      } else {
        self.send(context: context, head: head, status: .ok, json: answer)
      }
    }
  }

  /// Runs `body` with the completion's number now, or tries again every 5 ms until the hold
  /// is released (or the client is gone).
  private func waitForRelease(context: ChannelHandlerContext, _ body: @escaping (Int) -> Void) {
    if let number = state.reserveCompletion() {
      body(number)
      return
    }
    guard context.channel.isActive else {
      finish()
      return
    }
    context.eventLoop.assumeIsolated().scheduleTask(in: .milliseconds(5)) {
      self.waitForRelease(context: context, body)
    }
  }

  private static func error(_ message: String, type: String = "server_error") -> [String: Any] {
    ["error": ["message": message, "type": type]]
  }

  private func encode(_ json: [String: Any]) -> ByteBuffer {
    let data = (try? JSONSerialization.data(withJSONObject: json, options: [.sortedKeys])) ?? Data()
    return ByteBuffer(bytes: data)
  }

  private func send(
    context: ChannelHandlerContext, head: HTTPRequestHead, status: HTTPResponseStatus,
    json: [String: Any], extraHeaders: HTTPHeaders = HTTPHeaders()
  ) {
    let buffer = encode(json)
    var headers = extraHeaders
    headers.add(name: "Content-Type", value: "application/json")
    headers.add(name: "Content-Length", value: "\(buffer.readableBytes)")
    if !head.isKeepAlive { headers.add(name: "Connection", value: "close") }
    let response = HTTPResponseHead(version: head.version, status: status, headers: headers)
    context.write(wrapOutboundOut(.head(response)), promise: nil)
    context.write(wrapOutboundOut(.body(.byteBuffer(buffer))), promise: nil)
    let keepAlive = head.isKeepAlive
    let done = context.writeAndFlush(wrapOutboundOut(.end(nil)))
    if !keepAlive {
      let loopBoundContext = NIOLoopBound(context, eventLoop: context.eventLoop)
      done.whenComplete { _ in loopBoundContext.value.close(promise: nil) }
    }
  }

  private func sendTruncated(
    context: ChannelHandlerContext, head: HTTPRequestHead, json: [String: Any]
  ) {
    let buffer = encode(json)
    var headers = HTTPHeaders()
    headers.add(name: "Content-Type", value: "application/json")
    headers.add(name: "Content-Length", value: "\(buffer.readableBytes)")
    let response = HTTPResponseHead(version: head.version, status: .ok, headers: headers)
    context.write(wrapOutboundOut(.head(response)), promise: nil)
    let half = buffer.getSlice(at: buffer.readerIndex, length: buffer.readableBytes / 2)!
    let done = context.writeAndFlush(wrapOutboundOut(.body(.byteBuffer(half))))
    let loopBoundContext = NIOLoopBound(context, eventLoop: context.eventLoop)
    done.whenComplete { _ in loopBoundContext.value.close(promise: nil) }
  }

  /// The fields the generator needs, or nil for a body that is not a chat request.
  static func parse(_ body: ByteBuffer) -> TestServerConfiguration.Request? {
    guard
      let object = (try? JSONSerialization.jsonObject(with: Data(body.readableBytesView)))
        as? [String: Any],
      let list = object["messages"] as? [[String: Any]]
    else { return nil }
    var messages: [TestServerConfiguration.Request.Message] = []
    for m in list {
      guard let role = m["role"] as? String, let content = m["content"] as? String else {
        return nil
      }
      messages.append(.init(role: role, content: content))
    }
    func number(_ key: String) -> Double? { (object[key] as? NSNumber)?.doubleValue }
    return TestServerConfiguration.Request(
      messages: messages, maxTokens: number("max_tokens").flatMap { Int(exactly: $0) },
      seed: number("seed").flatMap { UInt64(exactly: $0) }, model: object["model"] as? String,
      temperature: number("temperature"))
  }

  func errorCaught(context: ChannelHandlerContext, error: any Error) {
    context.close(promise: nil)
  }
}
