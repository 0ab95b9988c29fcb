import Foundation
import Testing

@testable import Hallmark

@Suite struct PValueTests {
  @Test func valueAndLogsAgree() {
    #expect(PValue.one.value == 1)
    #expect(PValue.impossible.value == 0)
    #expect(abs(PValue(log10: -2).value - 0.01) <= 1e-17)
    #expect(PValue(log10: -400).value == 0)  // underflows; the log stays exact
    #expect(PValue(log10: -400).log10 == -400)
    #expect(PValue(log10: -310).value > 0)  // subnormal
    #expect(abs(PValue(naturalLog: -1).log10 + PortableMath.log10E) <= 1e-16)
    #expect(abs(PValue(0.05).naturalLog - PortableMath.log(0.05)) <= 1e-15)
  }

  @Test func logsAreClampedToZero() {
    #expect(PValue(log10: 1e-17) == .one)
    #expect(PValue(naturalLog: 0.5) == .one)
    #expect(PValue(log10: -0.0).log10.sign == .plus)
  }

  @Test func ordersByStrengthOfEvidence() {
    #expect(PValue(log10: -400) < PValue(log10: -300))
    #expect(PValue.impossible < PValue(log10: -1e300))
    #expect([PValue.one, PValue(0.01), .impossible].sorted() == [.impossible, PValue(0.01), .one])
  }

  @Test func describesBeyondTheDoubleRange() {
    #expect(PValue(log10: -399.5).description == "3.16e-400")
    #expect(PValue.one.description == "1.00e0")
    #expect(PValue.impossible.description == "0")
    #expect(PValue(0.05).description == "5.00e-2")
    #expect(PValue(log10: -1e-9).description == "1.00e0")  // rounds up to the next decade
    #expect(PValue(log10: -5000).description == "1.00e-5000")
  }

  @Test func encodesBothFieldsAndRoundTrips() throws {
    let encoder = JSONEncoder()
    encoder.outputFormatting = .sortedKeys
    let json = String(decoding: try encoder.encode(PValue(log10: -2)), as: UTF8.self)
    #expect(json == #"{"log10_p":-2,"p_value":0.01}"#)
    for p in [PValue.one, PValue(log10: -2.5), PValue(log10: -5000), .impossible] {
      let decoded = try JSONDecoder().decode(PValue.self, from: encoder.encode(p))
      #expect(decoded == p)
    }
  }

  @Test func impossibleIsWrittenAsAString() throws {
    let json = String(decoding: try JSONEncoder().encode(PValue.impossible), as: UTF8.self)
    #expect(json.contains("\"log10_p\":\"-Infinity\""))
    #expect(json.contains("\"p_value\":0"))
  }

  @Test func rejectsBadJSONWithTheFieldName() {
    for bad in [#"{"log10_p": 0.5}"#, #"{"log10_p": "minus a lot"}"#, #"{"p_value": 0.1}"#] {
      #expect(throws: DecodingError.self, "\(bad)") {
        _ = try JSONDecoder().decode(PValue.self, from: Data(bad.utf8))
      }
    }
  }
}
