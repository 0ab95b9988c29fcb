import Foundation

#if canImport(FoundationNetworking)
  import FoundationNetworking
#endif

/// Carries a time-stamp query to an authority and brings back its answer. A protocol so that
/// callers can substitute their own HTTP stack.
public protocol TimestampTransport: Sendable {
  /// POSTs `body` to `url` with the given content type and returns the response body.
  /// - Throws: `EvidenceError.timestampFailed` for transport failures and non-2xx statuses.
  func post(_ body: [UInt8], to url: URL, contentType: String) async throws -> [UInt8]
}

/// `TimestampTransport` over Foundation's `URLSession` (http and https).
public struct URLSessionTimestampTransport: TimestampTransport {
  /// Time allowed for the whole exchange.
  public var timeout: TimeInterval

  public init(timeout: TimeInterval = 30) { self.timeout = timeout }

  public func post(_ body: [UInt8], to url: URL, contentType: String) async throws -> [UInt8] {
    var request = URLRequest(url: url, timeoutInterval: timeout)
    request.httpMethod = "POST"
    request.setValue(contentType, forHTTPHeaderField: "Content-Type")
    request.setValue(String(body.count), forHTTPHeaderField: "Content-Length")
    let configuration = URLSessionConfiguration.ephemeral
    configuration.timeoutIntervalForRequest = timeout
    configuration.timeoutIntervalForResource = timeout
    let session = URLSession(configuration: configuration)
    defer { session.finishTasksAndInvalidate() }
    let (data, response): (Data, URLResponse)
    do {
      (data, response) = try await session.upload(for: request, from: Data(body))
    } catch {
      throw EvidenceError.timestampFailed(
        reason: "POST to \(url.absoluteString) failed: \(error.localizedDescription)")
    }
    guard let http = response as? HTTPURLResponse else {
      throw EvidenceError.timestampFailed(reason: "\(url.absoluteString) did not answer over HTTP")
    }
    guard (200..<300).contains(http.statusCode) else {
      throw EvidenceError.timestampFailed(
        reason: "\(url.absoluteString) answered HTTP \(http.statusCode)")
    }
    return [UInt8](data)
  }
}
