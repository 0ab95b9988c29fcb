import GGUF
import Hallmark
import Testing

/// Property tests over mutated files: every truncation and byte flip either parses or throws a
/// `GGUFError`; nothing traps (a trap would kill the test process).
@Suite struct MutationTests {
  let original = SampleFiles.withTensors()

  /// Parses fully (tensor infos included) and touches every tensor's bytes.
  func parse(_ bytes: [UInt8]) -> Bool {
    do {
      let file = try GGUFFile(bytes: bytes, name: "mutant")
      var sum = 0
      for t in file.tensors { sum &+= file.data(for: t).reduce(0) { $0 &+ Int($1) } }
      _ = sum
      return true
    } catch {
      return false
    }
  }

  @Test func everyTruncationThrows() {
    var parsed = 0
    for length in 0..<original.count where parse(Array(original.prefix(length))) {
      parsed += 1
    }
    // Only cuts inside the final padding (after the last tensor's 34 bytes) can still parse.
    #expect(parsed <= 32)
    #expect(parse(original))
  }

  @Test func everySingleByteMutationParsesOrThrows() {
    var parsed = 0
    var threw = 0
    for i in 0..<original.count {
      for value: UInt8 in [0x00, 0x01, 0x7F, 0x80, 0xFF, original[i] ^ 0x10] {
        var mutant = original
        mutant[i] = value
        if parse(mutant) { parsed += 1 } else { threw += 1 }
      }
    }
    #expect(parsed > 0 && threw > 0)
  }

  @Test func randomMultiByteMutationsParseOrThrow() {
    var rng = SplitMix64(seed: 42)
    for _ in 0..<3000 {
      var mutant = original
      for _ in 0..<Int(rng.next() % 8 + 1) {
        let i = Int(rng.next() % UInt64(mutant.count))
        mutant[i] = UInt8(truncatingIfNeeded: rng.next())
      }
      if rng.next() % 4 == 0 {
        mutant.removeLast(Int(rng.next() % UInt64(mutant.count)))
      }
      _ = parse(mutant)
    }
  }
}
