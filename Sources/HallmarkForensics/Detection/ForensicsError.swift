/// Why a verification cannot start: the inputs do not fit the key.
public enum ForensicsError: Error, Sendable, Equatable, CustomStringConvertible {
  /// The tokenizer is not the one the key was made for.
  case tokenizerMismatch(keyID: String, keyFingerprint: String, tokenizer: String, found: String)
  /// The tokenizer can produce ids the key does not cover.
  case vocabularyMismatch(keyID: String, keyVocabulary: Int, tokenizer: String, found: Int)
  /// Candidate keys that cannot be tested together.
  case invalidCandidates(String)
  /// A results file that cannot be resumed.
  case journal(path: String, reason: String)

  public var description: String {
    switch self {
    case .tokenizerMismatch(let key, let expected, let tokenizer, let found):
      "tokenizer \(tokenizer) has fingerprint sha256:\(found), but key \(key) was made for the "
        + "tokenizer with fingerprint sha256:\(expected); detecting with another tokenizer gives "
        + "other token ids and a meaningless result. Use the key's tokenizer (--tokenizer)."
    case .vocabularyMismatch(let key, let size, let tokenizer, let found):
      "tokenizer \(tokenizer) has \(found) tokens, but key \(key) covers only \(size)"
    case .invalidCandidates(let reason): reason
    case .journal(let path, let reason): "\(path): \(reason)"
    }
  }
}
