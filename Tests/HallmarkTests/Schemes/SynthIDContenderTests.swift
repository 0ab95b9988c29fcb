import Foundation
import Testing

@testable import Hallmark

/// SynthID's contender floor (Spec/schemes.md#synthid): the selection of the contenders, and
/// the embedder's draws against the layer-by-layer form played among the contenders only.
@Suite struct SynthIDContenderTests {
  /// `OrderedSum` of `values` with the contenders' places counting as 0.
  static func restSum(_ values: [Double], plays: [Bool]) -> Double {
    var lanes = [Double](repeating: 0, count: 4)
    let whole = values.count & ~3
    for (i, (x, p)) in zip(values, plays).enumerated() where !p {
      lanes[i < whole ? i & 3 : 0] += x
    }
    return (lanes[0] + lanes[1]) + (lanes[2] + lanes[3])
  }

  @Test(arguments: [1, 5, 8, 63, 64, 65, 100, 1000, 4099])
  func selectionGathersTheContendersInOrder(count n: Int) {
    var rng = SplitMix64(seed: UInt64(n))
    let threshold = SynthIDContenders.threshold(floor: 6)
    // Weights around the threshold, exactly on it, just below it, zero, and the top weight 1.
    let binary32: [Float] = (0..<n).map { i in
      switch i % 7 {
      case 0: return threshold
      case 1: return threshold.nextDown
      case 2: return 0
      case 3: return 1
      default: return Float(exp(-9 * rng.uniform()))
      }
    }
    let words = (0..<n).map { _ in UInt32(truncatingIfNeeded: rng.next()) }
    let plays = binary32.map { $0 >= threshold }
    let contenders = SynthIDContenders()
    binary32.withUnsafeBufferPointer { b in
      words.withUnsafeBufferPointer { w in
        contenders.mark(binary32: b.baseAddress!, count: n, threshold: threshold)
        contenders.gather(binary32: b.baseAddress!, count: n, words: w.baseAddress!)
      }
    }
    let expected = zip(binary32, plays).filter(\.1).map(\.0)
    #expect(contenders.count == expected.count)
    #expect(
      Array(UnsafeBufferPointer(start: contenders.binary32, count: contenders.count)) == expected)
    #expect(
      Array(UnsafeBufferPointer(start: contenders.words, count: contenders.count))
        == zip(words, plays).filter(\.1).map(\.0))
    let widened = binary32.map(Double.init)
    #expect(contenders.rest.bitPattern == Self.restSum(widened, plays: plays).bitPattern)
    #expect(
      contenders.playing.bitPattern == Self.restSum(widened, plays: plays.map(!)).bitPattern)

    // The candidate-list form agrees and records the positions.
    let other = SynthIDContenders()
    widened.withUnsafeBufferPointer { b in
      words.withUnsafeBufferPointer { w in
        other.select(weights: b.baseAddress!, count: n, threshold: threshold, words: w.baseAddress!)
      }
    }
    #expect(other.rest.bitPattern == contenders.rest.bitPattern)
    #expect(other.playing.bitPattern == contenders.playing.bitPattern)
    #expect(
      Array(UnsafeBufferPointer(start: other.positions, count: other.count))
        == plays.indices.filter { plays[$0] }.map(Int32.init))
  }

  /// Over a whole vocabulary the tournament among the gathered contenders and the one over every
  /// token with the others at 0 make the same sums: the same total and final weights, bit for
  /// bit (the embedder picks either by the share of contenders).
  @Test(arguments: [8, 12, 30])
  func gatheredAndZeroedContendersPlayTheSame(layers: Int) {
    for n in [100, 4099] {
      var rng = SplitMix64(seed: UInt64(n + layers))
      let binary32 = (0..<n).map { _ in Float(exp(-12 * rng.uniform())) }
      let words = (0..<n + 3).map { _ in UInt32(truncatingIfNeeded: rng.next()) }
      let threshold = SynthIDContenders.threshold(floor: 9)
      let contenders = SynthIDContenders()
      let gathered = SynthIDTournament(layers: layers)
      let zeroed = SynthIDTournament(layers: layers)
      var storage = [Double](repeating: 0, count: n)
      binary32.withUnsafeBufferPointer { b in
        words.withUnsafeBufferPointer { w in
          contenders.mark(binary32: b.baseAddress!, count: n, threshold: threshold)
          contenders.gather(binary32: b.baseAddress!, count: n, words: w.baseAddress!)
          let a = gathered.run(
            binary32: contenders.binary32, weights: contenders.weights, count: contenders.count,
            words: contenders.words, total: contenders.playing)
          let z = storage.withUnsafeMutableBufferPointer { s in
            zeroed.run(
              binary32: b.baseAddress!, weights: s.baseAddress!, count: n,
              words: w.baseAddress!, total: contenders.playing, threshold: threshold)
          }
          #expect(a.bitPattern == z.bitPattern, "m \(layers) n \(n)")
          for k in 0..<20 {
            let r = (Double(k) + 0.5) / 20
            let total = contenders.rest + a
            let one = gathered.draw(
              vocabularyBinary32: b.baseAddress!, weights: nil, count: n, words: w.baseAddress!,
              threshold: threshold, total: total, uniform: r)
            let other = storage.withUnsafeBufferPointer { s in
              zeroed.draw(
                vocabularyBinary32: b.baseAddress!, weights: s.baseAddress!, count: n,
                words: w.baseAddress!, threshold: threshold, total: total, uniform: r)
            }
            let recomputed = zeroed.draw(
              vocabularyBinary32: b.baseAddress!, weights: nil, count: n, words: w.baseAddress!,
              threshold: threshold, total: total, uniform: r)
            #expect(one == other && one == recomputed)
          }
        }
      }
    }
  }

  /// The embedder's token against the layer-by-layer tournament among the contenders, the
  /// others keeping their weights, drawn by sampling.md's inverse CDF (cases within 1e-9 of a
  /// boundary are skipped: the orders of the sums differ).
  @Test(arguments: [nil, 3, 12, 20] as [Int?])
  func embedderDrawsTheTournamentAmongTheContenders(floor: Int?) throws {
    var rng = SplitMix64(seed: 77 + UInt64(floor ?? 0))
    for (vocabulary, topK) in [(64, 0), (1001, 0), (5000, 0), (5000, 40), (1001, 600)] {
      let scheme = SynthIDParameters(contextWidth: 2, layers: 30, contenderFloor: floor)
      let key = TestKeys.key(.synthid(scheme), vocabulary: vocabulary, rng: &rng)
      let embedder = SynthIDEmbedder(key: key)
      let prf = KeyedPRF(keys: key.prfKeys)
      var checked = 0
      for _ in 0..<25 {
        let logits = (0..<vocabulary).map { _ in Float(-14 * rng.uniform() * rng.uniform()) }
        let context: [Int32] = [Int32(rng.next() % UInt64(vocabulary)), 3]
        let r = rng.uniform()
        // Candidates and binary32 weights as sampling.md makes them.
        var ids = Array(0..<vocabulary)
        if topK > 0 {
          ids = Array(ids.sorted { (logits[$0], $1) > (logits[$1], $0) }.prefix(topK)).sorted()
        }
        let top = ids.map { logits[$0] }.max()!
        let weights = ids.map { FastMath.expNonPositive(logits[$0] - top) }
        let seed = prf.seed(window: context)
        var all = [UInt32](repeating: 0, count: (vocabulary + 3) & ~3)
        all.withUnsafeMutableBufferPointer {
          prf.words(seed: seed, count: vocabulary, into: $0.baseAddress!)
        }
        let threshold = floor.map(SynthIDContenders.threshold(floor:)) ?? 0
        let plays = weights.map { $0 >= threshold }
        let played = SynthIDTournamentTests.reference(
          weights: zip(weights, plays).filter(\.1).map { Double($0.0) },
          words: zip(ids, plays).filter(\.1).map { all[$0.0] }, layers: 30)
        var final = weights.map(Double.init)
        var next = played.makeIterator()
        for i in final.indices where plays[i] { final[i] = next.next()! }
        let total = final.reduce(0, +)
        let (expected, margin) = SynthIDTournamentTests.inverseCDF(final, total: total, r: r)
        guard margin > 1e-9 else { continue }
        var scratch = logits
        let got = embedder.nextToken(
          logits: &scratch, context: context, settings: SamplingSettings(topK: topK), uniform: r)
        #expect(
          Int(got) == ids[expected], "n \(vocabulary) top-k \(topK) φ \(String(describing: floor))")
        checked += 1
      }
      #expect(checked >= 20)
    }
  }

  @Test func keysWithoutAFloorLetEveryCandidatePlay() throws {
    let old = #"{"name":"synthid","contextWidth":4,"layers":30}"#
    let decoded = try JSONDecoder().decode(SchemeParameters.self, from: Data(old.utf8))
    #expect(
      decoded == .synthid(SynthIDParameters(contextWidth: 4, layers: 30, contenderFloor: nil)))
    let encoded = try JSONEncoder().encode(decoded)
    #expect(!String(decoding: encoded, as: UTF8.self).contains("contenderFloor"))
    let new = SchemeParameters.synthid(SynthIDParameters())
    let roundTrip = try JSONDecoder().decode(
      SchemeParameters.self, from: try JSONEncoder().encode(new))
    #expect(roundTrip == new)
    #expect(SynthIDParameters().contenderFloor == 20)
    for bad in [0, 127, -3] {
      let scheme = SchemeParameters.synthid(SynthIDParameters(contenderFloor: bad))
      #expect(throws: KeyError.self) { try scheme.validate() }
      do { try scheme.validate() } catch { #expect("\(error)".contains("contenderFloor")) }
    }
  }
}
