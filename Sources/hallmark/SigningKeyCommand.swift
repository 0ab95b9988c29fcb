import ArgumentParser
import Foundation
import HallmarkEvidence

/// `hallmark signing-key`: Ed25519 key pairs for signing evidence bundles.
struct SigningKeyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "signing-key",
    abstract: "Manage Ed25519 key pairs that sign evidence bundles.",
    subcommands: [New.self])

  /// `hallmark signing-key new --out PREFIX`.
  struct New: ParsableCommand {
    static let configuration = CommandConfiguration(
      abstract: "Make a new Ed25519 signing key pair.",
      discussion: """
        Writes PREFIX.key.pem (the private key, PKCS#8 PEM, mode 0600: keep it secret) and \
        PREFIX.pub.pem (the public key, PEM, to publish), and prints the key id (SHA-256 of \
        the raw public key) that reports name. Existing files are never replaced. The files \
        work with the stock openssl command, e.g. \
        `openssl pkeyutl -verify -pubin -inkey PREFIX.pub.pem -rawin -in report.json -sigfile report.sig`.
        """)

    @Option(name: .long, help: "Path prefix of the two files to write.")
    var out: String

    func run() throws {
      do {
        let files = try SigningKeyFiles.create(prefix: out)
        print("private key: \(files.privateKeyPath) (mode 0600, keep it secret)")
        print("public key:  \(files.publicKeyPath)")
        print("key id:      \(files.keyID)")
      } catch let error as EvidenceError {
        FileHandle.standardError.write(Data("hallmark signing-key new: \(error)\n".utf8))
        throw ExitCode.failure
      }
    }
  }
}
