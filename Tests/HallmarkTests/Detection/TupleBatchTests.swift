import Testing

@testable import Hallmark

@Suite struct TupleBatchTests {
  @Test(arguments: Array(TestKeys.schemes.enumerated()))
  func batchScoreEqualsCorpusDedupScore(index: Int, scheme: SchemeParameters) throws {
    var rng = SplitMix64(seed: 900 + UInt64(index))
    let key = TestKeys.key(scheme, vocabulary: 300, rng: &rng)
    let detector = Detector(key: key)
    let phrase = (0..<30).map { _ in Int32.random(in: 0..<300, using: &rng) }
    var documents: [[Int32]] = []
    for _ in 0..<20 {
      var d = (0..<80).map { _ in Int32.random(in: 0..<300, using: &rng) }
      d += phrase  // repeated across documents
      documents.append(d)
    }
    var batch = TupleBatch(contextWidth: scheme.contextWidth)
    var accumulator = ScoreAccumulator(null: detector.null, scheme: scheme)
    var seen = TupleSet()
    for d in documents {
      batch.add(d, promptLength: 2)
      detector.accumulate(d, promptLength: 2, into: &accumulator, seen: &seen)
    }
    let viaBatch = detector.score(batch: batch)
    let viaSet = accumulator.result
    #expect(viaBatch == viaSet)
    #expect(viaBatch.duplicates > 0)
  }

  @Test func exclusionAndWindowFilter() {
    var batch = TupleBatch(contextWidth: 1)
    let prompts = TupleBatch.tupleSet(of: [[1, 2, 3]], contextWidth: 1)
    let reference = TupleBatch.windowSet(of: [[7, 8]], contextWidth: 1)
    batch.add([1, 2, 3, 7, 9], excluding: prompts)
    // (1,2) and (2,3) occur in the prompt; (3,7) and (7,9) remain.
    #expect(batch.count == 2 && batch.filtered == 2)
    var filtered = TupleBatch(contextWidth: 1)
    filtered.add([1, 2, 3, 7, 9, 8, 4], onlyWindowsIn: reference)
    // Only windows [7] and [8] were logged: tuples (7,9) and (8,4).
    #expect(filtered.count == 2)
    #expect(filtered.tuples.flat == [7, 9, 8, 4])
  }
}
