import COpenSSL

/// HMAC-SHA256 (RFC 2104) through OpenSSL's one-shot `EVP_Q_mac`: used for key commitments.
public enum HMACSHA256 {
  /// The 32-byte HMAC-SHA256 of `message` under `key`.
  public static func mac(key: [UInt8], message: [UInt8]) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: 32)
    var length = 0
    let result = key.withUnsafeBytes { k in
      message.withUnsafeBytes { m in
        EVP_Q_mac(
          nil, "HMAC", nil, "SHA256", nil, k.baseAddress, k.count,
          m.baseAddress?.assumingMemoryBound(to: UInt8.self), m.count, &out, 32, &length)
      }
    }
    requireOpenSSL(result != nil && length == 32, "HMAC-SHA256")
    return out
  }
}
