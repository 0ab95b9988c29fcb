import ArgumentParser
import Foundation
import Hallmark

/// `hallmark key show|derive`.
struct KeyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "key", abstract: "Inspect keys and derive per-account keys.",
    subcommands: [Show.self, Derive.self])

  /// Prints a key's public facts, never its secret.
  struct Show: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Show a key's id, scheme, parameters and commitment (never the secret).")

    @Argument(help: "The key file.")
    var file: String

    @Flag(help: "Print one JSON object.")
    var json = false

    func run() throws {
      let key = try KeyFile.read(path: file)
      var fields: [(String, String)] = [
        ("id", key.id), ("scheme", key.scheme.name),
      ]
      fields += key.scheme.summary
      fields.append(("vocabularySize", "\(key.vocabularySize)"))
      if let fingerprint = key.tokenizerFingerprint { fields.append(("tokenizer", fingerprint)) }
      if let d = key.derivation {
        fields.append(("masterId", d.masterId))
        fields.append(("account", d.account))
      }
      fields.append(("commitment", key.commitment))
      if json {
        var object = JSONLine()
        object.add("id", key.id)
        object.add("scheme", key.scheme.name)
        object.addRaw("parameters", KeyDescription.parametersJSON(key.scheme))
        object.add("vocabularySize", key.vocabularySize)
        object.add("tokenizerFingerprint", key.tokenizerFingerprint)
        object.add("masterId", key.derivation?.masterId)
        object.add("account", key.derivation?.account)
        object.add("commitment", key.commitment)
        print(object.text)
      } else {
        let width = fields.map(\.0.count).max() ?? 0
        for (name, value) in fields {
          print(name.padding(toLength: width, withPad: " ", startingAt: 0) + "  " + value)
        }
      }
    }
  }

  /// Derives an account's key from a master key with HKDF-SHA256.
  struct Derive: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Derive the key of one account from a master key (HKDF-SHA256).")

    @Option(help: "The master key file.")
    var from: String

    @Option(help: "The account identifier (any UTF-8 string).")
    var account: String

    @Option(help: "Where to write the account's key file (must not exist).")
    var out: String

    func run() throws {
      let master = try KeyFile.read(path: from)
      guard !account.isEmpty else { throw ValidationError("--account must not be empty") }
      let key = master.derived(account: account)
      try KeyFile.write(key, path: out)
      print("wrote \(out): key \(key.id) for account \"\(account)\" of master \(master.id)")
    }
  }
}

/// Key facts as JSON fragments.
enum KeyDescription {
  /// The scheme's parameters as a JSON object.
  static func parametersJSON(_ scheme: SchemeParameters) -> String {
    var object = JSONLine()
    for (name, value) in scheme.summary {
      if let number = Double(value) { object.add(name, number) } else { object.add(name, value) }
    }
    return object.text
  }
}
