import Foundation
import Testing

@testable import HallmarkText

/// Compares the category table built from Swift's Unicode data with llama.cpp's
/// `unicode-data.cpp` (fetched with the vocab suite).
@Suite struct UnicodeTableTests {
  /// llama.cpp flags → the effective class used by the scanners (N, L, P, M, S, other) and the
  /// white-space bit.
  static func llamaTable() throws -> [UInt8] {
    let src = try String(
      contentsOf: TestPaths.llamaVocab.appendingPathComponent("unicode-data.cpp"), encoding: .utf8)
    var table = [UInt8](repeating: CodepointFlags.other, count: 0x110000)
    var ranges: [(Int, Int)] = []
    var inRanges = false
    var whitespace: [Int] = []
    var inWS = false
    for line in src.split(separator: "\n") {
      if line.contains("unicode_ranges_flags = {") {
        inRanges = true
        continue
      }
      if line.contains("unicode_set_whitespace = {") {
        inWS = true
        continue
      }
      if line.hasPrefix("};") {
        inRanges = false
        inWS = false
        continue
      }
      if inRanges {
        let parts = line.trimmingCharacters(in: CharacterSet(charactersIn: "{},")).split(
          separator: ",")
        if parts.count == 2,
          let a = Int(parts[0].trimmingCharacters(in: .whitespaces).dropFirst(2), radix: 16),
          let f = Int(parts[1].trimmingCharacters(in: .whitespaces).dropFirst(2), radix: 16)
        {
          ranges.append((a, f))
        }
      }
      if inWS,
        let v = Int(
          line.trimmingCharacters(in: CharacterSet(charactersIn: ", ")).dropFirst(2), radix: 16)
      {
        whitespace.append(v)
      }
    }
    for (k, (start, f)) in ranges.enumerated() {
      let end = k + 1 < ranges.count ? ranges[k + 1].0 : 0x110000
      let c: UInt8
      switch f & 0xFF {
      case 0x02: c = CodepointFlags.number
      case 0x04: c = CodepointFlags.letter
      case 0x10: c = CodepointFlags.mark
      case 0x20: c = CodepointFlags.punctuation
      case 0x40: c = CodepointFlags.symbol
      default: c = CodepointFlags.other
      }
      for v in start..<min(end, 0x110000) { table[v] = c }
    }
    for v in whitespace { table[v] |= CodepointFlags.whitespace }
    return table
  }

  static func effective(_ f: UInt8) -> UInt8 {
    let c = f & 7
    return (c == CodepointFlags.separator ? CodepointFlags.other : c)
      | (f & CodepointFlags.whitespace)
  }

  @Test func swiftCategoriesMatchLlamaCpp() throws {
    let llama = try Self.llamaTable()
    var diffs: [UInt32] = []
    for v in 0..<0x110000 where Self.effective(CodepointFlags.table[v]) != llama[v] {
      diffs.append(UInt32(v))
    }
    #expect(
      diffs.isEmpty,
      "\(diffs.count) differences, e.g. \(diffs.prefix(20).map { String($0, radix: 16) })")
  }
}
