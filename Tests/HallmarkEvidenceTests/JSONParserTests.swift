import Testing

@testable import HallmarkEvidence

@Suite struct JSONParserTests {
  @Test(arguments: [
    ("", 0), ("{", 1), ("[1,]", 3), ("{\"a\":1,}", 7), ("01", 1), ("1.", 2), ("-", 1),
    ("1e", 2), ("\"abc", 4), ("\"\\x\"", 1), ("\"\\ud800\"", 1), ("\"\\udc00\"", 1),
    ("\"\\ud800\\u0041\"", 1), ("tru", 0), ("nul", 0), ("1 2", 2), ("{\"a\":1,\"a\":2}", 7),
    ("\"\u{1}\"", 1), ("1e400", 0), ("[1}", 2), ("{\"a\" 1}", 5), ("\u{FEFF}1", 0),
  ])
  func rejectsMalformedInputWithOffset(text: String, offset: Int) {
    #expect(throws: JSONParseError.self) { try JSONValue(parsing: text) }
    do {
      _ = try JSONValue(parsing: text)
    } catch let error as JSONParseError {
      #expect(error.offset == offset, "\(text): \(error)")
    } catch {
      Issue.record("unexpected error \(error)")
    }
  }

  @Test func rejectsInvalidUTF8() {
    for bytes: [UInt8] in [
      [0x22, 0xC0, 0x80, 0x22], [0x22, 0xED, 0xA0, 0x80, 0x22],
      [0x22, 0xF5, 0x80, 0x80, 0x80, 0x22],
      [0x22, 0xE2, 0x82, 0x22],
    ] {
      #expect(throws: JSONParseError.self) { try JSONValue(parsing: bytes) }
    }
  }

  @Test func limitsNesting() throws {
    let deep = String(repeating: "[", count: 100_000) + String(repeating: "]", count: 100_000)
    #expect(throws: JSONParseError.self) { try JSONValue(parsing: deep) }
    let ok = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
    _ = try JSONValue(parsing: ok)
  }

  @Test func readsAllValueKinds() throws {
    let value = try JSONValue(
      parsing: " {\"a\": [null, true, false, -0.5e2, \"x\\u00e9\\ud83d\\ude02\"], \"b\": {}} ")
    #expect(value == ["a": [nil, true, false, -50, "xé😂"], "b": [:]])
  }
}
