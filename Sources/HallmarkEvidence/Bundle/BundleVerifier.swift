import Foundation

/// Checks an evidence bundle as `hallmark report verify` does: that `report.json` is
/// canonical, that the signature over it verifies (and, given a CA file, that the signer's
/// certificate chains to it), that the time-stamp covers the signature, that the page
/// (`report.html`) is the one whose digest the report records, and that the input files
/// handed to it are the ones the report names. Recomputing every result with the key
/// is added by the detection layer on top of this.
public struct BundleVerifier {
  /// The Ed25519 key the signature must come from; nil accepts the bundle's own
  /// `signer.pub.pem` and says so (its fingerprint must then be compared by a person).
  public var publicKey: Ed25519PublicKey?
  /// Trusted certificates for a CMS signer's chain; nil checks the signature only.
  public var signerTrust: X509TrustStore?
  /// Trusted certificates for the time-stamping authority; nil checks only that the token
  /// stamps the signature's digest.
  public var timestampTrust: X509TrustStore?
  /// Input files to compare with the report's `inputs` list.
  public var inputs: [String]

  public init(
    publicKey: Ed25519PublicKey? = nil, signerTrust: X509TrustStore? = nil,
    timestampTrust: X509TrustStore? = nil, inputs: [String] = []
  ) {
    self.publicKey = publicKey
    self.signerTrust = signerTrust
    self.timestampTrust = timestampTrust
    self.inputs = inputs
  }

  /// Runs every check on the bundle folder at `path`. Never throws: each problem becomes a
  /// FAIL line naming what failed.
  public func verify(bundleAt path: String) -> BundleVerification {
    var result = BundleVerification()
    let folder = URL(fileURLWithPath: path)
    func file(_ name: String) -> String { folder.appendingPathComponent(name).path }
    func exists(_ name: String) -> Bool { FileManager.default.fileExists(atPath: file(name)) }

    // The files themselves.
    let reportBytes: [UInt8]
    let signature: [UInt8]
    do {
      reportBytes = try FileIO.read(path: file(BundleLayout.report))
      signature = try FileIO.read(path: file(BundleLayout.signature))
    } catch {
      result.add("bundle", .fail, "\(error)")
      return result
    }
    result.add(
      "bundle", .pass, "\(BundleLayout.report) and \(BundleLayout.signature) present in \(path)")

    // report.json must be canonical JSON: the signed bytes are exactly its RFC 8785 form.
    var report: JSONValue? = nil
    do {
      let parsed = try JSONValue(parsing: reportBytes)
      if try parsed.canonicalBytes() == reportBytes {
        result.add("canonical JSON", .pass, "\(BundleLayout.report) is in RFC 8785 form")
      } else {
        result.add(
          "canonical JSON", .fail, "\(BundleLayout.report) is JSON but not in RFC 8785 form")
      }
      report = parsed
    } catch {
      result.add("canonical JSON", .fail, "\(BundleLayout.report): \(error)")
    }

    // The time-stamp first: a valid one gives the time to check the certificate at.
    var stampedAt: Date? = nil
    if exists(BundleLayout.timestamp) {
      do {
        let response = try TimestampResponse(
          der: try FileIO.read(path: file(BundleLayout.timestamp)), source: BundleLayout.timestamp)
        let when =
          "\(ASN1Time.iso8601(response.genTime)) (token serial \(response.serialNumberHex))"
        if let timestampTrust {
          try response.verify(data: signature, trust: timestampTrust)
          stampedAt = response.genTime
          result.add("time-stamp", .pass, "\(BundleLayout.signature) existed at \(when)")
        } else if response.digest == SHA256.hash(signature) {
          result.add(
            "time-stamp", .notChecked,
            "token stamps the signature's digest at \(when); the authority's signature was not checked (no TSA CA file given)"
          )
        } else {
          result.add(
            "time-stamp", .fail, "token does not stamp the digest of \(BundleLayout.signature)")
        }
      } catch {
        result.add("time-stamp", .fail, "\(error)")
      }
    } else {
      result.add("time-stamp", .notChecked, "the bundle has no \(BundleLayout.timestamp)")
    }

    checkSignature(
      signature, over: reportBytes, report: report, stampedAt: stampedAt, file: file, into: &result)
    checkPage(report: report, file: file, into: &result)
    checkInputs(report: report, into: &result)
    return result
  }

  func checkSignature(
    _ signature: [UInt8], over reportBytes: [UInt8], report: JSONValue?, stampedAt: Date?,
    file: (String) -> String, into result: inout BundleVerification
  ) {
    let recorded = report?["signer"]
    if signature.count == 64 {
      do {
        var key = publicKey
        var origin = "the key given"
        if key == nil {
          key = try Ed25519PublicKey(contentsOf: file(BundleLayout.signerPublicKey))
          origin =
            "the bundle's \(BundleLayout.signerPublicKey) (compare its fingerprint with the signer's published one)"
        }
        guard let key else { return }
        if let recordedMode = recorded?["mode"]?.stringValue, recordedMode != "ed25519" {
          result.add(
            "signature", .fail,
            "report.json names a \(recordedMode) signer, the signature is Ed25519")
          return
        }
        if let recordedID = recorded?["public_key_sha256"]?.stringValue, recordedID != key.keyID {
          result.add(
            "signature", .fail,
            "report.json names signer key \(recordedID), the key used to check is \(key.keyID)")
          return
        }
        try key.verify(signature, for: reportBytes)
        result.add(
          "signature", .pass,
          "Ed25519 over \(BundleLayout.report) by key \(key.keyID), from \(origin)")
      } catch {
        result.add("signature", .fail, "\(error)")
      }
      return
    }
    do {
      let verification = try CMSVerifier(trust: signerTrust).verify(
        signature: signature, content: reportBytes, at: stampedAt, source: BundleLayout.signature)
      let signer = verification.signers[0]
      if let recordedMode = recorded?["mode"]?.stringValue, recordedMode != "cms" {
        result.add(
          "signature", .fail, "report.json names a \(recordedMode) signer, the signature is CMS")
        return
      }
      if let recordedFingerprint = recorded?["certificate_sha256"]?.stringValue,
        recordedFingerprint != signer.sha256Fingerprint
      {
        result.add(
          "signature", .fail,
          "report.json names certificate \(recordedFingerprint), the signature carries \(signer.sha256Fingerprint)"
        )
        return
      }
      let chain: String
      if verification.chainVerified {
        chain = stampedAt == nil ? "chain trusted now" : "chain trusted at the time-stamp's time"
      } else {
        chain = "chain not checked (no CA file given)"
      }
      result.add(
        "signature", .pass, "CMS over \(BundleLayout.report) by \(signer.subject); \(chain)")
    } catch {
      result.add("signature", .fail, "\(error)")
    }
  }

  /// The page against the `page` member of the signed report: present, same size, same
  /// SHA-256. Reports of earlier versions have no such member: SKIP, the page is not covered.
  func checkPage(
    report: JSONValue?, file: (String) -> String, into result: inout BundleVerification
  ) {
    guard let report else {
      result.add("page", .notChecked, "\(BundleLayout.report) could not be read")
      return
    }
    let record: PageRecord?
    do {
      record = try PageRecord.recorded(in: report)
    } catch {
      result.add("page", .fail, "\(error)")
      return
    }
    guard let record else {
      if FileManager.default.fileExists(atPath: file(BundleLayout.html)) {
        result.add(
          "page", .notChecked,
          "\(BundleLayout.report) records no digest of \(BundleLayout.html) (a bundle of an earlier version): the page is not covered by the signature; rely on \(BundleLayout.report)"
        )
      } else {
        result.add("page", .notChecked, "the bundle has no \(BundleLayout.html)")
      }
      return
    }
    let recorded = "SHA-256 \(record.sha256), \(record.bytes) bytes"
    guard FileManager.default.fileExists(atPath: file(record.file)) else {
      result.add(
        "page", .fail,
        "\(record.file) is missing; the signed \(BundleLayout.report) records it (\(recorded))")
      return
    }
    let page: [UInt8]
    do {
      page = try FileIO.read(path: file(record.file))
    } catch {
      result.add("page", .fail, "\(record.file): \(error)")
      return
    }
    let found = PageRecord.describe(page, file: record.file)
    if found == record {
      result.add(
        "page", .pass,
        "\(record.file) is the page the signed \(BundleLayout.report) records (\(recorded))")
    } else {
      result.add(
        "page", .fail,
        "\(record.file) differs from the page the signed \(BundleLayout.report) records: SHA-256 \(found.sha256), \(found.bytes) bytes; recorded \(recorded)"
      )
    }
  }

  func checkInputs(report: JSONValue?, into result: inout BundleVerification) {
    let listed = (report?["inputs"]?.arrayValue ?? []).compactMap {
      entry -> (path: String, sha256: String)? in
      guard let path = entry["path"]?.stringValue, let sha = entry["sha256"]?.stringValue else {
        return nil
      }
      return (path, sha)
    }
    var matched = Set<Int>()
    for input in inputs {
      let digest: String
      do {
        digest = try SHA256.hex(fileAt: input)
      } catch {
        result.add("input \(input)", .fail, "\(error)")
        continue
      }
      let name = URL(fileURLWithPath: input).lastPathComponent
      let candidates = listed.indices.filter {
        listed[$0].path == input || URL(fileURLWithPath: listed[$0].path).lastPathComponent == name
      }
      if let hit = candidates.first(where: { listed[$0].sha256 == digest }) {
        matched.insert(hit)
        result.add("input \(input)", .pass, "SHA-256 \(digest) as recorded for \(listed[hit].path)")
      } else if let near = candidates.first {
        result.add(
          "input \(input)", .fail,
          "SHA-256 \(digest) differs from the recorded \(listed[near].sha256) for \(listed[near].path)"
        )
      } else {
        result.add("input \(input)", .fail, "not among the report's inputs (SHA-256 \(digest))")
      }
    }
    for i in listed.indices where !matched.contains(i) {
      result.add("input \(listed[i].path)", .notChecked, "file not supplied (--inputs)")
    }
  }
}
