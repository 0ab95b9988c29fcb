import Foundation
import Hallmark
import Testing

@testable import HallmarkForensics

@Suite struct AttributionTests {
  @Test func findsTheAccountThatMarkedTheCorpus() throws {
    let tokenizer = Fixtures.small
    let master = Fixtures.key(for: tokenizer)
    let accounts = (0..<40).map { "account-\($0)" }
    let candidates = CandidateKeys.derived(master: master, accounts: accounts)
    let culprit = candidates[17].key
    var attribution = try Attribution(candidates: candidates)
    for seed in 0..<10 {
      try attribution.add(
        Fixtures.tokens(key: culprit, tokenizer: tokenizer, count: 30, seed: UInt64(seed)))
      try attribution.add(
        Fixtures.tokens(key: nil, tokenizer: tokenizer, count: 30, seed: 100 + UInt64(seed)))
    }
    let results = attribution.run(alpha: 1e-6, threads: 2)
    #expect(results.filter(\.matched).map(\.candidate.label) == ["account-17"])
    // Holm: the adjusted p-values are those of Statistics.holmBonferroni.
    let adjusted = Statistics.holmBonferroni(results.map(\.score.pValue))
    #expect(results.map(\.adjusted) == adjusted)
    // Each candidate's score equals a corpus scan under its key.
    var scan = CorpusScan(key: culprit)
    for seed in 0..<10 {
      _ = try scan.add(
        Fixtures.tokens(key: culprit, tokenizer: tokenizer, count: 30, seed: UInt64(seed)))
      _ = try scan.add(
        Fixtures.tokens(key: nil, tokenizer: tokenizer, count: 30, seed: 100 + UInt64(seed)))
    }
    #expect(results[17].score.scored == scan.result.scored)
    #expect(results[17].score.score == scan.result.score)
    // The order of threads does not matter.
    let one = attribution.run(alpha: 1e-6, threads: 1)
    #expect(one.map(\.score) == results.map(\.score))
  }

  @Test func mixedContextWidthsAndVocabularyLimits() throws {
    let tokenizer = Fixtures.small
    let a = Fixtures.key(.kgw(KGWParameters(contextWidth: 1)), for: tokenizer)
    let b = Fixtures.key(.gumbel(GumbelParameters(contextWidth: 3)), for: tokenizer)
    var attribution = try Attribution(candidates: [
      CandidateKey(key: a, label: "a"), CandidateKey(key: b, label: "b"),
    ])
    try attribution.add(Fixtures.tokens(key: b, tokenizer: tokenizer, count: 200, seed: 5))
    let results = attribution.run(alpha: 1e-6, threads: 2)
    #expect(results.map(\.matched) == [false, true])
    #expect(attribution.batch(contextWidth: 3)?.count ?? 0 > 0)
    #expect(throws: DetectionError.self) { try attribution.add([1, 2, 4000]) }
    #expect(throws: ForensicsError.self) { _ = try Attribution(candidates: []) }
    // Too little text is never a match.
    var short = try Attribution(candidates: [CandidateKey(key: b, label: "b")])
    try short.add(
      Array(Fixtures.tokens(key: b, tokenizer: tokenizer, count: 200, seed: 5).prefix(10)))
    #expect(short.run(alpha: 0.5).map(\.tooShort) == [true])
  }

  @Test func candidateSources() throws {
    let dir = Fixtures.temporaryFolder()
    let master = Fixtures.key(for: Fixtures.small)
    for account in ["alice", "bob"] {
      try KeyFile.write(
        master.derived(account: account), path: dir.appendingPathComponent("\(account).json").path)
    }
    "not a key".write(to: dir, "notes.txt")
    let (candidates, problems) = CandidateKeys.folder(dir.path)
    #expect(candidates.map(\.label) == ["alice", "bob"])
    #expect(problems.count == 1 && problems[0].file.hasSuffix("notes.txt"))
    let (accounts, accountProblems) = CandidateKeys.accounts(
      Data("alice\r\n\nbob\nalice\n".utf8) + Data([0xFF, 0x0A]), name: "accounts.txt")
    #expect(accounts == ["alice", "bob"])
    #expect(accountProblems.map(\.line) == [4, 5])
    #expect(accountProblems[1].byteOffset == 18)
  }
}
