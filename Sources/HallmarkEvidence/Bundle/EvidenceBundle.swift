import Foundation

/// Writes a complete evidence bundle: canonical `report.json`, its detached signature, an
/// optional RFC 3161 time-stamp over the signature, the HTML page, and (Ed25519 mode) the
/// signer's public key, all through `BundleWriter` so the folder appears only when whole.
/// The page's size and SHA-256 are recorded in `report.json` (member `page`) before it is
/// serialized and signed, so the signature covers the page as well.
public enum EvidenceBundle {
  /// What was written.
  public struct Written: Sendable {
    /// The bundle folder.
    public let path: String
    /// The signed bytes (canonical `report.json`).
    public let reportBytes: [UInt8]
    /// The page's record in `report.json`, when the bundle has a page.
    public let page: PageRecord?
    /// The detached signature.
    public let signature: [UInt8]
    /// The time-stamp, when one was obtained.
    public let timestamp: TimestampResponse?
  }

  /// Writes the bundle at `path`.
  /// - Parameters:
  ///   - report: the report; serialized with RFC 8785. Include `signer.record()` under
  ///     `signer` so the signed bytes name their signer.
  ///   - html: the page for readers (may be empty to omit it). It must be final: its size and
  ///     SHA-256 are added to `report` as the member `page` before signing, so it cannot show
  ///     anything derived from the signed bytes or the signature.
  ///   - timestamping: the authority to ask for a time-stamp, and the CA file its answer must
  ///     verify against (nil skips the check: the token is still stored).
  ///   - replaceExisting: whether an existing bundle at `path` may be replaced.
  /// - Throws: any signing, time-stamping or writing error, or `EvidenceError.bundle` when a
  ///   page is given and `report` is not an object or already has a `page` member; nothing is
  ///   left at `path` then.
  public static func write(
    report: JSONValue, html: String, signer: ReportSigner,
    timestamping: (client: TimestampClient, trust: X509TrustStore?)? = nil,
    to path: String, replaceExisting: Bool = false
  ) async throws -> Written {
    let writer = try BundleWriter(destination: path, replaceExisting: replaceExisting)
    let pageBytes = Array(html.utf8)
    var report = report
    var page: PageRecord? = nil
    if !pageBytes.isEmpty {
      guard var object = report.objectValue else {
        throw EvidenceError.bundle(
          path: path, reason: "the report is not a JSON object, the page cannot be recorded in it")
      }
      guard object[PageRecord.member] == nil else {
        throw EvidenceError.bundle(
          path: path, reason: "the report already has a \"\(PageRecord.member)\" member")
      }
      let record = PageRecord.describe(pageBytes)
      object[PageRecord.member] = record.json
      report = .object(object)
      page = record
    }
    let bytes = try report.canonicalBytes()
    let signature = try signer.sign(bytes)
    var stamp: TimestampResponse? = nil
    if let timestamping {
      stamp = try await timestamping.client.timestamp(data: signature, trust: timestamping.trust)
    }
    try writer.write(bytes, as: BundleLayout.report)
    try writer.write(signature, as: BundleLayout.signature)
    if let stamp { try writer.write(stamp.der, as: BundleLayout.timestamp) }
    if !pageBytes.isEmpty { try writer.write(pageBytes, as: BundleLayout.html) }
    if case .ed25519(let key) = signer {
      try writer.write(try key.publicKey.pemBytes(), as: BundleLayout.signerPublicKey)
    }
    try writer.commit()
    return Written(
      path: writer.destination.path, reportBytes: bytes, page: page, signature: signature,
      timestamp: stamp)
  }
}
