import ArgumentParser
import Hallmark

/// `hallmark keygen`: a new key file with a fresh secret (mode 0600).
struct KeygenCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "keygen", abstract: "Make a new watermark key file (mode 0600).")

  @Option(help: "Scheme: \(SchemeRegistry.names.joined(separator: ", ")).")
  var scheme: String = "kgw"

  @OptionGroup var parameters: SchemeOptions

  @Option(help: "Vocabulary size of the model the key watermarks (SmolLM2: 49152).")
  var vocabularySize: Int = 49152

  @Option(help: "Tokenizer fingerprint (SHA-256 hex) the key belongs to.")
  var tokenizerFingerprint: String?

  @Option(help: "Where to write the key file (must not exist).")
  var out: String

  func run() throws {
    let scheme = try parameters.scheme(named: scheme)
    let key = try WatermarkKey.generate(
      scheme: scheme, vocabularySize: vocabularySize, tokenizerFingerprint: tokenizerFingerprint)
    try KeyFile.write(key, path: out)
    print("wrote \(out): key \(key.id), scheme \(scheme.name), commitment \(key.commitment)")
  }
}
