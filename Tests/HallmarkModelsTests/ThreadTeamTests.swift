import Dispatch
import Testing

@testable import HallmarkModels

/// The worker pool behind the engine's parallel regions: every chunk runs exactly once, from
/// the first region on (even before the workers have started), from several calling threads
/// at once, and pools come and go cleanly.
@Suite struct ThreadTeamTests {
  final class Counts: @unchecked Sendable {
    var values: [Int]
    init(_ n: Int) { values = [Int](repeating: 0, count: n) }
  }

  @Test func everyChunkRunsOnceFromTheFirstRegion() {
    for _ in 0..<50 {
      let team = ThreadTeam(threads: 2)
      let counts = Counts(1000)
      let pointer = SendablePointer(
        counts.values.withUnsafeMutableBufferPointer { $0.baseAddress! })
      for _ in 0..<20 {
        team.chunks(1000) { range in
          for i in range { pointer.pointer[i] += 1 }
        }
      }
      #expect(counts.values.allSatisfy { $0 == 20 })
    }
  }

  @Test func callersOnSeveralThreadsTakeTurns() {
    let team = ThreadTeam(threads: 2)
    let totals = Counts(8)
    let out = SendablePointer(totals.values.withUnsafeMutableBufferPointer { $0.baseAddress! })
    DispatchQueue.concurrentPerform(iterations: 8) { caller in
      let local = Counts(64)
      let p = SendablePointer(local.values.withUnsafeMutableBufferPointer { $0.baseAddress! })
      for _ in 0..<200 {
        team.chunks(64) { range in
          for i in range { p.pointer[i] += 1 }
        }
      }
      out.pointer[caller] = local.values.reduce(0, +)
    }
    #expect(totals.values == [Int](repeating: 64 * 200, count: 8))
  }
}
