import Hallmark
import HallmarkRadioactivity
import HallmarkStudents
import Testing

/// Under the null (a student that never saw our watermarked text) the closed-model test is
/// calibrated, with and without the filter (Spec/radioactivity.md#validity).
@Suite struct CalibrationTests {
  /// The 0 % student: trained on plain teacher text only.
  static let plain = try! Distillation(
    key: Keys.key(Keys.kgw1, vocabulary: Distillation.vocabulary, seed: 1), share: 0)

  /// Over 1,000 random keys, the fraction of p-values below α is consistent with α
  /// (Clopper–Pearson 95 %), for each scheme.
  @Test(arguments: [Keys.kgw1, Keys.kgw2, Keys.gumbel2])
  func unfilteredTestOverRandomKeys(scheme: SchemeParameters) {
    let key = Keys.key(scheme, vocabulary: Distillation.vocabulary, seed: 2)
    for alpha in [0.01, 0.05] {
      let result = RadioactivityTest(key: key, controlCount: 1000, controlSeed: 5, alpha: alpha)
        .closedModel(documents: Self.plain.outputs)
      let controls = result.unfiltered.controls
      #expect(result.unfiltered.tuples > 5000)
      #expect(controls.keys == 1000)
      #expect(
        controls.consistentWithAlpha,
        "\(scheme.name) h=\(scheme.contextWidth) α=\(alpha): \(controls.belowAlpha)/1000 below α")
      #expect(abs(controls.medianLog10P - -0.30) < 0.1, "median log10 p \(controls.medianLog10P)")
    }
  }

  /// The filtered test under keys that also watermarked the reference: for each of 200 keys,
  /// a reference corpus is generated with that key and the 0 % student's outputs are tested
  /// with it. A small reference (few windows) is the hardest case for the filter.
  @Test(arguments: [(Keys.kgw1, 8), (Keys.kgw1, 60), (Keys.kgw2, 20), (Keys.gumbel2, 20)])
  func filteredTestUnderReferenceKeys(scheme: SchemeParameters, referenceDocuments: Int) throws {
    var below = (p01: 0, p05: 0, p20: 0)
    let trials = 200
    var kept = 0
    for seed in 0..<UInt64(trials) {
      let key = Keys.key(scheme, vocabulary: Distillation.vocabulary, seed: 1000 + seed)
      let reference = Distillation.teacher.corpus(
        documents: referenceDocuments, promptLength: 3, length: 50, key: key, seed: 77 + seed)
      let result = RadioactivityTest(key: key, controlCount: 0).closedModel(
        documents: Self.plain.outputs, reference: reference.map { $0.prompt + $0.completion })
      let filtered = try #require(result.filtered)
      kept += filtered.tuples
      let p = filtered.score.pValue.value
      if p < 0.01 { below.p01 += 1 }
      if p < 0.05 { below.p05 += 1 }
      if p < 0.2 { below.p20 += 1 }
    }
    #expect(kept / trials > 200, "too few filtered tuples to test: \(kept / trials)")
    for (count, alpha) in [(below.p01, 0.01), (below.p05, 0.05), (below.p20, 0.2)] {
      let ci = Statistics.clopperPearson(successes: count, trials: trials)
      #expect(
        ci.contains(alpha),
        "\(scheme.name) h=\(scheme.contextWidth), \(referenceDocuments) reference documents: \(count)/\(trials) below \(alpha)"
      )
    }
  }

  /// Control keys are reproducible from their seed, distinct, and keep the tested key's scheme.
  @Test func controlKeysAreDeterministic() {
    let key = Keys.key(Keys.kgw2, vocabulary: 1000, seed: 1)
    let a = ControlKeys.make(count: 50, like: key, seed: 3)
    let b = ControlKeys.make(count: 50, like: key, seed: 3)
    let c = ControlKeys.make(count: 50, like: key, seed: 4)
    #expect(a.map(\.id) == b.map(\.id))
    #expect(Set(a.map(\.id)).count == 50)
    #expect(Set(a.map(\.id)).isDisjoint(with: c.map(\.id)))
    #expect(!a.contains { $0.id == key.id })
    #expect(a.allSatisfy { $0.scheme == key.scheme && $0.vocabularySize == 1000 })
  }
}
