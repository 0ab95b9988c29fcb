import Foundation
import Testing

@testable import Hallmark

@Suite struct KeyFileTests {
  let folder: String = {
    let path = NSTemporaryDirectory() + "hallmark-keys-\(UUID().uuidString)"
    try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    return path
  }()

  func key() throws -> WatermarkKey {
    try WatermarkKey.generate(scheme: .kgw(KGWParameters()), vocabularySize: 49152)
  }

  @Test func roundTripsWithMode0600() throws {
    let key = try key()
    let path = folder + "/k.json"
    try KeyFile.write(key, path: path)
    let mode =
      try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as! NSNumber
    #expect(mode.intValue == 0o600)
    let read = try KeyFile.read(path: path)
    #expect(read == key)
    #expect(read.commitment == key.commitment)
  }

  @Test func refusesToOverwrite() throws {
    let path = folder + "/k.json"
    try KeyFile.write(try key(), path: path)
    #expect(throws: KeyError.exists(path: path)) { try KeyFile.write(try key(), path: path) }
  }

  @Test func refusesKeysOthersCanRead() throws {
    let path = folder + "/k.json"
    try KeyFile.write(try key(), path: path)
    chmod(path, 0o644)
    #expect(throws: KeyError.readableByOthers(path: path, mode: "644")) {
      try KeyFile.read(path: path)
    }
  }

  @Test func namesTheProblemInCorruptFiles() throws {
    let key = try key()
    let good = String(decoding: KeyFile.encode(key), as: UTF8.self)
    let cases: [(String, String)] = [
      (String(good.prefix(good.count / 2)), "not a valid Hallmark key file"),
      (
        good.replacingOccurrences(of: "\"secret\"", with: "\"secrets\""), "missing field \"secret\""
      ),
      (
        good.replacingOccurrences(of: key.id, with: "hk-0000000000000000"),
        "does not match the secret"
      ),
      (good.replacingOccurrences(of: "\"kgw\"", with: "\"rot13\""), "unknown scheme"),
      (good.replacingOccurrences(of: "0.25", with: "1.5"), "greenFraction must be in (0, 1)"),
      ("", "not a valid Hallmark key file"),
    ]
    for (i, (text, expected)) in cases.enumerated() {
      let path = folder + "/bad\(i).json"
      _ = FileManager.default.createFile(
        atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600])
      do {
        _ = try KeyFile.read(path: path)
        Issue.record("case \(i) was accepted")
      } catch {
        #expect(error.description.contains(path), "\(error)")
        #expect(error.description.contains(expected), "case \(i): \(error)")
      }
    }
  }

  @Test func missingFileIsNamed() {
    #expect(throws: KeyError.unreadable(path: folder + "/none.json", reason: "no such file")) {
      try KeyFile.read(path: folder + "/none.json")
    }
  }

  @Test func derivedKeysDifferPerAccountAndAreStable() throws {
    let master = try key()
    let a = master.derived(account: "alice")
    #expect(a == master.derived(account: "alice"))
    #expect(a.commitment != master.derived(account: "bob").commitment)
    #expect(a.commitment != master.commitment)
    #expect(a.scheme == master.scheme)
  }

  @Test func descriptionNeverShowsTheSecret() throws {
    let key = try key()
    let secretHex = Hex.encode(key.secret)
    #expect(!"\(key)".contains(secretHex))
    var dumped = ""
    dump(key, to: &dumped)
    #expect(!dumped.contains(secretHex))
    #expect(!dumped.contains("\(key.secret)"))
  }
}
