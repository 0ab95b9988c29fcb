import Foundation
import NIOCore
import NIOHTTP1
import NIOPosix

/// A small OpenAI-compatible chat server for tests and demos: `POST /v1/chat/completions`
/// on 127.0.0.1 (an ephemeral port), with deterministic answers and injected faults
/// (dropped connections, truncated bodies, 429 with Retry-After, 5xx), optional latency, an
/// optional bearer key, and a hold switch that parks requests at a known point.
///
/// It binds the loopback address only and never makes outgoing connections.
public final class OpenAITestServer: Sendable {
  /// Counts of what the server did.
  public struct Statistics: Sendable, Equatable {
    /// Requests received (all paths).
    public var requests = 0
    /// Completions answered.
    public var completions = 0
    /// Connections dropped, bodies truncated, error statuses sent (429, 5xx, …).
    public var dropped = 0
    public var truncated = 0
    public var errorStatuses = 0
    /// Requests refused for a missing or wrong key.
    public var unauthorized = 0
    /// The largest number of requests being handled at once.
    public var maxConcurrent = 0
  }

  /// The port the server listens on (127.0.0.1).
  public let port: Int
  private let channel: any Channel
  let state: ServerState

  /// `http://127.0.0.1:<port>`.
  public var baseURL: String { "http://127.0.0.1:\(port)" }

  private init(channel: any Channel, port: Int, state: ServerState) {
    self.channel = channel
    self.port = port
    self.state = state
  }

  /// Starts a server with `configuration` on 127.0.0.1, on `port` (0: an ephemeral port).
  public static func start(_ configuration: TestServerConfiguration = .init(), port: Int = 0)
    async throws -> OpenAITestServer
  {
    let state = ServerState(configuration: configuration)
    let bootstrap = ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
      .serverChannelOption(.backlog, value: 256)
      .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
      .childChannelInitializer { channel in
        channel.eventLoop.makeCompletedFuture {
          try channel.pipeline.syncOperations.configureHTTPServerPipeline()
          try channel.pipeline.syncOperations.addHandler(ChatHandler(state: state))
        }
      }
    let channel = try await bootstrap.bind(host: "127.0.0.1", port: port).get()
    guard let port = channel.localAddress?.port else {
      try? await channel.close()
      throw ServerError("the server socket has no port")
    }
    return OpenAITestServer(channel: channel, port: port, state: state)
  }

  /// What the server has done so far.
  public var statistics: Statistics { state.withLock { $0.statistics } }

  /// Answers held requests and stops holding.
  public func release() { state.withLock { $0.holding = false } }

  /// Stops listening (open connections are closed by their clients or at exit).
  public func stop() async {
    try? await channel.close()
  }
}

struct ServerError: Error, CustomStringConvertible {
  let description: String
  init(_ description: String) { self.description = description }
}

/// The server's shared, locked state.
final class ServerState: @unchecked Sendable {
  struct Mutable {
    var statistics = OpenAITestServer.Statistics()
    var holding = true
    var concurrent = 0
  }

  let configuration: TestServerConfiguration
  private let lock = NSLock()
  private var mutable = Mutable()

  init(configuration: TestServerConfiguration) { self.configuration = configuration }

  func withLock<T>(_ body: (inout Mutable) -> T) -> T {
    lock.lock()
    defer { lock.unlock() }
    return body(&mutable)
  }

  /// The number of a new completion, or nil when it must wait (the hold switch is on and the
  /// quota is used up). Checking and counting happen under one lock, so concurrent requests
  /// never exceed the quota.
  func reserveCompletion() -> Int? {
    let limit = configuration.holdAfterCompletions
    return withLock { s -> Int? in
      if let limit, s.holding && s.statistics.completions >= limit { return nil }
      s.statistics.completions += 1
      return s.statistics.completions
    }
  }
}
