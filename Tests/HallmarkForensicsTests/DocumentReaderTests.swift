import Foundation
import Testing

@testable import HallmarkForensics

@Suite struct DocumentReaderTests {
  func documents(_ items: [DocumentItem]) -> [InputDocument] {
    items.compactMap { if case .document(let d) = $0 { d } else { nil } }
  }

  func problems(_ items: [DocumentItem]) -> [InputProblem] {
    items.compactMap { if case .problem(let p) = $0 { p } else { nil } }
  }

  @Test func foldersAreRecursiveSortedAndSkipHiddenEntries() throws {
    let dir = Fixtures.temporaryFolder()
    "b".write(to: dir, "b.txt")
    "a".write(to: dir, "a.txt")
    "nested".write(to: dir, "sub/z.txt")
    "hidden".write(to: dir, ".hidden.txt")
    "hidden".write(to: dir, ".git/config")
    "c".write(to: dir, "c.txt")
    let (files, problems) = InputFiles.expand([dir.path, dir.appendingPathComponent("nope").path])
    #expect(
      files.map { URL(fileURLWithPath: $0.path).lastPathComponent } == [
        "a.txt", "b.txt", "c.txt", "z.txt",
      ])
    #expect(problems.count == 1 && problems[0].reason.contains("no such file"))
    var reader = DocumentReader()
    let docs = documents(reader.readAll(files))
    #expect(docs.map(\.text) == ["a", "b", "c", "nested"])
    #expect(docs.map(\.ordinal) == [1, 2, 3, 4])
  }

  @Test func jsonlRecordsWithNestedFieldsIdsAndProblems() throws {
    let dir = Fixtures.temporaryFolder()
    var bytes = Data(
      """
      {"out": {"text": "first"}, "meta": {"id": 7}}

      {"out": {"text": "second"}, "meta": {"id": "x-2"}}
      not json
      {"out": {"txt": "missing"}, "meta": {"id": 3}}
      {"out": {"text": 5}, "meta": {"id": 4}}
      [1, 2]

      """.utf8)
    bytes += Data([0x7B, 0x22, 0x6F, 0x75, 0x74, 0x22, 0x3A, 0xFF, 0x7D, 0x0A])  // {"out":\xFF}
    bytes += Data(#"{"out": {"text": "last"}, "meta": {}}"#.utf8)
    let path = bytes.write(to: dir, "records.jsonl")
    var reader = DocumentReader(
      field: JSONFieldPath("out.text")!, idField: JSONFieldPath("meta.id"))
    let items = reader.readAll([InputFile(path: path)])
    let docs = documents(items)
    #expect(docs.map(\.text) == ["first", "second"])
    #expect(docs.map(\.origin.id) == ["7", "x-2"])
    #expect(docs.map(\.origin.line) == [1, 3])
    #expect(docs[1].origin.description == "\(path):3")
    let bad = problems(items)
    #expect(bad.map(\.line) == [4, 5, 6, 7, 8, 9])
    #expect(bad[0].reason == "not valid JSON")
    #expect(bad[1].reason == "no field \"out.text\"")
    #expect(bad[2].reason.contains("is a number, not a string"))
    #expect(bad[3].reason.contains("not a JSON object"))
    #expect(bad[4].reason == "invalid UTF-8")
    // The 0xFF byte: offset of line 8 plus 7.
    let line8 = bytes.firstRange(of: Data([0x7B, 0x22, 0x6F, 0x75, 0x74, 0x22, 0x3A, 0xFF]))!
    #expect(bad[4].byteOffset == line8.lowerBound + 7)
    #expect(bad[5].reason == "no field \"meta.id\"")
    #expect(bad[4].description.hasPrefix("\(path):8: byte offset \(line8.lowerBound + 7): "))
    // Ordinals count skipped records too, so numbers are stable.
    #expect(docs.map(\.ordinal) == [1, 2])
    #expect(reader.ordinal == 8)
  }

  @Test func invalidUTF8InTextNamesLineAndOffsetUnlessReplaced() throws {
    let dir = Fixtures.temporaryFolder()
    let path = Data([0x61, 0x0A, 0x62, 0x0A, 0x63, 0xC3, 0x28]).write(to: dir, "bad.txt")
    var reader = DocumentReader()
    let items = reader.readAll([InputFile(path: path)])
    let bad = problems(items)
    #expect(bad == [InputProblem(file: path, line: 3, byteOffset: 5, reason: "invalid UTF-8")])
    var replacing = DocumentReader(replaceInvalidUTF8: true)
    #expect(
      documents(replacing.readAll([InputFile(path: path)])).map(\.text) == ["a\nb\nc\u{FFFD}("])
  }

  @Test func unreadableFilesAreProblems() throws {
    let dir = Fixtures.temporaryFolder()
    let path = "secret".write(to: dir, "locked.txt")
    try FileManager.default.setAttributes([.posixPermissions: 0], ofItemAtPath: path)
    defer { try? FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: path) }
    var reader = DocumentReader()
    let items = reader.readAll([InputFile(path: path)])
    // Root can read anything; otherwise the file is reported.
    if getuid() != 0 {
      #expect(problems(items).first?.reason.contains("cannot read file") == true)
    } else {
      #expect(documents(items).map(\.text) == ["secret"])
    }
    let missing = reader.readAll([InputFile(path: dir.appendingPathComponent("gone").path)])
    #expect(problems(missing).first?.reason == "cannot read file (no such file)")
  }

  @Test func fieldPaths() throws {
    let record: Any = try JSONSerialization.jsonObject(
      with: Data(#"{"a": {"b": [{"c": "x"}, {"c": 2.5}]}, "t": true, "n": null}"#.utf8))
    #expect(try JSONFieldPath("a.b.0.c")!.string(in: record) == "x")
    #expect(try JSONFieldPath("a.b.1.c")!.string(in: record, allowNumbers: true) == "2.5")
    #expect(throws: JSONFieldPath.Failure.wrongType(path: "t", found: "a boolean")) {
      try JSONFieldPath("t")!.string(in: record, allowNumbers: true)
    }
    #expect(throws: JSONFieldPath.Failure.missing(path: "n")) {
      try JSONFieldPath("n")!.string(in: record)
    }
    #expect(throws: JSONFieldPath.Failure.missing(path: "a.b.2.c")) {
      try JSONFieldPath("a.b.2.c")!.string(in: record)
    }
    #expect(JSONFieldPath("a..b") == nil && JSONFieldPath("") == nil)
  }

  @Test func formatFollowsTheExtension() {
    #expect(InputFormat.auto.resolved(for: "x/y.JSONL") == .jsonl)
    #expect(InputFormat.auto.resolved(for: "x/y.ndjson") == .jsonl)
    #expect(InputFormat.auto.resolved(for: "x/y.json") == .text)
    #expect(InputFormat.jsonl.resolved(for: "x/y.txt") == .jsonl)
  }
}
