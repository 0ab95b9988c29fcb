import Testing

@testable import HallmarkEvidence

@Suite struct JSONValueEncoderTests {
  struct Inner: Encodable {
    var pValue: Double
    var counts: [Int]
  }

  struct Report: Encodable {
    var tool: String
    var enabled: Bool
    var missing: String?
    var inner: Inner
    var free: JSONValue
    var level: Float
    var byName: [String: UInt8]
    enum Kind: String, Encodable { case ed25519 }
    var kind: Kind
  }

  @Test func encodesNestedStructures() throws {
    let report = Report(
      tool: "hallmark", enabled: true, missing: nil, inner: Inner(pValue: 1e-12, counts: [1, 2]),
      free: ["x": [1, "two"]], level: 0.1, byName: ["b": 2, "a": 1], kind: .ed25519)
    let json = try JSONValueEncoder().encode(report)
    #expect(
      try json.canonicalString()
        == #"{"byName":{"a":1,"b":2},"enabled":true,"free":{"x":[1,"two"]},"inner":{"counts":[1,2],"pValue":1e-12},"kind":"ed25519","level":0.10000000149011612,"tool":"hallmark"}"#
    )
  }

  @Test func refusesValuesJSONCannotHoldExactly() throws {
    #expect(throws: EncodingError.self) { try JSONValueEncoder().encode([Double.nan]) }
    #expect(throws: EncodingError.self) { try JSONValueEncoder().encode(["a": Double.infinity]) }
    #expect(throws: EncodingError.self) { try JSONValueEncoder().encode(Int64(1) << 60) }
    #expect(throws: EncodingError.self) { try JSONValueEncoder().encode(UInt64.max) }
    #expect(try JSONValueEncoder().encode(Int64(1) << 53) == .number(9_007_199_254_740_992))
  }

  @Test func encodesLargeArraysWithoutQuadraticCost() throws {
    let values = (0..<200_000).map { Double($0) }
    let json = try JSONValueEncoder().encode(values)
    #expect(json.arrayValue?.count == 200_000)
  }

  @Test func jsonValueRoundTripsThroughItsOwnCodable() throws {
    let value: JSONValue = ["a": [1, nil, true, "s", ["k": 2.5]]]
    #expect(try JSONValueEncoder().encode(value) == value)
    #expect(try JSONValueEncoder().encode([value]) == [value])
  }
}
