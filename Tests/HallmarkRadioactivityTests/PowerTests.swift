import Hallmark
import HallmarkRadioactivity
import HallmarkStudents
import Testing

/// Students of a watermarked teacher are detected by the closed-model and reading-mode tests,
/// and only under the teacher's key.
@Suite struct PowerTests {
  /// (scheme, watermarked share, bound on log10 p without and with the filter; 0: none). With
  /// h = 2 an order-3 student learns the bias only in contexts it saw, and most of its tuples
  /// have windows it never saw in our text: the filter is what finds the signal (at a 10 %
  /// share only the filtered test detects the Gumbel student).
  @Test(arguments: [
    (Keys.kgw1, 1.0, -6.0, -6.0), (Keys.kgw2, 1.0, -2.0, -10.0), (Keys.gumbel2, 1.0, -6.0, -6.0),
    (Keys.gumbel2, 0.1, 0.0, -6.0),
  ])
  func closedModelDetectsTheStudent(
    scheme: SchemeParameters, share: Double, unfilteredBound: Double, filteredBound: Double
  ) throws {
    let key = Keys.key(scheme, vocabulary: Distillation.vocabulary, seed: 21)
    let d = try Distillation(key: key, share: share)
    let result = RadioactivityTest(key: key, controlCount: 100).closedModel(
      documents: d.outputs, reference: d.reference)
    let filtered = try #require(result.filtered)
    #expect(
      result.unfiltered.log10P <= unfilteredBound, "unfiltered log10 p \(result.unfiltered.log10P)")
    #expect(filtered.log10P < filteredBound, "filtered log10 p \(filtered.log10P)")
    #expect(filtered.tuples <= result.unfiltered.tuples)
    #expect(filtered.tuples + filtered.filtered + filtered.duplicates >= result.unfiltered.tuples)
    if scheme.contextWidth == 2 {
      // The filter keeps fewer tuples at a higher watermark rate.
      #expect(filtered.filtered > 0 && filtered.tuples < result.unfiltered.tuples)
      #expect(filtered.log10P < result.unfiltered.log10P)
    }
    for (r, bound) in [(result.unfiltered, unfilteredBound), (filtered, filteredBound)] {
      #expect(r.controls.belowAlpha <= 5, "controls below α: \(r.controls.belowAlpha)/100")
      if bound <= -6 { #expect(r.controls.atLeastAsSignificant == 0) }
      #expect(r.positions == r.tuples + r.duplicates + r.excluded + r.filtered)
    }
  }

  @Test func readingModeDetectsTheStudentNotAPlainOne() throws {
    let key = Keys.key(Keys.kgw1, vocabulary: Distillation.vocabulary, seed: 22)
    let marked = try Distillation(key: key, share: 0.1)
    let plain = try Distillation(key: key, share: 0)
    let text = marked.watermarked.prefix(30).map { (prompt: $0.prompt, completion: $0.completion) }
    let test = RadioactivityTest(key: key, controlCount: 100)
    let hot = try test.openWeights(
      sequences: text, predictor: StudentPredictor(model: marked.student, threads: 2))
    let cold = try test.openWeights(
      sequences: text, predictor: StudentPredictor(model: plain.student, threads: 2))
    #expect(hot.reading.log10P < -6, "10 % student: log10 p \(hot.reading.log10P)")
    #expect(cold.reading.log10P > -3, "0 % student: log10 p \(cold.reading.log10P)")
    #expect(hot.reading.positions == 30 * 100)
    #expect(cold.reading.controls.belowAlpha <= 5)
  }

  /// The student predictor's output does not depend on the thread count.
  @Test func studentPredictionsIndependentOfThreads() throws {
    let key = Keys.key(Keys.kgw1, vocabulary: Distillation.vocabulary, seed: 23)
    let d = try Distillation(key: key, share: 0.5, documents: 60)
    let text = d.watermarked.prefix(9).map { (prompt: $0.prompt, completion: $0.completion) }
    let one = try StudentPredictor(model: d.student, threads: 1).predictions(for: text)
    let three = try StudentPredictor(model: d.student, threads: 3).predictions(for: text)
    #expect(one == three)
    // Top-1 is the argmax of the student's own probabilities.
    let s = text[0]
    let context = Array((s.prompt + s.completion)[1..<s.prompt.count])
    let p = d.student.probabilities(context: context)
    #expect(Int(one[0][0]) == p.indices.max { p[$0] < p[$1] || (p[$0] == p[$1] && $0 > $1) })
  }
}
