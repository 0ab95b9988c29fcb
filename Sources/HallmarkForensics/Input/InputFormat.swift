/// How a file's bytes become documents.
public enum InputFormat: String, Sendable, CaseIterable {
  /// `.jsonl` and `.ndjson` files are JSONL, everything else (and standard input) plain text.
  case auto
  /// The whole file is one document.
  case text
  /// One JSON object per line; a field holds the text.
  case jsonl

  /// The format of `path` under this setting.
  public func resolved(for path: String) -> InputFormat {
    guard self == .auto else { return self }
    let lower = path.lowercased()
    return lower.hasSuffix(".jsonl") || lower.hasSuffix(".ndjson") ? .jsonl : .text
  }
}
