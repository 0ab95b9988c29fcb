/// The two files of an Ed25519 signing key pair as `hallmark signing-key new --out PREFIX`
/// writes them: `PREFIX.key.pem` (PKCS#8, mode 0600) and `PREFIX.pub.pem` (public, 0644).
public struct SigningKeyFiles: Sendable, Equatable {
  /// Path of the private key file.
  public let privateKeyPath: String
  /// Path of the public key file.
  public let publicKeyPath: String
  /// SHA-256 of the raw public key, hex: the id reports name.
  public let keyID: String

  /// The paths for `prefix`, without touching the disk.
  public static func paths(prefix: String) -> (privateKey: String, publicKey: String) {
    (prefix + ".key.pem", prefix + ".pub.pem")
  }

  /// Generates a key pair and writes both files. Never replaces an existing file, and leaves
  /// no half pair behind when the second write fails.
  /// - Throws: `EvidenceError.file` naming the path that could not be written.
  public static func create(prefix: String) throws -> SigningKeyFiles {
    let (privatePath, publicPath) = paths(prefix: prefix)
    let key = try Ed25519PrivateKey.generate()
    let publicKey = try key.publicKey
    try FileIO.write(try key.pemBytes(), to: privatePath, mode: 0o600)
    do {
      try FileIO.write(try publicKey.pemBytes(), to: publicPath, mode: 0o644)
    } catch {
      try? FileIO.remove(path: privatePath)
      throw error
    }
    return SigningKeyFiles(
      privateKeyPath: privatePath, publicKeyPath: publicPath, keyID: publicKey.keyID)
  }
}
