/// Why a key could not be made, read or used. Every message names the file where there is one.
public enum KeyError: Error, CustomStringConvertible, Sendable, Equatable {
  case invalidParameter(String)
  case unreadable(path: String, reason: String)
  case malformed(path: String, reason: String)
  case readableByOthers(path: String, mode: String)
  case exists(path: String)
  case unwritable(path: String, reason: String)
  case tokenizerMismatch(key: String, expected: String, actual: String)
  case vocabularyMismatch(key: String, expected: Int, actual: Int)

  public var description: String {
    switch self {
    case .invalidParameter(let m): "invalid scheme parameter: \(m)"
    case .unreadable(let path, let reason): "\(path): cannot read key file: \(reason)"
    case .malformed(let path, let reason): "\(path): not a valid Hallmark key file: \(reason)"
    case .readableByOthers(let path, let mode):
      "\(path): key file is accessible to other users (mode \(mode)); a key is a secret: "
        + "run `chmod 600 \(path)` if it has not leaked, or make a new key if it has"
    case .exists(let path): "\(path): already exists; refusing to overwrite a key"
    case .unwritable(let path, let reason): "\(path): cannot write key file: \(reason)"
    case .tokenizerMismatch(let key, let expected, let actual):
      "key \(key) belongs to tokenizer \(expected.prefix(16))…, but the tokenizer given is "
        + "\(actual.prefix(16))…: detection with another model family's tokenizer is meaningless"
    case .vocabularyMismatch(let key, let expected, let actual):
      "key \(key) is for a vocabulary of \(expected) tokens, but the input has \(actual)"
    }
  }
}
