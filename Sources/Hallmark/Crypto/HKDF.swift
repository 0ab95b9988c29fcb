import COpenSSL

/// HKDF-SHA256 (RFC 5869, extract-then-expand) through OpenSSL's `EVP_KDF`.
///
/// Hallmark derives every sub-key from a key's secret with it: PRF keys per scheme and
/// purpose, and per-account secrets from a master secret (Spec/keys.md, Spec/prf.md).
public enum HKDF {
  /// `length` bytes of HKDF-SHA256 output for input keying material `ikm`, `salt` and `info`.
  public static func sha256(ikm: [UInt8], salt: [UInt8], info: [UInt8], length: Int) -> [UInt8] {
    guard let kdf = EVP_KDF_fetch(nil, "HKDF", nil) else {
      fatalError("\(OpenSSLError("HKDF fetch"))")
    }
    defer { EVP_KDF_free(kdf) }
    guard let context = EVP_KDF_CTX_new(kdf) else { fatalError("\(OpenSSLError("HKDF context"))") }
    defer { EVP_KDF_CTX_free(context) }
    var out = [UInt8](repeating: 0, count: length)
    var ikm = ikm
    var salt = salt
    var info = info
    // OSSL_PARAM keeps raw pointers: build and use the parameters inside one closure.
    let ok = "SHA256".withCString { digest -> Int32 in
      ikm.withUnsafeMutableBytes { k in
        salt.withUnsafeMutableBytes { s in
          info.withUnsafeMutableBytes { i in
            var params = [
              OSSL_PARAM_construct_utf8_string("digest", UnsafeMutablePointer(mutating: digest), 0),
              OSSL_PARAM_construct_octet_string("key", k.baseAddress, k.count),
              OSSL_PARAM_construct_octet_string("salt", s.baseAddress, s.count),
              OSSL_PARAM_construct_octet_string("info", i.baseAddress, i.count),
              OSSL_PARAM_construct_end(),
            ]
            return EVP_KDF_derive(context, &out, out.count, &params)
          }
        }
      }
    }
    requireOpenSSL(ok == 1, "HKDF-SHA256 derive")
    return out
  }
}
