import Foundation

/// The evidence page in its fixed order — summary in plain words, method, inputs, results,
/// plots, token view, how to reproduce, how to verify — so every bundle reads the same way.
/// The detection layer fills the parts; this type owns the layout.
public struct ReportPage: Sendable {
  public var title: String
  /// Under the title: tool version, report time.
  public var subtitle: String?
  /// The finding in plain words; start with a `.callout`/`.calloutHTML` sentence.
  public var summary: [HTMLBlock]
  /// The statistical method in words, with its reference.
  public var method: [HTMLBlock]
  /// Every input file with its SHA-256.
  public var inputs: [InputFileRecord]
  /// Result tables and notes.
  public var results: [HTMLBlock]
  /// Plots (`.figure` blocks).
  public var figures: [HTMLBlock]
  /// Token-coloured views of the strongest documents.
  public var tokenViews: [TokenView]
  /// The exact command that made the report, one argument list.
  public var command: [String]
  /// Extra notes under the command (e.g. which key file is needed).
  public var reproduceNotes: [String]
  /// Signature mode of the bundle, for the stock-openssl verification commands.
  public var signatureMode: SignatureMode?

  /// How `report.sig` was made, for the verification instructions.
  public enum SignatureMode: String, Sendable {
    case ed25519
    case cms
  }

  public init(
    title: String, subtitle: String? = nil, summary: [HTMLBlock], method: [HTMLBlock] = [],
    inputs: [InputFileRecord] = [], results: [HTMLBlock] = [], figures: [HTMLBlock] = [],
    tokenViews: [TokenView] = [], command: [String] = [], reproduceNotes: [String] = [],
    signatureMode: SignatureMode? = nil
  ) {
    self.title = title
    self.subtitle = subtitle
    self.summary = summary
    self.method = method
    self.inputs = inputs
    self.results = results
    self.figures = figures
    self.tokenViews = tokenViews
    self.command = command
    self.reproduceNotes = reproduceNotes
    self.signatureMode = signatureMode
  }

  /// A command line with each argument quoted for a POSIX shell where needed.
  public static func shellQuoted(_ arguments: [String]) -> String {
    arguments.map { argument in
      let safe =
        !argument.isEmpty
        && argument.unicodeScalars.allSatisfy {
          ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
            || "-_./=:,+@%".unicodeScalars.contains($0)
        }
      return safe ? argument : "'" + argument.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }.joined(separator: " ")
  }

  /// The stock commands (openssl, sha256sum, grep) that check a bundle's signature, its
  /// time-stamp, and that the page is the one the signed report records.
  public static func stockVerificationCommands(mode: SignatureMode?) -> [String] {
    var commands: [String] = []
    switch mode {
    case .ed25519:
      commands.append(
        "# The signature over report.json (prints \"Signature Verified Successfully\"):")
      commands.append(
        "openssl pkeyutl -verify -pubin -inkey signer.pub.pem -rawin -in report.json -sigfile report.sig"
      )
      commands.append("# The signer's key id, to compare with the one the signer publishes:")
      commands.append(
        "openssl pkey -pubin -in signer.pub.pem -outform DER | tail -c 32 | openssl dgst -sha256")
    case .cms:
      commands.append(
        "# The signature and the signer's certificate chain (prints \"Verification successful\"):")
      commands.append(
        "openssl cms -verify -binary -content report.json -inform DER -in report.sig -CAfile ca.pem -out /dev/null"
      )
    case nil:
      break
    }
    commands.append(
      "# The time-stamp over report.sig, if the bundle has report.tsr (prints \"Verification: OK\"):"
    )
    commands.append("openssl ts -verify -data report.sig -in report.tsr -CAfile tsa-ca.pem")
    commands.append(
      "# This page: its SHA-256 must be the \"sha256\" of the \"page\" member of the signed report.json:"
    )
    commands.append("sha256sum report.html")
    commands.append("grep -o '\"page\":{[^}]*}' report.json")
    return commands
  }

  /// The page.
  public func render() -> String {
    var sections: [HTMLSection] = [HTMLSection(id: "summary", title: "Summary", blocks: summary)]
    if !method.isEmpty {
      sections.append(HTMLSection(id: "method", title: "Method", blocks: method))
    }
    if !inputs.isEmpty {
      let table = HTMLTable(
        headers: ["File", "Role", "Bytes", "SHA-256"],
        rows: inputs.map { [$0.path, $0.role, PlainWords.grouped($0.bytes), $0.sha256] },
        numericColumns: [2])
      sections.append(
        HTMLSection(
          id: "inputs", title: "Inputs",
          blocks: [
            .paragraph(
              "Every file the analysis read, with its SHA-256 digest. Anyone holding a copy can recompute the digest (for example with the command sha256sum FILE) and confirm it is the same file."
            ),
            .table(table),
          ]))
    }
    if !results.isEmpty {
      sections.append(HTMLSection(id: "results", title: "Results", blocks: results))
    }
    if !figures.isEmpty {
      sections.append(HTMLSection(id: "plots", title: "Plots", blocks: figures))
    }
    if !tokenViews.isEmpty {
      sections.append(
        HTMLSection(
          id: "tokens", title: "The text, token by token", blocks: tokenViews.map { .tokens($0) }))
    }
    var reproduce: [HTMLBlock] = []
    if !command.isEmpty {
      reproduce.append(.paragraph("This report was made by the command:"))
      reproduce.append(.code(Self.shellQuoted(command)))
    }
    reproduce += reproduceNotes.map { .paragraph($0) }
    reproduce.append(
      .paragraph(
        "report.json holds every number on this page in canonical JSON (RFC 8785), and the size and SHA-256 of this page itself; report.sig is a detached signature over exactly those bytes, so a changed page no longer matches the signed record. Check them with hallmark report verify, or with stock commands (no Hallmark software needed):"
      ))
    reproduce.append(
      .code(Self.stockVerificationCommands(mode: signatureMode).joined(separator: "\n")))
    sections.append(
      HTMLSection(id: "reproduce", title: "How to reproduce and verify", blocks: reproduce))
    return HTMLPage(title: title, subtitle: subtitle, sections: sections).render()
  }
}
