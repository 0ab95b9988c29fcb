import ArgumentParser
import Hallmark

/// `hallmark keygen`: a new key file with a fresh secret (mode 0600).
struct KeygenCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "keygen", abstract: "Make a new watermark key file (mode 0600).")

  @Option(help: "Scheme: \(SchemeRegistry.names.joined(separator: ", ")).")
  var scheme: String = "kgw"

  @OptionGroup var parameters: SchemeOptions

  @Option(
    help:
      "Vocabulary size of the model the key watermarks (default: the tokenizer's, else SmolLM2's 49152)."
  )
  var vocabularySize: Int?

  @Option(help: "Tokenizer fingerprint (SHA-256 hex) the key belongs to.")
  var tokenizerFingerprint: String?

  @Option(
    help: "GGUF model or tokenizer.json: record its fingerprint and vocabulary size in the key.")
  var tokenizer: String?

  @Option(help: "Where to write the key file (must not exist).")
  var out: String

  func run() throws {
    let scheme = try parameters.scheme(named: scheme)
    var fingerprint = tokenizerFingerprint
    var size = vocabularySize ?? 49152
    if let tokenizer {
      guard tokenizerFingerprint == nil else {
        throw ValidationError("give --tokenizer or --tokenizer-fingerprint, not both")
      }
      let loaded = try TokenizerChoice.load(path: tokenizer)
      fingerprint = loaded.fingerprint.hex
      if let vocabularySize, vocabularySize < loaded.vocabularySize {
        throw ValidationError(
          "--vocabulary-size \(vocabularySize) is smaller than the tokenizer's \(loaded.vocabularySize) tokens"
        )
      }
      size = vocabularySize ?? loaded.vocabularySize
    }
    let key = try WatermarkKey.generate(
      scheme: scheme, vocabularySize: size, tokenizerFingerprint: fingerprint)
    try KeyFile.write(key, path: out)
    print("wrote \(out): key \(key.id), scheme \(scheme.name), commitment \(key.commitment)")
  }
}
