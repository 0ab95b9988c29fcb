import COpenSSL

/// AES-128 under one fixed key, through OpenSSL, for the keyed PRF's bulk work.
///
/// Two modes are kept ready: ECB (to encrypt many independent blocks in one call, which is what
/// makes scoring fast) and CTR (to expand one seed into a whole vocabulary's keystream).
/// Not thread-safe: each thread uses its own instance.
public final class AES128 {
  private let ecb: OpaquePointer
  private let ctr: OpaquePointer
  private let key: [UInt8]
  private var zeros: [UInt8] = []

  /// Prepares ECB and CTR contexts for the 16-byte `key`.
  public init(key: [UInt8]) {
    precondition(key.count == 16, "AES-128 needs a 16-byte key")
    self.key = key
    guard let ecb = EVP_CIPHER_CTX_new(), let ctr = EVP_CIPHER_CTX_new() else {
      fatalError("\(OpenSSLError("EVP_CIPHER_CTX_new"))")
    }
    self.ecb = ecb
    self.ctr = ctr
    let ok =
      EVP_EncryptInit_ex(ecb, EVP_aes_128_ecb(), nil, key, nil) == 1
      && EVP_CIPHER_CTX_set_padding(ecb, 0) == 1
      && EVP_EncryptInit_ex(ctr, EVP_aes_128_ctr(), nil, key, nil) == 1
    requireOpenSSL(ok, "AES-128 set-up")
  }

  deinit {
    EVP_CIPHER_CTX_free(ecb)
    EVP_CIPHER_CTX_free(ctr)
  }

  /// Encrypts `count` consecutive 16-byte blocks from `input` into `output` (which may alias
  /// `input`), each block independently (ECB).
  public func encryptBlocks(
    _ input: UnsafeRawPointer, _ output: UnsafeMutableRawPointer, count: Int
  ) {
    var remaining = count
    var offset = 0
    // EVP_EncryptUpdate takes an Int32 length.
    let chunk = 1 << 20
    while remaining > 0 {
      let n = min(remaining, chunk)
      var written: Int32 = 0
      let ok = EVP_EncryptUpdate(
        ecb, output.advanced(by: offset).assumingMemoryBound(to: UInt8.self), &written,
        input.advanced(by: offset).assumingMemoryBound(to: UInt8.self), Int32(n * 16))
      requireOpenSSL(ok == 1 && written == Int32(n * 16), "AES-128-ECB")
      remaining -= n
      offset += n * 16
    }
  }

  /// Writes `count` blocks of AES-128-CTR keystream starting at counter block `iv` into
  /// `output`: block j is E(iv + j), the addition being big-endian on the 128-bit block.
  public func keystream(
    iv: inout (UInt64, UInt64), into output: UnsafeMutableRawPointer, count: Int
  ) {
    startKeystream(iv: &iv)
    continueKeystream(into: output, count: count)
  }

  /// Starts a CTR keystream at counter block `iv`; `continueKeystream` then writes it in
  /// pieces, so a long keystream can be consumed from a small, cache-resident buffer.
  public func startKeystream(iv: inout (UInt64, UInt64)) {
    withUnsafeBytes(of: &iv) { ivBytes in
      let ok = EVP_EncryptInit_ex(
        ctr, nil, nil, nil, ivBytes.baseAddress!.assumingMemoryBound(to: UInt8.self))
      requireOpenSSL(ok == 1, "AES-128-CTR IV")
    }
  }

  /// Writes the next `count` blocks of the keystream started by `startKeystream`.
  public func continueKeystream(into output: UnsafeMutableRawPointer, count: Int) {
    let bytes = count * 16
    if zeros.count < bytes { zeros = [UInt8](repeating: 0, count: bytes) }
    var written: Int32 = 0
    let ok = zeros.withUnsafeBufferPointer { z in
      EVP_EncryptUpdate(
        ctr, output.assumingMemoryBound(to: UInt8.self), &written, z.baseAddress, Int32(bytes))
    }
    requireOpenSSL(ok == 1 && written == Int32(bytes), "AES-128-CTR")
  }

  /// A new instance with the same key (for use on another thread).
  public func copy() -> AES128 { AES128(key: key) }
}
