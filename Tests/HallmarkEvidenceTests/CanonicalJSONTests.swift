import Foundation
import Testing

@testable import HallmarkEvidence

/// RFC 8785 test data: the input/output pairs published with the JCS reference
/// implementations (testdata/input and testdata/output) and the number table of Appendix B.
@Suite struct CanonicalJSONTests {
  static let rfcPairs: [(input: String, output: String)] = [
    (
      #"[ 56, { "d": true, "10": null, "1": [ ] } ]"#,
      #"[56,{"1":[],"10":null,"d":true}]"#
    ),
    (
      #"{ "peach": "This sorting order", "péché": "is wrong according to French", "pêche": "but canonicalization MUST", "sin": "ingnore locale" }"#,
      #"{"peach":"This sorting order","péché":"is wrong according to French","pêche":"but canonicalization MUST","sin":"ingnore locale"}"#
    ),
    (
      #"{ "1": {"f": {"f": "hi","F": 5} ,"\n": 56.0}, "10": { }, "": "empty", "a": { }, "111": [ { } ], "A": { } }"#,
      #"{"":"empty","1":{"\n":56,"f":{"F":5,"f":"hi"}},"10":{},"111":[{}],"A":{},"a":{}}"#
    ),
    (
      #"{ "Unnormalized Unicode":"\u1e0d\u0307" }"#,
      "{\"Unnormalized Unicode\":\"\u{1e0d}\u{0307}\"}"
    ),
    (
      #"{ "numbers": [1E30, 4.50, 333333333.33333329, 2e-3, 0.000000000000000000000000001], "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/", "literals": [null, true, false] }"#,
      #"{"literals":[null,true,false],"numbers":[1e+30,4.5,333333333.3333333,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}"#
    ),
    (
      #"{ "\u20ac": "Euro Sign", "1": "One", "\u0080": "Control\u007f", "\ud83d\ude02": "Smiley", "\u00f6": "Latin Small Letter O With Diaeresis", "\ufb33": "Hebrew Letter Dalet With Dagesh", "</script>": "Browser Challenge" }"#,
      "{\"1\":\"One\",\"</script>\":\"Browser Challenge\",\"\u{80}\":\"Control\u{7f}\",\"ö\":\"Latin Small Letter O With Diaeresis\",\"€\":\"Euro Sign\",\"😂\":\"Smiley\",\"\u{fb33}\":\"Hebrew Letter Dalet With Dagesh\"}"
    ),
  ]

  @Test(arguments: 0..<rfcPairs.count)
  func rfcInputOutputPairs(index: Int) throws {
    let (input, output) = Self.rfcPairs[index]
    let value = try JSONValue(parsing: input)
    #expect(try value.canonicalString() == output)
  }

  /// RFC 8785 section 3.2.3's example serialized as UTF-8 bytes, hex as published.
  @Test func rfcSection3ExampleBytes() throws {
    let value = try JSONValue(parsing: Self.rfcPairs[4].input)
    let hex = try value.canonicalBytes().map { String(format: "%02x", $0) }.joined()
    #expect(
      hex
        == "7b226c69746572616c73223a5b6e756c6c2c747275652c66616c73655d2c226e756d62657273223a"
        + "5b31652b33302c342e352c3333333333333333332e333333333333332c302e3030322c31652d3237"
        + "5d2c22737472696e67223a22e282ac245c75303030665c6e4127425c225c5c5c5c5c222f227d")
  }

  /// RFC 8785 Appendix B: IEEE-754 bit patterns and their required text.
  static let appendixB: [(UInt64, String)] = [
    (0x0000_0000_0000_0000, "0"),
    (0x8000_0000_0000_0000, "0"),
    (0x0000_0000_0000_0001, "5e-324"),
    (0x8000_0000_0000_0001, "-5e-324"),
    (0x7FEF_FFFF_FFFF_FFFF, "1.7976931348623157e+308"),
    (0xFFEF_FFFF_FFFF_FFFF, "-1.7976931348623157e+308"),
    (0x4340_0000_0000_0000, "9007199254740992"),
    (0xC340_0000_0000_0000, "-9007199254740992"),
    (0x4430_0000_0000_0000, "295147905179352830000"),
    (0x44B5_2D02_C7E1_4AF5, "9.999999999999997e+22"),
    (0x44B5_2D02_C7E1_4AF6, "1e+23"),
    (0x44B5_2D02_C7E1_4AF7, "1.0000000000000001e+23"),
    (0x444B_1AE4_D6E2_EF4E, "999999999999999700000"),
    (0x444B_1AE4_D6E2_EF4F, "999999999999999900000"),
    (0x444B_1AE4_D6E2_EF50, "1e+21"),
    (0x3EB0_C6F7_A0B5_ED8C, "9.999999999999997e-7"),
    (0x3EB0_C6F7_A0B5_ED8D, "0.000001"),
    (0x41B3_DE43_5555_5553, "333333333.3333332"),
    (0x41B3_DE43_5555_5554, "333333333.33333325"),
    (0x41B3_DE43_5555_5555, "333333333.3333333"),
    (0x41B3_DE43_5555_5556, "333333333.3333334"),
    (0x41B3_DE43_5555_5557, "333333333.33333343"),
    (0xBECB_F647_612F_3696, "-0.0000033333333333333333"),
    (0x4314_3FF3_C1CB_0959, "1424953923781206.2"),
  ]

  @Test func appendixBNumbers() {
    for (bits, expected) in Self.appendixB {
      #expect(ECMAScriptNumber.string(Double(bitPattern: bits)) == expected, "bits \(bits)")
    }
  }

  @Test func nonFiniteNumbersAreRefused() {
    #expect(ECMAScriptNumber.string(.nan) == nil)
    #expect(ECMAScriptNumber.string(.infinity) == nil)
    #expect(ECMAScriptNumber.string(-.infinity) == nil)
    let value: JSONValue = ["a": [1, .number(.nan)]]
    #expect(throws: JSONCanonicalError.nonFiniteNumber(path: "$.a[1]")) {
      try value.canonicalBytes()
    }
  }

  /// 12,000 doubles (random bit patterns, layout-rule boundaries, integers past 2^53,
  /// powers of ten and their neighbours) serialized by the PyPI `rfc8785` package
  /// (scripts/make-jcs-fixtures.py).
  @Test func numbersMatchPythonReference() throws {
    var checked = 0
    var mismatches: [String] = []
    for line in try FixtureFiles.text("jcs-numbers.txt").split(separator: "\n") {
      let parts = line.split(separator: ",", maxSplits: 1)
      let bits = try #require(UInt64(parts[0], radix: 16))
      let got = ECMAScriptNumber.string(Double(bitPattern: bits))
      if got != String(parts[1]) {
        mismatches.append("\(parts[0]): \(got ?? "nil") != \(parts[1])")
      }
      checked += 1
    }
    #expect(checked > 12_000)
    #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
  }

  /// 400 random documents (control characters, surrogate pairs, astral keys, nested
  /// structures) written non-canonically by Python's json module, and their canonical form
  /// from the `rfc8785` package.
  @Test func documentsMatchPythonReference() throws {
    var checked = 0
    for line in try FixtureFiles.text("jcs-documents.jsonl").split(separator: "\n") {
      let record = try JSONValue(parsing: String(line))
      let input = try #require(record["input"]?.stringValue)
      let canonical = try #require(record["canonical"]?.stringValue)
      let value = try JSONValue(parsing: input)
      #expect(try value.canonicalString() == canonical)
      // Canonical text reads back to the same value and is a fixed point.
      #expect(try JSONValue(parsing: canonical) == value)
      checked += 1
    }
    #expect(checked == 400)
  }

  @Test func keysSortByUTF16CodeUnitsNotScalars() throws {
    // U+FB33 is below U+1F602 as a scalar but above its surrogates (D83D DE02) in UTF-16.
    let value: JSONValue = ["\u{1F602}": 1, "\u{FB33}": 2]
    #expect(try value.canonicalString() == "{\"\u{1F602}\":1,\"\u{FB33}\":2}")
  }

  @Test func stringEscapes() throws {
    let value = JSONValue.string("\u{0}\u{8}\t\n\u{B}\u{C}\r\u{1F}\"\\/\u{7F}\u{2028}")
    #expect(
      try value.canonicalString() == #""\u0000\b\t\n\u000b\f\r\u001f\"\\/"# + "\u{7F}\u{2028}\"")
  }
}
