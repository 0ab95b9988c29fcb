import Foundation
import Testing

@testable import Hallmark

/// Reproduces every vector in Vectors/ (made by an independent Python implementation of the
/// Spec, scripts/make-vectors.py).
@Suite struct VectorTests {
  @Test func keys() throws {
    let file = try VectorFiles.load("keys.json")
    for entry in file["keys"] as! [[String: Any]] {
      let key = try WatermarkKey(
        secret: Hex.decode(entry["secret"] as! String)!, scheme: .gumbel(GumbelParameters()),
        vocabularySize: 10)
      #expect(key.commitment == entry["commitment"] as! String)
      #expect(key.id == entry["id"] as! String)
    }
    for entry in file["accounts"] as! [[String: Any]] {
      let master = try WatermarkKey(
        secret: Hex.decode(entry["masterSecret"] as! String)!, scheme: .gumbel(GumbelParameters()),
        vocabularySize: 10)
      let derived = master.derived(account: entry["account"] as! String)
      #expect(Hex.encode(derived.secret) == entry["secret"] as! String)
      #expect(derived.id == entry["id"] as! String)
      #expect(derived.derivation?.masterId == master.id)
    }
  }

  @Test func prf() throws {
    let file = try VectorFiles.load("prf.json")
    for entry in file["cases"] as! [[String: Any]] {
      let keys = PRFKeys(
        secret: Hex.decode(entry["secret"] as! String)!, domain: entry["domain"] as! String)
      #expect(Hex.encode(keys.contextKey) == entry["contextKey"] as! String)
      #expect(Hex.encode(keys.expandKey) == entry["expandKey"] as! String)
      let prf = KeyedPRF(keys: keys)
      for seed in entry["seeds"] as! [[String: Any]] {
        #expect(
          prf.seed(window: VectorFiles.ints(seed["window"])) == UInt64(seed["seed"] as! String)!)
      }
      for words in entry["words"] as! [[String: Any]] {
        let seed = UInt64(words["seed"] as! String)!
        let tokens = VectorFiles.ints(words["tokens"])
        let expected = (words["words"] as! [NSNumber]).map { UInt32(truncating: $0) }
        #expect(tokens.map { prf.word(seed: seed, token: $0) } == expected)
      }
    }
  }

  @Test func scorers() throws {
    let file = try VectorFiles.load("scorers.json")
    let cases = file["cases"] as! [[String: Any]]
    #expect(cases.count > 50)
    for entry in cases {
      let key = try VectorFiles.key(entry)
      let detector = Detector(key: key)
      let tokens = VectorFiles.ints(entry["tokens"])
      let prompt = entry["promptLength"] as! Int
      let expected = entry["expected"] as! [String: Any]
      let result = try detector.score(tokens, promptLength: prompt, dedup: entry["dedup"] as! Bool)
      let label = "\(key.scheme) \(tokens.prefix(4)) prompt \(prompt)"
      #expect(result.scored == expected["scored"] as! Int, "\(label)")
      #expect(result.duplicates == expected["duplicates"] as! Int, "\(label)")
      #expect(result.unscored == expected["unscored"] as! Int, "\(label)")
      let score = (expected["score"] as! NSNumber).doubleValue
      #expect(abs(result.score - score) <= 1e-12 * max(1, score), "\(label)")
      let log10P = (expected["log10P"] as! NSNumber).doubleValue
      #expect(abs(result.pValue.log10 - log10P) <= 1e-9 * max(1, abs(log10P)), "\(label)")
      let perToken = try detector.scoreTokens(tokens, promptLength: prompt)
      let expectedTokens = (entry["tokenScores"] as! [NSNumber]).map(\.doubleValue)
      #expect(perToken.scores.count == expectedTokens.count)
      for (a, b) in zip(perToken.scores, expectedTokens) {
        #expect(abs(a - b) <= 1e-12 * max(1, b))
      }
    }
  }

  @Test func embedders() throws {
    let file = try VectorFiles.load("embedders.json")
    let cases = file["cases"] as! [[String: Any]]
    #expect(cases.count >= 80)
    for entry in cases {
      let key = try VectorFiles.key(entry)
      let embedder = SchemeRegistry.embedder(for: key)
      let temperature = (entry["temperature"] as! NSNumber).doubleValue
      var logits = (entry["logits"] as! [NSNumber]).map {
        Float(bitPattern: UInt32(truncating: $0))
      }
      if temperature > 0 { logits = logits.map { $0 / Float(temperature) } }
      let settings = SamplingSettings(
        temperature: temperature, topK: entry["topK"] as! Int,
        topP: (entry["topP"] as! NSNumber).doubleValue)
      let uniform = Double(entry["uniform"] as! String)!
      let token = embedder.nextToken(
        logits: &logits, context: VectorFiles.ints(entry["context"]), settings: settings,
        uniform: uniform)
      #expect(Int(token) == entry["token"] as! Int, "\(key.scheme) \(settings)")
      if let processed = entry["processedLogits"] as? [NSNumber] {
        #expect(logits.map(\.bitPattern) == processed.map { UInt32(truncating: $0) })
      }
    }
  }
}
