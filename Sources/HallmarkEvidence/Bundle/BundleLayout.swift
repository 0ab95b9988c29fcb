/// File names inside an evidence bundle folder (Spec/evidence.md, "Bundle layout").
public enum BundleLayout {
  /// The canonical JSON report (RFC 8785); the signed bytes.
  public static let report = "report.json"
  /// The human-readable page rendered from the report.
  public static let html = "report.html"
  /// Detached signature over `report.json`: 64 raw Ed25519 bytes, or CMS SignedData (DER).
  public static let signature = "report.sig"
  /// Optional RFC 3161 TimeStampResp (DER) over the bytes of `report.sig`.
  public static let timestamp = "report.tsr"
  /// In Ed25519 mode, the signer's public key (PEM), for convenience: a verifier compares
  /// its fingerprint with the one the signer publishes.
  public static let signerPublicKey = "signer.pub.pem"
}
