import Foundation
import Testing

@testable import HallmarkEvidence

@Suite struct BundleWriterTests {
  func entries(_ dir: TemporaryDirectory) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted()
  }

  @Test func bundleAppearsOnlyOnCommit() throws {
    let dir = try TemporaryDirectory()
    let writer = try BundleWriter(destination: dir.file("bundle"))
    try writer.write(text: "{}", as: "report.json")
    try writer.write([1, 2, 3], as: "report.sig")
    #expect(!FileManager.default.fileExists(atPath: dir.file("bundle")))
    #expect(try entries(dir).count == 1)
    #expect(try entries(dir)[0].hasPrefix(".bundle.incomplete-"))
    try writer.commit()
    #expect(try entries(dir) == ["bundle"])
    #expect(try FileIO.read(path: dir.file("bundle/report.sig")) == [1, 2, 3])
    #expect(throws: EvidenceError.self) { try writer.write([1], as: "late.txt") }
  }

  @Test func abandonedOrDroppedWriterLeavesNothing() throws {
    let dir = try TemporaryDirectory()
    do {
      let writer = try BundleWriter(destination: dir.file("a"))
      try writer.write([1], as: "report.json")
      writer.abandon()
    }
    do {
      let writer = try BundleWriter(destination: dir.file("b"))
      try writer.write([1], as: "report.json")
      // Dropped without commit, as when an error unwinds.
    }
    #expect(try entries(dir).isEmpty)
  }

  @Test func refusesExistingDestinationUnlessReplacing() throws {
    let dir = try TemporaryDirectory()
    try FileManager.default.createDirectory(
      atPath: dir.file("bundle"), withIntermediateDirectories: false)
    try dir.write("bundle/old.txt", [9])
    #expect {
      try BundleWriter(destination: dir.file("bundle"))
    } throws: { error in
      "\(error)".contains("already exists")
    }
    let writer = try BundleWriter(destination: dir.file("bundle"), replaceExisting: true)
    try writer.write([7], as: "report.json")
    try writer.commit()
    #expect(try entries(dir) == ["bundle"])
    #expect(
      try FileManager.default.contentsOfDirectory(atPath: dir.file("bundle")) == ["report.json"])
  }

  @Test func refusesBadNamesAndMissingParent() throws {
    let dir = try TemporaryDirectory()
    let writer = try BundleWriter(destination: dir.file("bundle"))
    for name in ["", ".hidden", "a/b", "../x", "x y", "é"] {
      #expect(throws: EvidenceError.self) { try writer.write([1], as: name) }
    }
    try writer.write([1], as: "ok.json")
    #expect(throws: EvidenceError.self) { try writer.write([1], as: "ok.json") }
    #expect {
      try BundleWriter(destination: dir.file("missing/bundle"))
    } throws: { error in
      "\(error)".contains("does not exist")
    }
  }

  @Test func sha256OfFilesMatchesStockCommand() throws {
    let dir = try TemporaryDirectory()
    var bytes = [UInt8](repeating: 0, count: 3 << 20 | 12345)
    for i in bytes.indices { bytes[i] = UInt8(truncatingIfNeeded: i &* 2_654_435_761 >> 13) }
    try dir.write("big.bin", bytes)
    let stock = try Command.run(["openssl", "dgst", "-sha256", "-r", dir.file("big.bin")])
    #expect(try SHA256.hex(fileAt: dir.file("big.bin")) == String(stock.output.prefix(64)))
    #expect(
      SHA256.hex(Array("abc".utf8))
        == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    let record = try InputFileRecord.describe(path: dir.file("big.bin"), role: "text")
    #expect(record.bytes == bytes.count)
    #expect {
      try InputFileRecord.describe(path: dir.file("absent.txt"), role: "text")
    } throws: { error in
      "\(error)".contains("absent.txt") && "\(error)".contains("No such file")
    }
  }
}
