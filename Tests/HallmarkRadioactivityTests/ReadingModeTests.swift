import Hallmark
import HallmarkRadioactivity
import HallmarkStudents
import Testing

/// Reading mode leaves out predictions that copy a tuple from the text already read: a model
/// that copies from its context is not radioactive, however watermarked the text it reads.
@Suite struct ReadingModeTests {
  /// Predicts, at each position, the token that followed the same window earlier in the
  /// document (an "induction head"), else token 0.
  struct Copier: TopOnePredictor {
    let h: Int
    func predictions(for sequences: [ReadingMode.Sequence]) throws -> [[Int32]] {
      sequences.map { s in
        let text = s.prompt + s.completion
        return (0..<s.completion.count).map { j in
          let position = s.prompt.count + j
          guard position >= h else { return 0 }
          let window = text[(position - h)..<position]
          for start in stride(from: position - h - 1, through: 0, by: -1)
          where text[start..<(start + h)].elementsEqual(window) {
            return text[start + h]
          }
          return 0
        }
      }
    }
  }

  @Test(arguments: [Keys.kgw1, Keys.gumbel2])
  func copiedTuplesAreExcluded(scheme: SchemeParameters) throws {
    let key = Keys.key(scheme, vocabulary: 50, seed: 31)
    // Small vocabulary: windows repeat often inside a document.
    let teacher = MarkovTeacher(vocabulary: 50, sharpness: 0.9, seed: 4)
    let text = teacher.corpus(documents: 40, promptLength: 2, length: 150, key: key, seed: 8)
      .map { (prompt: $0.prompt, completion: $0.completion) }
    let copier = Copier(h: scheme.contextWidth)
    let result = try RadioactivityTest(key: key, controlCount: 0).openWeights(
      sequences: text, predictor: copier)
    #expect(result.reading.excluded > 1000, "copies \(result.reading.excluded)")
    #expect(result.reading.log10P > -3, "log10 p \(result.reading.log10P)")
    // Kept, the copied tuples would look radioactive.
    let predictions = try copier.predictions(for: text)
    var all = TupleBatch(contextWidth: scheme.contextWidth)
    for (s, p) in zip(text, predictions) {
      let full = s.prompt + s.completion
      for j in 0..<p.count where s.prompt.count + j >= scheme.contextWidth {
        let position = s.prompt.count + j
        all.add(
          Array(full[(position - scheme.contextWidth)..<position]) + [p[j]],
          promptLength: scheme.contextWidth)
      }
    }
    #expect(Detector(key: key).score(batch: all).pValue.log10 < -6)
  }

  @Test func tuplesPairOurWindowWithThePrediction() {
    let text = [(prompt: [Int32(1), 2], completion: [Int32(3), 4, 5])]
    let read = ReadingMode.tuples(sequences: text, predictions: [[7, 3, 9]], contextWidth: 2)
    // Position 2 (token 3): window (1, 2), prediction 7; position 3: window (2, 3), predicted 3;
    // position 4: window (3, 4), predicted 9.
    #expect(read.positions == 3)
    #expect(read.copies == 0)
    #expect(read.batch.tuples.flat == [1, 2, 7, 2, 3, 3, 3, 4, 9])
    // Predicting the tuple that already occurred (1, 2, 3) at position 4 is a copy.
    let copy = ReadingMode.tuples(
      sequences: [(prompt: [1, 2, 3, 1, 2], completion: [3, 1])], predictions: [[3, 5]],
      contextWidth: 2)
    #expect(copy.copies == 1)
    #expect(copy.batch.tuples.flat == [2, 3, 5])
  }
}
