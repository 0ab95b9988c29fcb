import Foundation
import Hallmark
import HallmarkForensics
import HallmarkModels
import HallmarkText

/// Which tokenizer re-tokenizes text for a key (Spec/detection.md#tokenizer): the one given
/// with `--tokenizer` (refused when its fingerprint is not the key's), or else the default
/// model's (SmolLM2-135M-Instruct, fetched by scripts/fetch-model) when the key records that
/// model's fingerprint.
enum TokenizerChoice {
  /// The fingerprint (hex) of the default model's tokenizer.
  static let defaultModelFingerprint =
    "67aac6e7fddc6bc6181b2b268b5b91676e1040133543bbbb6b7159736623b0a8"

  /// Loads a tokenizer file, with errors that name it.
  static func load(path: String) throws -> any Tokenizer {
    guard FileManager.default.isReadableFile(atPath: path) else {
      throw CLIError(
        "\(path): cannot read tokenizer (\(FileManager.default.fileExists(atPath: path) ? "permission denied" : "no such file"))"
      )
    }
    do {
      return try TokenizerLoader.load(contentsOf: URL(fileURLWithPath: path))
    } catch {
      throw CLIError("\(path): not a usable tokenizer (GGUF or tokenizer.json): \(error)")
    }
  }

  /// The default model: found from the working folder, else from the executable's folder (a
  /// build inside the repository finds the repository's `.cache/models`).
  static func defaultModelURL() -> URL {
    let here = DefaultModel.url()
    if FileManager.default.fileExists(atPath: here.path) { return here }
    let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
      .deletingLastPathComponent()
    if DefaultModel.repositoryRoot(from: executable) != nil {
      let there = DefaultModel.url(startingAt: executable)
      if FileManager.default.fileExists(atPath: there.path) { return there }
    }
    return here
  }

  /// The tokenizer for `key` and the name reports give it.
  static func resolve(path: String?, key: WatermarkKey) throws -> (
    tokenizer: any Tokenizer, name: String
  ) {
    if let path {
      let tokenizer = try load(path: path)
      do {
        try TokenizerCheck.verify(key: key, tokenizer: tokenizer, name: path)
      } catch {
        throw CLIError(error.description)
      }
      if key.tokenizerFingerprint == nil {
        Terminal.warn(
          "key \(key.id) records no tokenizer fingerprint, so \(path) cannot be checked against it "
            + "(make keys with `keygen --tokenizer` to record it)")
      }
      return (tokenizer, path)
    }
    guard let recorded = key.tokenizerFingerprint else {
      throw CLIError(
        "key \(key.id) records no tokenizer: pass --tokenizer (the model's GGUF or tokenizer.json)")
    }
    let expected = TokenizerCheck.normalized(recorded)
    let url = defaultModelURL()
    guard FileManager.default.fileExists(atPath: url.path) else {
      throw CLIError(
        expected == defaultModelFingerprint
          ? "key \(key.id) belongs to \(DefaultModel.fileName), which is not at \(url.path): run "
            + "scripts/fetch-model (or set \(DefaultModel.environmentVariable)), or pass --tokenizer"
          : "key \(key.id) records tokenizer sha256:\(expected), which is not the default model's: "
            + "pass --tokenizer")
    }
    let tokenizer = try load(path: url.path)
    guard tokenizer.fingerprint.hex == expected else {
      throw CLIError(
        "key \(key.id) records tokenizer sha256:\(expected), but the default model \(url.path) has "
          + "sha256:\(tokenizer.fingerprint.hex): pass the key's tokenizer with --tokenizer")
    }
    return (tokenizer, url.path)
  }
}
