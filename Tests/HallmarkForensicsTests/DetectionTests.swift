import Foundation
import Hallmark
import HallmarkText
import Testing

@testable import HallmarkForensics

@Suite struct DetectionTests {
  static let tokenizer = Fixtures.small

  @Test func analysisEqualsTheDetectorsDocumentTest() throws {
    for scheme in [
      SchemeParameters.kgw(KGWParameters()), .gumbel(GumbelParameters(contextWidth: 2)),
      .synthid(SynthIDParameters(contextWidth: 2, layers: 8)),
      .unigram(greenFraction: 0.25, bias: 2),
    ] {
      let key = Fixtures.key(scheme, for: Self.tokenizer)
      let detector = Detector(key: key)
      let marked = Fixtures.tokens(key: key, tokenizer: Self.tokenizer, count: 120, seed: 1)
      // Repeats inside the document: the same passage twice.
      let document = marked + marked.prefix(40)
      for dedup in [true, false] {
        let analysis = try DocumentAnalysis.analyze(document, detector: detector, dedup: dedup)
        #expect(analysis.score == (try detector.score(document, dedup: dedup)), "\(scheme.name)")
        let counted = analysis.counted.filter { $0 }.count
        #expect(counted == analysis.score.scored)
      }
      let analysis = try DocumentAnalysis.analyze(document, detector: detector)
      #expect(analysis.score.duplicates >= 40 - scheme.contextWidth)
      #expect(analysis.score.pValue.log10 < -6, "\(scheme.name)")
    }
  }

  @Test func textRoundTripsThroughTheTokenizer() throws {
    let key = Fixtures.key(for: Self.tokenizer)
    let ids = Fixtures.tokens(key: key, tokenizer: Self.tokenizer, count: 200, seed: 3)
    let text = Self.tokenizer.decode(ids)
    #expect(TextTokenization(tokenizer: Self.tokenizer).tokens(text) == ids)
  }

  @Test func tokenizerCheckRefusesAnotherTokenizer() throws {
    let key = Fixtures.key(for: Self.tokenizer)
    try TokenizerCheck.verify(key: key, tokenizer: Self.tokenizer, name: "small")
    #expect(TokenizerCheck.normalized("SHA256:ABcd") == "abcd")
    let other = try WatermarkKey.generate(
      scheme: .kgw(KGWParameters()), vocabularySize: 4000,
      tokenizerFingerprint: String(repeating: "0", count: 64))
    #expect(throws: ForensicsError.self) {
      try TokenizerCheck.verify(key: other, tokenizer: Self.tokenizer, name: "small")
    }
    do {
      try TokenizerCheck.verify(key: other, tokenizer: Self.tokenizer, name: "small")
    } catch {
      #expect(error.description.contains("sha256:\(Self.tokenizer.fingerprint.hex)"))
      #expect(error.description.contains("sha256:" + String(repeating: "0", count: 64)))
    }
    let small = try WatermarkKey.generate(scheme: .kgw(KGWParameters()), vocabularySize: 100)
    #expect(
      throws: ForensicsError.vocabularyMismatch(
        keyID: small.id, keyVocabulary: 100, tokenizer: "small", found: 4000)
    ) {
      try TokenizerCheck.verify(key: small, tokenizer: Self.tokenizer, name: "small")
    }
  }

  @Test func windowGeometry() {
    let search = WindowSearch(minimumLength: 32)
    #expect(search.lengths(for: 0) == [])
    #expect(search.lengths(for: 20) == [20])
    #expect(search.lengths(for: 200) == [32, 64, 128, 200])
    #expect(search.starts(length: 32, of: 100) == [0, 8, 16, 24, 32, 40, 48, 56, 64, 68])
    #expect(search.starts(length: 100, of: 100) == [0])
    #expect(search.windowCount(for: 200) == 22 + 10 + 4 + 1)
    // The Bonferroni factor grows about linearly in n / minimumLength, not quadratically.
    #expect(search.windowCount(for: 10_000) < 8 * 10_000 / 32 + 20)
  }

  @Test func windowsFindAPastedPassage() throws {
    for scheme in [
      SchemeParameters.kgw(KGWParameters()), .gumbel(GumbelParameters(contextWidth: 2)),
    ] {
      let key = Fixtures.key(scheme, for: Self.tokenizer)
      let detector = Detector(key: key)
      let before = Fixtures.tokens(key: nil, tokenizer: Self.tokenizer, count: 600, seed: 10)
      let passage = Fixtures.tokens(
        key: key, tokenizer: Self.tokenizer, count: 120, seed: 11, context: before)
      let after = Fixtures.tokens(key: nil, tokenizer: Self.tokenizer, count: 600, seed: 12)
      let document = before + passage + after
      let analysis = try DocumentAnalysis.analyze(document, detector: detector)
      let window = try #require(WindowSearch().best(in: analysis, null: detector.null))
      #expect(window.corrected.log10 < -6, "\(scheme.name)")
      #expect(window.corrected.log10 < analysis.score.pValue.log10 - 2, "\(scheme.name)")
      // The window lies mostly inside the passage (600..<720).
      let overlap = max(0, min(window.end, 720) - max(window.start, 600))
      #expect(Double(overlap) >= 0.8 * Double(window.end - window.start), "\(window)")
      #expect(window.windowsTested == WindowSearch().windowCount(for: analysis.score.scored))
      #expect(
        window.corrected.log10
          == Statistics.bonferroni(window.pValue, count: window.windowsTested).log10)
      // The window's score is the document test of its tuples, except that a tuple already
      // counted earlier in the document is a duplicate inside the window (dedup is
      // document-wide), so the slice tested alone can count a few more.
      let inside = try DocumentAnalysis.analyze(
        Array(document[(window.start - scheme.contextWidth)..<window.end]), detector: detector)
      let extra = inside.score.scored - window.scored
      #expect(extra >= 0 && extra <= 8, "\(extra) tuples counted before the window")
      #expect(inside.score.score >= window.score)
      if extra == 0 { #expect(inside.score.score == window.score) }
    }
  }

  @Test func windowsAreCalibratedOnUnmarkedText() throws {
    // α = 0.05 on 300 unmarked documents: Bonferroni keeps the false-positive rate at or below α.
    let key = Fixtures.key(.gumbel(GumbelParameters(contextWidth: 2)), for: Self.tokenizer)
    let detector = Detector(key: key)
    var flagged = 0
    for seed in 0..<300 {
      let ids = Fixtures.tokens(
        key: nil, tokenizer: Self.tokenizer, count: 200, seed: 1000 + UInt64(seed))
      let analysis = try DocumentAnalysis.analyze(ids, detector: detector)
      let window = try #require(WindowSearch().best(in: analysis, null: detector.null))
      if window.corrected.log10 < log10(0.05) { flagged += 1 }
    }
    // Expected at most 15 (and far fewer, since overlapping windows are dependent).
    #expect(flagged <= 15, "\(flagged) of 300")
  }

  @Test func corpusScanAddsUpShortDocumentsAndCountsRepeatsOnce() throws {
    let key = Fixtures.key(for: Self.tokenizer)
    var scan = CorpusScan(key: key)
    var docs: [[Int32]] = []
    // 8 tokens (7 scored) can never reach p < 1e-6 alone: 0.25^7 > 1e-6.
    for seed in 0..<100 {
      docs.append(
        Fixtures.tokens(key: key, tokenizer: Self.tokenizer, count: 8, seed: 50 + UInt64(seed)))
    }
    var individually = 0
    for d in docs {
      let entry = try scan.add(d)
      if entry.analysis.score.pValue.log10 < -6 { individually += 1 }
    }
    let corpus = scan.result
    #expect(individually == 0)
    #expect(corpus.pValue.log10 < -6)
    // Same as scoring the key-independent batch of distinct tuples.
    var batch = TupleBatch(contextWidth: 1)
    for d in docs { batch.add(d) }
    let batchScore = Detector(key: key).score(batch: batch)
    #expect(batchScore.scored == corpus.scored && batchScore.score == corpus.score)
    // Repeating documents adds nothing.
    let before = scan.result
    for d in docs.prefix(10) {
      let entry = try scan.add(d)
      #expect(entry.newTuples == 0)
    }
    #expect(scan.result.scored == before.scored && scan.result.score == before.score)
    #expect(scan.result.duplicates > before.duplicates)
    #expect(scan.documents == 110)
  }

  @Test func explanationSegmentsCoverTheTextWithMarks() throws {
    let key = Fixtures.key(.kgw(KGWParameters(contextWidth: 2)), for: Self.tokenizer)
    let detector = Detector(key: key)
    let ids = Self.tokenizer.encode("Hello wörld 🎉 <b>&</b> hello wörld 🎉 <b>&</b>\nline two")
    let analysis = try DocumentAnalysis.analyze(ids, detector: detector)
    let explanation = Explanation(
      analysis: analysis, tokenizer: Self.tokenizer, null: detector.null)
    #expect(explanation.segments.map(\.text).joined() == Self.tokenizer.decode(ids))
    #expect(explanation.segments.flatMap(\.ids) == ids)
    #expect(explanation.segments.first?.mark == .unscored)
    #expect(explanation.segments.contains { $0.mark == .duplicate })
    for segment in explanation.segments where segment.ids.count == 1 {
      if case .scored(let score, let strength) = segment.mark {
        #expect(strength == (score > 0.5 ? 1 : -1))
      }
    }
    let plain = ANSIRendering(color: false).render(explanation)
    #expect(plain.contains("{+") || plain.contains("[-"))
    #expect(plain.contains("(="))
    let colored = ANSIRendering(color: true).render(explanation)
    #expect(colored.contains("\u{1B}[48;5;"))
    let page = HTMLRendering(title: "t <x>").render([
      HTMLRendering.Section(heading: "doc", summary: [("p", "1")], explanation: explanation)
    ])
    #expect(page.hasPrefix("<!DOCTYPE html>"))
    #expect(page.contains("&lt;") && page.contains("&amp;") && page.contains("t &lt;x&gt;"))
    #expect(!page.contains("<b>"))
    #expect(page.contains("class=\"d\"") && page.contains("class=\"u\""))
    #expect(!page.contains("<script"))
  }

  @Test func strengthFollowsTheNull() {
    #expect(
      TokenMark.scored(1, null: .binomial(trialsPerToken: 1, probability: 0.25))
        == .scored(score: 1, strength: 1))
    #expect(
      TokenMark.scored(0, null: .binomial(trialsPerToken: 1, probability: 0.25))
        == .scored(score: 0, strength: -1))
    #expect(TokenMark.scored(1, null: .gamma) == .scored(score: 1, strength: 0))
    #expect(TokenMark.scored(9, null: .gamma) == .scored(score: 9, strength: 1))
    #expect(
      TokenMark.scored(15, null: .binomial(trialsPerToken: 30, probability: 0.5))
        == .scored(score: 15, strength: 0))
  }
}
