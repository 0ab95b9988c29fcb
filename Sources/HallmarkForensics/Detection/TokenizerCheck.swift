import Hallmark
import HallmarkText

/// The guard between a key and a tokenizer: detection re-tokenizes text, so it must use the
/// tokenizer the key was made for (Spec/detection.md#tokenizer).
public enum TokenizerCheck {
  /// A fingerprint as lower-case hex without the `sha256:` prefix.
  public static func normalized(_ fingerprint: String) -> String {
    let lower = fingerprint.lowercased()
    return lower.hasPrefix("sha256:") ? String(lower.dropFirst(7)) : lower
  }

  /// Whether `tokenizer` is the one `key` records (true when the key records none).
  public static func matches(key: WatermarkKey, tokenizer: any Tokenizer) -> Bool {
    guard let expected = key.tokenizerFingerprint else { return true }
    return normalized(expected) == tokenizer.fingerprint.hex
  }

  /// Throws when the key records another tokenizer, or when the tokenizer's ids do not all fit
  /// in the key's vocabulary. `name` names the tokenizer in the message.
  public static func verify(key: WatermarkKey, tokenizer: any Tokenizer, name: String)
    throws(ForensicsError)
  {
    if let expected = key.tokenizerFingerprint, !matches(key: key, tokenizer: tokenizer) {
      throw .tokenizerMismatch(
        keyID: key.id, keyFingerprint: normalized(expected), tokenizer: name,
        found: tokenizer.fingerprint.hex)
    }
    guard tokenizer.vocabularySize <= key.vocabularySize else {
      throw .vocabularyMismatch(
        keyID: key.id, keyVocabulary: key.vocabularySize, tokenizer: name,
        found: tokenizer.vocabularySize)
    }
  }
}
