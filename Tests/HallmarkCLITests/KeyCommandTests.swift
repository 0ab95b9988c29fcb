import Foundation
import Testing

@testable import Hallmark

@Suite struct KeyCommandTests {
  @Test func keygenShowDeriveNeverPrintTheSecret() throws {
    let dir = CLIRunner.folder()
    for scheme in ["kgw", "unigram", "gumbel", "synthid"] {
      let made = try CLIRunner.run(
        ["keygen", "--scheme", scheme, "--out", "\(scheme).json"], in: dir)
      #expect(made.status == 0, "\(made.stderr)")
      let path = dir.appendingPathComponent("\(scheme).json").path
      let key = try KeyFile.read(path: path)
      let secret = Hex.encode(key.secret)
      let shown = try CLIRunner.run(["key", "show", "\(scheme).json"], in: dir)
      #expect(shown.status == 0)
      #expect(shown.stdout.contains(key.commitment))
      #expect(!shown.stdout.contains(secret) && !made.stdout.contains(secret))
      let json = try CLIRunner.run(["key", "show", "--json", "\(scheme).json"], in: dir)
      let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
      #expect(object["scheme"] as? String == scheme)
      #expect(object["commitment"] as? String == key.commitment)
      let derived = try CLIRunner.run(
        [
          "key", "derive", "--from", "\(scheme).json", "--account", "alice", "--out",
          "\(scheme)-alice.json",
        ],
        in: dir)
      #expect(derived.status == 0)
      let child = try KeyFile.read(path: dir.appendingPathComponent("\(scheme)-alice.json").path)
      #expect(child == key.derived(account: "alice"))
    }
  }

  @Test func keygenRejectsBadParametersAndExistingFiles() throws {
    let dir = CLIRunner.folder()
    let bad = try CLIRunner.run(["keygen", "--green-fraction", "1.5", "--out", "k.json"], in: dir)
    #expect(bad.status != 0)
    #expect(bad.stderr.contains("greenFraction"))
    #expect(try CLIRunner.run(["keygen", "--out", "k.json"], in: dir).status == 0)
    let again = try CLIRunner.run(["keygen", "--out", "k.json"], in: dir)
    #expect(again.status != 0)
    #expect(again.stderr.contains("k.json"))
  }

  /// SynthID keys get the contender floor φ = 20 unless told otherwise; 0 turns it off.
  @Test func keygenWritesTheSynthIDContenderFloor() throws {
    let dir = CLIRunner.folder()
    for (arguments, floor) in [
      ([], 20), (["--contender-floor", "8"], 8), (["--contender-floor", "0"], nil),
    ]
      as [([String], Int?)]
    {
      let file = "s\(floor ?? 0).json"
      let made = try CLIRunner.run(
        ["keygen", "--scheme", "synthid"] + arguments + ["--out", file], in: dir)
      #expect(made.status == 0, "\(made.stderr)")
      let key = try KeyFile.read(path: dir.appendingPathComponent(file).path)
      #expect(key.scheme == .synthid(SynthIDParameters(contenderFloor: floor)))
    }
    let bad = try CLIRunner.run(
      ["keygen", "--scheme", "synthid", "--contender-floor", "200", "--out", "bad.json"], in: dir)
    #expect(bad.status != 0)
    #expect(bad.stderr.contains("contenderFloor"))
  }

  @Test func worldReadableKeyIsRefused() throws {
    let dir = CLIRunner.folder()
    try CLIRunner.run(["keygen", "--out", "k.json"], in: dir)
    chmod(dir.appendingPathComponent("k.json").path, 0o644)
    let shown = try CLIRunner.run(["key", "show", "k.json"], in: dir)
    #expect(shown.status != 0)
    #expect(shown.stderr.contains("k.json") && shown.stderr.contains("chmod 600"))
  }
}
