import COpenSSL

/// Cryptographically secure random bytes from OpenSSL's DRBG: key secrets come from here.
public enum SecureRandom {
  /// `count` random bytes.
  public static func bytes(_ count: Int) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: count)
    let ok = RAND_bytes(&out, Int32(count))
    requireOpenSSL(ok == 1, "RAND_bytes")
    return out
  }
}
