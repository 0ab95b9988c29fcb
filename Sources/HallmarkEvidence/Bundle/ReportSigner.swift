/// Who signs `report.json`, in one of the two modes of an evidence bundle.
public enum ReportSigner: Sendable {
  /// Ed25519 with a raw key pair (`hallmark signing-key new`); `report.sig` holds the 64
  /// signature bytes and the bundle carries `signer.pub.pem`.
  case ed25519(Ed25519PrivateKey)
  /// CMS (PKCS#7) SignedData with an X.509 certificate; `report.sig` holds it in DER.
  case cms(CMSSigner)

  /// The detached signature over `bytes`.
  public func sign(_ bytes: [UInt8]) throws -> [UInt8] {
    switch self {
    case .ed25519(let key): return try key.sign(bytes)
    case .cms(let signer): return try signer.sign(bytes, encoding: .der)
    }
  }

  /// The `signer` object of `report.json`, naming the mode and the signer's fingerprint, so
  /// that the signed bytes themselves say who was meant to sign them.
  public func record() throws -> JSONValue {
    switch self {
    case .ed25519(let key):
      return ["mode": "ed25519", "public_key_sha256": .string(try key.publicKey.keyID)]
    case .cms(let signer):
      return [
        "mode": "cms",
        "certificate_sha256": .string(signer.certificate.sha256Fingerprint),
        "subject": .string(signer.certificate.subject),
        "issuer": .string(signer.certificate.issuer),
      ]
    }
  }
}
