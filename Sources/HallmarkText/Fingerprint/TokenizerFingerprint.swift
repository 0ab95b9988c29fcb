import COpenSSL

/// SHA-256 over the canonical form of a tokenizer's vocabulary, merges and pre-tokenizer
/// (`Spec/tokenizer.md`, "Fingerprint"). Recorded in key files and results so that detection
/// with a different tokenizer is refused.
public struct TokenizerFingerprint: Sendable, Hashable, CustomStringConvertible {
  /// The 32 digest bytes.
  public let bytes: [UInt8]

  /// Lower-case hex of the digest.
  public var hex: String {
    let digits = Array("0123456789abcdef".utf8)
    var s: [UInt8] = []
    for b in bytes {
      s.append(digits[Int(b >> 4)])
      s.append(digits[Int(b & 15)])
    }
    return String(decoding: s, as: UTF8.self)
  }

  public var description: String { "sha256:" + hex }

  init(bytes: [UInt8]) { self.bytes = bytes }

  /// The canonical form, version 1.
  struct Canonical {
    var model: String
    var preTokenizer: String
    var ignoreMerges: Bool
    var keys: FlatByteStrings
    var attributes: [TokenAttributes]
    var merges: [([UInt8], [UInt8])]
    var scores: [Float]?
    /// Unicode version of the character categories (`15.1` llama.cpp, `16.0` HF).
    var unicode: String

    func serialize() -> [UInt8] {
      var out: [UInt8] = []
      func line(_ s: String) { out.append(contentsOf: Array(s.utf8) + [0x0A]) }
      func u32(_ v: Int) {
        let x = UInt32(truncatingIfNeeded: v)
        out.append(contentsOf: [
          UInt8(x & 255), UInt8(x >> 8 & 255), UInt8(x >> 16 & 255), UInt8(x >> 24),
        ])
      }
      line("hallmark-tokenizer-fingerprint-v1")
      line("model=\(model)")
      line("pre=\(preTokenizer)")
      line("unicode=\(unicode)")
      line("ignore_merges=\(ignoreMerges ? 1 : 0)")
      line("vocab=\(keys.count)")
      for i in 0..<keys.count {
        let k = keys[i]
        u32(k.count)
        out.append(contentsOf: k)
        out.append(attributes[i].rawValue)
      }
      line("merges=\(merges.count)")
      for (a, b) in merges {
        u32(a.count)
        out.append(contentsOf: a)
        u32(b.count)
        out.append(contentsOf: b)
      }
      if let scores {
        line("scores=\(scores.count)")
        for s in scores { u32(Int(s.bitPattern)) }
      }
      return out
    }

    func fingerprint() -> TokenizerFingerprint {
      TokenizerFingerprint(bytes: SHA256.digest(serialize()))
    }
  }
}

/// SHA-256 through OpenSSL's EVP interface.
enum SHA256 {
  static func digest(_ data: [UInt8]) -> [UInt8] {
    var md = [UInt8](repeating: 0, count: 32)
    guard let ctx = EVP_MD_CTX_new() else { return md }
    defer { EVP_MD_CTX_free(ctx) }
    var len: UInt32 = 32
    _ = EVP_DigestInit_ex(ctx, EVP_sha256(), nil)
    data.withUnsafeBytes { b in _ = EVP_DigestUpdate(ctx, b.baseAddress, b.count) }
    md.withUnsafeMutableBufferPointer { m in _ = EVP_DigestFinal_ex(ctx, m.baseAddress, &len) }
    return md
  }
}
