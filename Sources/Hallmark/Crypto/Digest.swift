import COpenSSL

/// SHA-256 through OpenSSL: used for key ids, tokenizer fingerprints and input hashes.
public enum SHA256 {
  /// The 32-byte SHA-256 digest of `bytes`.
  public static func hash<Bytes: Collection>(_ bytes: Bytes) -> [UInt8]
  where Bytes.Element == UInt8 {
    let input = Array(bytes)
    var out = [UInt8](repeating: 0, count: 32)
    var length: UInt32 = 0
    let ok = input.withUnsafeBytes { inp in
      EVP_Digest(inp.baseAddress, inp.count, &out, &length, EVP_sha256(), nil)
    }
    requireOpenSSL(ok == 1 && length == 32, "EVP_Digest(SHA-256)")
    return out
  }

  /// Streaming SHA-256 for large inputs (files).
  public final class Hasher {
    private let context: OpaquePointer

    /// Starts an empty hash.
    public init() {
      guard let context = EVP_MD_CTX_new(), EVP_DigestInit_ex(context, EVP_sha256(), nil) == 1
      else { fatalError("EVP_DigestInit_ex(SHA-256) failed") }
      self.context = context
    }

    deinit { EVP_MD_CTX_free(context) }

    /// Adds `bytes` to the hash.
    public func update(_ bytes: UnsafeRawBufferPointer) {
      let ok = EVP_DigestUpdate(context, bytes.baseAddress, bytes.count)
      requireOpenSSL(ok == 1, "EVP_DigestUpdate")
    }

    /// Adds `bytes` to the hash.
    public func update<Bytes: Collection>(_ bytes: Bytes) where Bytes.Element == UInt8 {
      Array(bytes).withUnsafeBytes { update($0) }
    }

    /// The digest of everything added so far; the hasher must not be used afterwards.
    public func finalize() -> [UInt8] {
      var out = [UInt8](repeating: 0, count: 32)
      var length: UInt32 = 0
      let ok = EVP_DigestFinal_ex(context, &out, &length)
      requireOpenSSL(ok == 1 && length == 32, "EVP_DigestFinal_ex")
      return out
    }
  }
}
