import ArgumentParser
import Foundation
import Hallmark
import HallmarkEvidence
import HallmarkForensics

/// `hallmark report`: an evidence bundle from a detect/scan run, and its verification.
struct ReportCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "report",
    abstract: "Write a signed evidence bundle for a detection run, or verify one.",
    subcommands: [ReportCreateCommand.self, ReportVerifyCommand.self],
    defaultSubcommand: ReportCreateCommand.self)
}

/// `hallmark report [create] --key FILE INPUT... --out DIR (--sign-key F | --cms-cert C --cms-key K)`.
struct ReportCreateCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "create",
    abstract: "Test inputs for a key's watermark and write a signed evidence bundle.",
    discussion: """
      Reads the inputs as detect and scan do (text files, folders, JSONL with --field, or \
      --tokens FILE), tests every document and the corpus under the key, repeats the corpus \
      test under --controls control keys derived from the inputs (never from the key), and \
      writes DIR/report.json (canonical JSON, RFC 8785), report.sig (Ed25519 with --sign-key, \
      or CMS with --cms-cert/--cms-key), optionally report.tsr (RFC 3161 time-stamp from \
      --tsa), and report.html (its size and SHA-256 are recorded in report.json, so the \
      signature covers the page too). --radioactivity RESULT.json (repeatable) adds a result of \
      `hallmark radioactivity --json`: it must be made with the same key, and it is recomputed \
      from its recorded inputs, which are hashed into the report; with it, text inputs are \
      optional. Any unreadable input stops the run: no bundle is written. See \
      docs/evidence.md and Spec/evidence.md.
      """)

  @Option(help: "The watermark key file.")
  var key: String

  @Option(help: "Token-id input instead of text, one document per line.")
  var tokens: String?

  @OptionGroup var input: TextInputOptions

  @Option(
    help: ArgumentHelp(
      "A `hallmark radioactivity --json` result to include (repeatable).",
      valueName: "result.json"))
  var radioactivity: [String] = []

  @Option(help: "The bundle folder to write (must not exist).")
  var out: String

  @Option(help: "Ed25519 signing key (PREFIX.key.pem from `hallmark signing-key new`).")
  var signKey: String?

  @Option(help: "CMS mode: the signer's X.509 certificate (PEM).")
  var cmsCert: String?

  @Option(help: "CMS mode: the certificate's private key (PEM).")
  var cmsKey: String?

  @Option(help: "CMS mode: intermediate certificates to embed (PEM).")
  var cmsChain: String?

  @Option(help: "URL of an RFC 3161 time-stamping authority.")
  var tsa: String?

  @Option(help: "CA certificate(s) the time-stamp must verify against (PEM).")
  var tsaCa: String?

  @Option(help: "Number of negative-control keys.")
  var controls: Int = 100

  @Option(help: "Decision threshold α on the p-value.")
  var alpha: Double = 1e-6

  @Option(help: "Documents with fewer scored tuples are reported as too short to test.")
  var minScored: Int = 16

  @Flag(help: "Also find each document's best-scoring window.")
  var windows = false

  @Option(help: "The shortest window searched, in scored tuples.")
  var windowMin: Int = 32

  @Flag(help: "Replace an existing bundle at --out.")
  var replace = false

  func validate() throws {
    if tokens != nil && !input.inputs.isEmpty {
      throw ValidationError("give either --tokens FILE or text inputs, not both")
    }
    if tokens == nil && input.inputs.isEmpty && radioactivity.isEmpty {
      throw ValidationError("give input files, --tokens FILE or --radioactivity RESULT.json")
    }
    let ed = signKey != nil
    let cms = cmsCert != nil || cmsKey != nil
    guard ed != cms else {
      throw ValidationError("give either --sign-key FILE or --cms-cert FILE --cms-key FILE")
    }
    if cms && (cmsCert == nil || cmsKey == nil) {
      throw ValidationError("--cms-cert and --cms-key go together")
    }
    if tsaCa != nil && tsa == nil { throw ValidationError("--tsa-ca needs --tsa URL") }
    guard alpha > 0 && alpha < 1 else { throw ValidationError("--alpha must be in (0, 1)") }
    guard minScored >= 1 else { throw ValidationError("--min-scored must be at least 1") }
    guard windowMin >= 1 else { throw ValidationError("--window-min must be at least 1") }
    guard (0...100_000).contains(controls) else {
      throw ValidationError("--controls must be in 0...100000")
    }
  }

  var settings: ReportAnalysis.Settings {
    ReportAnalysis.Settings(
      alpha: alpha, minScored: minScored,
      windows: windows ? WindowSearch(minimumLength: windowMin) : nil, controls: controls,
      text: tokens == nil && !input.inputs.isEmpty ? input : nil, tokens: tokens,
      radioactivity: radioactivity)
  }

  func run() throws {
    do {
      try make(command: Self.recordedCommand(CommandLine.arguments))
    } catch let error as CLIError {
      Terminal.warn("report: \(error)")
      throw ExitCode.failure
    } catch let error as EvidenceError {
      Terminal.warn("report: \(error)")
      throw ExitCode.failure
    } catch let error as KeyError {
      Terminal.warn("report: \(error)")
      throw ExitCode.failure
    }
  }

  /// The command line as recorded: the arguments unchanged, the program as its file name
  /// (`hallmark`), so the record does not depend on where the tool is installed.
  static func recordedCommand(_ arguments: [String]) -> [String] {
    guard let program = arguments.first else { return arguments }
    return [URL(fileURLWithPath: program).lastPathComponent] + arguments.dropFirst()
  }

  func make(command: [String]) throws {
    let signer: ReportSigner
    if let signKey {
      signer = .ed25519(try Ed25519PrivateKey(contentsOf: signKey))
    } else {
      signer = .cms(
        try CMSSigner(certificateFile: cmsCert!, privateKeyFile: cmsKey!, chainFile: cmsChain))
    }
    var timestamping: (client: TimestampClient, trust: X509TrustStore?)? = nil
    if let tsa {
      guard let url = URL(string: tsa), url.scheme == "http" || url.scheme == "https" else {
        throw CLIError("--tsa \(tsa): not an http(s) URL")
      }
      timestamping = (
        TimestampClient(url: url), try tsaCa.map { try X509TrustStore(contentsOf: $0) }
      )
    }
    let watermarkKey = try KeyFile.read(path: key)
    let analysis = try ReportAnalysis.compute(
      key: watermarkKey, settings: settings, locate: { $0 })
    let created = ReportTime.iso8601(Date())
    let report = try ReportBuilder.report(
      analysis: analysis, command: command, time: ["created_utc": .string(created)],
      signer: try signer.record())
    let html = ReportHTML(analysis: analysis, report: report, created: created, signer: signer)
      .render()
    let destination = out
    let replace = replace
    let stamping = timestamping
    let written = try ProbeCommand.wait {
      try await EvidenceBundle.write(
        report: report, html: html, signer: signer, timestamping: stamping, to: destination,
        replaceExisting: replace)
    }
    print("bundle: \(written.path)")
    if let corpus = analysis.corpusTests.first {
      print(
        "documents: \(analysis.documents.count), corpus log10 p \(Format.log10(corpus.result.pValue)) (\(corpus.verdict)); "
          + "controls below α: \(corpus.controls?.belowAlpha ?? 0) of \(settings.controls)")
    }
    for section in analysis.radioactivity {
      for test in section.tests {
        let r = test.result
        print(
          "radioactivity \(section.resultPath): \(test.kind) log10 p \(Format.log10(r.score.pValue)) over \(r.tuples) tuples; "
            + "controls below α: \(r.controls.belowAlpha) of \(r.controls.keys)")
      }
    }
    if let stamp = written.timestamp {
      print("time-stamp: \(ReportTime.iso8601(stamp.genTime))")
    }
  }
}

/// UTC times as report.json writes them: `2026-11-30T04:20:00Z`.
enum ReportTime {
  static func iso8601(_ date: Date) -> String {
    let formatter = ISO8601DateFormatter()
    formatter.timeZone = TimeZone(identifier: "UTC")
    formatter.formatOptions = [.withInternetDateTime]
    return formatter.string(from: date)
  }
}
