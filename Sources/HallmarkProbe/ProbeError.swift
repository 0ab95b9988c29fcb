/// Why a probe run, or one request of it, failed. Messages never contain the API key.
public enum ProbeError: Error, Sendable, Equatable, CustomStringConvertible {
  /// A parameter outside its range.
  case invalidParameter(String)
  /// A file that cannot be read or written.
  case unreadable(file: String, reason: String)
  /// A prompts-file line that cannot be used: file, 1-based line, reason.
  case invalidPrompt(file: String, line: Int, reason: String)
  /// An existing output line that cannot be resumed from: file, 1-based line, reason.
  case invalidOutput(file: String, line: Int, reason: String)
  /// The output file already holds records and `--resume` was not given.
  case outputExists(file: String)
  /// Another process holds the output file.
  case outputLocked(file: String)
  /// The API key's environment variable is not set.
  case missingAPIKey(variable: String)
  /// The server refused the credentials (HTTP 401 or 403): the run stops.
  case authentication(status: Int, message: String)
  /// An HTTP status that is not retried (a 4xx other than 408 and 429, or a redirect).
  case rejected(status: Int, message: String)
  /// A retryable failure: 408, 429, 5xx, a dropped connection, a timeout, a bad body.
  case transient(String)
  /// The endpoint URL is not an http(s) URL.
  case invalidEndpoint(String)

  public var description: String {
    switch self {
    case .invalidParameter(let message): message
    case .unreadable(let file, let reason): "\(file): \(reason)"
    case .invalidPrompt(let file, let line, let reason): "\(file):\(line): \(reason)"
    case .invalidOutput(let file, let line, let reason):
      "\(file):\(line): cannot resume from this output: \(reason)"
    case .outputExists(let file):
      "\(file) already holds records; pass --resume to continue it, or choose another --out"
    case .outputLocked(let file): "\(file) is being written by another process"
    case .missingAPIKey(let variable): "the API-key environment variable \(variable) is not set"
    case .authentication(let status, let message):
      "the server refused the credentials (HTTP \(status)): \(message)"
    case .rejected(let status, let message): "HTTP \(status): \(message)"
    case .transient(let message): message
    case .invalidEndpoint(let url): "not an http(s) endpoint URL: \(url)"
    }
  }

  /// Whether a request that failed this way may succeed when sent again.
  public var isRetryable: Bool {
    if case .transient = self { return true }
    return false
  }
}
