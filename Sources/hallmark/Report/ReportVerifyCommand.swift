import ArgumentParser
import Foundation
import Hallmark
import HallmarkEvidence

/// `hallmark report verify DIR`: the bundle's signature, time-stamp and input digests, and with
/// the key, every number recomputed (Spec/evidence.md section 6).
struct ReportVerifyCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "verify",
    abstract: "Check an evidence bundle; with --key, recompute every result.",
    discussion: """
      Prints one PASS, FAIL or SKIP line per check and a verdict line; exits 0 only when no \
      check failed and the signature passed. report.html must be the page whose SHA-256 the \
      signed report.json records (SKIP for bundles of earlier versions, which record none). \
      --inputs gives copies of the input files \
      (matched to the report's by path or file name; a folder is searched for them); with \
      --key, a key whose commitment is not the report's is refused, and otherwise the whole \
      analysis is run again from the recorded command line and must give identical bytes.
      """)

  @Argument(help: "The bundle folder.")
  var bundle: String

  @Option(help: "The watermark key: recompute every number (must match the report's commitment).")
  var key: String?

  @Option(parsing: .upToNextOption, help: "Copies of the input files (and tokenizer) to check.")
  var inputs: [String] = []

  @Option(help: "The Ed25519 public key the signature must come from (PEM).")
  var publicKey: String?

  @Option(help: "CA certificate(s) a CMS signer must chain to (PEM).")
  var caFile: String?

  @Option(help: "CA certificate(s) of the time-stamping authority (PEM).")
  var tsaCa: String?

  func run() throws {
    var verifier = BundleVerifier()
    var setup: [BundleCheck] = []
    do {
      if let publicKey { verifier.publicKey = try Ed25519PublicKey(contentsOf: publicKey) }
      if let caFile { verifier.signerTrust = try X509TrustStore(contentsOf: caFile) }
      if let tsaCa { verifier.timestampTrust = try X509TrustStore(contentsOf: tsaCa) }
    } catch {
      setup.append(BundleCheck("arguments", .fail, "\(error)"))
    }
    let files = expandedInputs()
    verifier.inputs = files
    var result = verifier.verify(bundleAt: bundle)
    result.checks.insert(contentsOf: setup, at: 0)
    if let key {
      result.checks.append(contentsOf: recompute(keyPath: key, files: files))
    } else {
      result.checks.append(
        BundleCheck("results", .notChecked, "no --key given, numbers not recomputed"))
    }
    for line in result.lines { print(line) }
    if !result.passed || !setup.isEmpty { throw ExitCode.failure }
  }

  /// The --inputs paths with folders replaced by the files below them that the report lists
  /// (by file name): other files in a folder are not the report's business.
  func expandedInputs() -> [String] {
    let reportPath = URL(fileURLWithPath: bundle).appendingPathComponent(BundleLayout.report).path
    let listed = Set(
      ((try? JSONValue(parsing: FileIO.read(path: reportPath)))?["inputs"]?.arrayValue ?? [])
        .compactMap { $0["path"]?.stringValue.map { URL(fileURLWithPath: $0).lastPathComponent } })
    var files: [String] = []
    let fm = FileManager.default
    for path in inputs {
      var isFolder: ObjCBool = false
      if fm.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue {
        let prefix = path.hasSuffix("/") ? path : path + "/"
        for name in (fm.subpaths(atPath: path) ?? []).sorted() {
          let file = prefix + name
          var sub: ObjCBool = false
          if fm.fileExists(atPath: file, isDirectory: &sub), !sub.boolValue,
            listed.contains(URL(fileURLWithPath: file).lastPathComponent),
            !name.split(separator: "/").contains(where: { $0.hasPrefix(".") })
          {
            files.append(file)
          }
        }
      } else {
        files.append(path)
      }
    }
    return files
  }

  /// Reads the report, checks the key commitment, and recomputes the analysis.
  func recompute(keyPath: String, files: [String]) -> [BundleCheck] {
    let reportPath = URL(fileURLWithPath: bundle).appendingPathComponent(BundleLayout.report).path
    let report: JSONValue
    let watermarkKey: WatermarkKey
    do {
      report = try JSONValue(parsing: try FileIO.read(path: reportPath))
    } catch {
      return [BundleCheck("results", .fail, "\(error)")]
    }
    do {
      watermarkKey = try KeyFile.read(path: keyPath)
    } catch {
      return [BundleCheck("key", .fail, "\(error)")]
    }
    guard let recorded = report["key"]?["commitment"]?.stringValue else {
      return [BundleCheck("key", .fail, "report.json records no key commitment")]
    }
    guard recorded == watermarkKey.commitment else {
      return [
        BundleCheck(
          "key", .fail,
          "\(keyPath) has commitment \(watermarkKey.commitment), the report's key has \(recorded): refused, not this report's key"
        )
      ]
    }
    var checks = [
      BundleCheck(
        "key", .pass, "\(keyPath) is the report's key \(watermarkKey.id) (commitment matches)")
    ]
    guard let argv = report["command"]?.arrayValue?.compactMap(\.stringValue), argv.count >= 2
    else {
      return checks + [BundleCheck("results", .fail, "report.json records no command line")]
    }
    var arguments = Array(argv.dropFirst())
    if arguments.first == "report" { arguments.removeFirst() }
    if arguments.first == "create" { arguments.removeFirst() }
    var command: ReportCreateCommand
    do {
      command = try ReportCreateCommand.parse(arguments)
    } catch {
      return checks + [
        BundleCheck(
          "results", .fail,
          "the recorded command line does not parse: \(ReportCreateCommand.message(for: error))")
      ]
    }
    // Folders on the command line were expanded into the files the report lists, in the same
    // order: read those files, so that copies need not keep the folder layout.
    if command.tokens == nil {
      let listed = (report["inputs"]?.arrayValue ?? []).filter { $0["role"]?.stringValue == "text" }
        .compactMap { $0["path"]?.stringValue }
      if !listed.isEmpty { command.input.inputs = listed }
    }
    let locate: (String) -> String = { recordedPath in
      if files.contains(recordedPath) { return recordedPath }
      if let copy = files.first(where: { $0.hasSuffix("/" + recordedPath) }) { return copy }
      let name = URL(fileURLWithPath: recordedPath).lastPathComponent
      if let copy = files.first(where: { URL(fileURLWithPath: $0).lastPathComponent == name }) {
        return copy
      }
      return recordedPath
    }
    do {
      let analysis = try ReportAnalysis.compute(
        key: watermarkKey, settings: command.settings, locate: locate)
      let fresh = try ReportBuilder.deterministic(analysis)
      var differing: [String] = []
      for name in fresh.keys.sorted() {
        let old = report[name] ?? .null
        if try old.canonicalBytes() != fresh[name]!.canonicalBytes() {
          differing.append(describeDifference(name, old: old, new: fresh[name]!))
        }
      }
      if differing.isEmpty {
        var parts: [String] = []
        if let corpus = analysis.corpusTests.first {
          parts.append(
            "\(analysis.documents.count) document tests, the corpus test and \(corpus.controls?.results.count ?? 0) controls"
          )
        }
        let radioactive = analysis.radioactivity.map(\.tests.count).reduce(0, +)
        if radioactive > 0 {
          parts.append("\(radioactive) radioactivity tests with their controls")
        }
        checks.append(
          BundleCheck(
            "results", .pass,
            "recomputed " + parts.joined(separator: " and ") + ": bit-identical"))
      } else {
        checks.append(
          BundleCheck(
            "results", .fail, "recomputed values differ: " + differing.joined(separator: "; ")))
      }
    } catch {
      checks.append(BundleCheck("results", .fail, "cannot recompute: \(error)"))
    }
    return checks
  }

  /// Which part of a member differs (the first differing array element).
  func describeDifference(_ name: String, old: JSONValue, new: JSONValue) -> String {
    if let a = old.arrayValue, let b = new.arrayValue {
      if a.count != b.count { return "\(name) (\(a.count) recorded, \(b.count) recomputed)" }
      for i in a.indices where a[i] != b[i] { return "\(name)[\(i)]" }
    }
    if let a = old.objectValue, let b = new.objectValue {
      let keys = Set(a.keys).union(b.keys).sorted().filter { a[$0] != b[$0] }
      return keys.map { "\(name).\($0)" }.joined(separator: ", ")
    }
    return name
  }
}
