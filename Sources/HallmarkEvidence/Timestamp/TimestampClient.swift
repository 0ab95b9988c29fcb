import Foundation

/// Obtains RFC 3161 time-stamps from an authority over HTTP (RFC 3161 section 3.4): POSTs a
/// `TimestampRequest` as `application/timestamp-query` and reads the
/// `application/timestamp-reply`.
public struct TimestampClient: Sendable {
  /// The authority's URL.
  public let url: URL
  /// How the query travels.
  public let transport: any TimestampTransport

  public init(url: URL, transport: any TimestampTransport = URLSessionTimestampTransport()) {
    self.url = url
    self.transport = transport
  }

  /// A time-stamp over `data` (in a bundle: the bytes of `report.sig`), verified against the
  /// request and `trust` when given (the authority's CA file), so a wrong or forged answer
  /// is refused before it is stored.
  public func timestamp(data: [UInt8], trust: X509TrustStore?) async throws -> TimestampResponse {
    let request = try TimestampRequest(data: data)
    let body = try await transport.post(
      request.der, to: url, contentType: "application/timestamp-query")
    let response = try TimestampResponse(der: body, source: "answer from \(url.absoluteString)")
    guard response.digest == request.digest else {
      throw EvidenceError.timestampInvalid(reason: "the answer stamps a different digest")
    }
    guard response.nonce == request.nonce else {
      throw EvidenceError.timestampInvalid(reason: "the answer does not echo the request's nonce")
    }
    if let trust { try response.verify(request: request, trust: trust) }
    return response
  }
}
