import COpenSSL

/// SHA-256 through OpenSSL's EVP interface, fed in pieces so files of any size hash in
/// constant memory. The digest names inputs in reports and is what RFC 3161 stamps.
public final class SHA256Hasher {
  private let context: OpaquePointer
  private var finished = false

  /// A fresh hasher.
  public init() {
    context = EVP_MD_CTX_new()!
    EVP_DigestInit_ex(context, EVP_sha256(), nil)
  }

  deinit { EVP_MD_CTX_free(context) }

  /// Adds bytes to the message.
  public func update(_ bytes: UnsafeRawBufferPointer) {
    precondition(!finished, "SHA256Hasher used after finalize()")
    if let base = bytes.baseAddress, bytes.count > 0 {
      EVP_DigestUpdate(context, base, bytes.count)
    }
  }

  /// Adds bytes to the message.
  public func update(_ bytes: [UInt8]) {
    bytes.withUnsafeBytes { update($0) }
  }

  /// The 32-byte digest; the hasher cannot be used afterwards.
  public func finalize() -> [UInt8] {
    precondition(!finished, "SHA256Hasher finalized twice")
    finished = true
    var digest = [UInt8](repeating: 0, count: 32)
    var length: UInt32 = 0
    EVP_DigestFinal_ex(context, &digest, &length)
    return digest
  }
}

/// One-shot SHA-256 helpers.
public enum SHA256 {
  /// The digest of `bytes`.
  public static func hash(_ bytes: [UInt8]) -> [UInt8] {
    let hasher = SHA256Hasher()
    hasher.update(bytes)
    return hasher.finalize()
  }

  /// The digest of the file at `path`, read in 1 MiB pieces.
  /// - Throws: `EvidenceError.file` naming the path when it cannot be opened or read.
  public static func hash(fileAt path: String) throws -> [UInt8] {
    let hasher = SHA256Hasher()
    try FileIO.readChunks(path: path) { hasher.update($0) }
    return hasher.finalize()
  }

  /// The digest of `bytes` as 64 lower-case hex digits.
  public static func hex(_ bytes: [UInt8]) -> String { Hex.string(hash(bytes)) }

  /// The digest of the file at `path` as 64 lower-case hex digits.
  public static func hex(fileAt path: String) throws -> String {
    Hex.string(try hash(fileAt: path))
  }
}

/// Lower-case hexadecimal, the form digests and key ids take in reports.
public enum Hex {
  /// `bytes` as lower-case hex, two digits a byte.
  public static func string(_ bytes: some Sequence<UInt8>) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    for b in bytes {
      out.append(digits[Int(b >> 4)])
      out.append(digits[Int(b & 0xF)])
    }
    return String(decoding: out, as: UTF8.self)
  }

  /// The bytes of a hex string (either case), or nil when it is not hex of even length.
  public static func bytes(_ text: String) -> [UInt8]? {
    let chars = Array(text.utf8)
    guard chars.count % 2 == 0 else { return nil }
    func nibble(_ c: UInt8) -> UInt8? {
      switch c {
      case 48...57: return c - 48
      case 97...102: return c - 87
      case 65...70: return c - 55
      default: return nil
      }
    }
    var out: [UInt8] = []
    out.reserveCapacity(chars.count / 2)
    var i = 0
    while i < chars.count {
      guard let hi = nibble(chars[i]), let lo = nibble(chars[i + 1]) else { return nil }
      out.append(hi << 4 | lo)
      i += 2
    }
    return out
  }
}
