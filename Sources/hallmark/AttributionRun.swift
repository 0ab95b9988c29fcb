import ArgumentParser
import Foundation
import Hallmark
import HallmarkForensics

/// `scan --keys` / `scan --master --accounts`: which candidate keys marked the corpus.
struct AttributionRun {
  let command: ScanCommand

  func run() throws {
    var problems: [InputProblem] = []
    var candidates: [CandidateKey]
    if let folder = command.keys {
      (candidates, problems) = CandidateKeys.folder(folder)
    } else {
      let master = try KeyFile.read(path: command.master!)
      let path = command.accounts!
      guard let data = FileManager.default.contents(atPath: path) else {
        throw CLIError("\(path): cannot read accounts file")
      }
      let (accounts, accountProblems) = CandidateKeys.accounts(data, name: path)
      problems = accountProblems
      candidates = CandidateKeys.derived(master: master, accounts: accounts)
    }
    for problem in problems { Terminal.warn("\(problem); skipped") }
    guard let first = candidates.first else { throw CLIError("no usable candidate keys") }
    let (feed, fingerprint) = try command.feed(for: first.key)
    var skippedCandidates = 0
    if fingerprint != nil {
      // Every candidate must belong to the tokenizer used for the corpus.
      let kept = candidates.filter { c in
        let ok =
          c.key.tokenizerFingerprint.map { TokenizerCheck.normalized($0) == fingerprint } ?? true
        if !ok {
          Terminal.warn(
            "candidate \(c.label) (\(c.key.id)) belongs to another tokenizer "
              + "(sha256:\(TokenizerCheck.normalized(c.key.tokenizerFingerprint!))); skipped")
        }
        return ok
      }
      skippedCandidates = candidates.count - kept.count
      candidates = kept
    }
    var attribution: Attribution
    do {
      attribution = try Attribution(candidates: candidates)
    } catch {
      throw CLIError(error.description)
    }
    let headers = ["candidate", "key", "scored", "score", "log10 p", "Holm log10 p", "verdict"]
    var runRecord = JSONLine()
    runRecord.add("record", "run")
    runRecord.add("command", "scan")
    runRecord.add("mode", "attribution")
    runRecord.add("candidates", candidates.count)
    runRecord.add("alpha", command.test.alpha)
    if let fingerprint { runRecord.add("tokenizer", fingerprint) }
    let out = try ResultOutput(
      options: command.output, headers: headers, leftAligned: [0, 1, 6], run: runRecord,
      compared: [:], progressTotal: feed.totalBytes)
    var failures = problems.count + skippedCandidates
    let problemItems = try feed.visitDocuments(reportingTo: out) { document in
      do {
        try attribution.add(try document.tokens().get(), promptLength: document.promptLength)
      } catch {
        out.warn("\(document.origin): \(error); skipped")
        failures += 1
      }
    }
    failures += problemItems
    out.progress.clear()
    let keyProgress = ProgressBar(total: candidates.count, unit: "keys")
    let results = attribution.run(
      alpha: command.test.alpha, minimumScored: command.test.minScored, threads: command.threads
    ) { done in keyProgress.update(done: done, count: done) }
    keyProgress.clear()
    // Matches first (strongest first), then the rest in candidate order.
    let order = results.indices.sorted { a, b in
      let (ra, rb) = (results[a], results[b])
      if ra.matched != rb.matched { return ra.matched }
      if ra.matched {
        return ra.adjusted.log10 < rb.adjusted.log10 || (ra.adjusted == rb.adjusted && a < b)
      }
      return a < b
    }
    let tableLimit = 20
    var shown = 0
    for i in order {
      let r = results[i]
      let verdict = r.tooShort ? "too short to test" : r.matched ? "match" : "no match"
      var record = JSONLine()
      record.add("record", "candidate")
      record.add("candidate", r.candidate.label)
      record.add("key", r.candidate.key.id)
      record.add("account", r.candidate.key.derivation?.account)
      record.add("scheme", r.candidate.key.scheme.name)
      record.add("tokens", r.score.tokens)
      record.add("scored", r.score.scored)
      record.add("duplicates", r.score.duplicates)
      record.add("score", r.score.score)
      record.add("p_value", r.score.pValue.value)
      record.add("log10_p", r.score.pValue.log10)
      record.add("holm_p_value", r.adjusted.value)
      record.add("holm_log10_p", r.adjusted.log10)
      if let z = r.score.z { record.add("z", z) }
      record.add("matched", r.matched)
      record.add("verdict", verdict)
      let row =
        (r.matched || shown < tableLimit)
        ? [
          r.candidate.label, r.candidate.key.id, "\(r.score.scored)", Format.score(r.score.score),
          Format.log10(r.score.pValue), Format.log10(r.adjusted), verdict,
        ] : nil
      if row != nil { shown += 1 }
      out.emit(record, row: row)
    }
    let matched = results.filter(\.matched)
    var summary = JSONLine()
    summary.add("record", "attribution")
    summary.add("candidates", results.count)
    summary.add("matched", matched.count)
    summary.addRaw(
      "matches",
      "[" + matched.map { JSONLine.quote($0.candidate.label) }.joined(separator: ",") + "]")
    summary.add("documents", attribution.documents)
    summary.add("skipped", failures)
    summary.add("tokens", results.first?.score.tokens ?? 0)
    summary.add("alpha", command.test.alpha)
    out.emit(summary, row: nil)
    var trailer = [""]
    if results.count > shown {
      trailer.append("(\(results.count - shown) more candidates not shown; --json lists all)")
    }
    trailer.append(
      "attribution: \(results.count) candidate keys, \(attribution.documents) documents; "
        + "\(matched.count) match at family-wise α = \(command.test.alpha) (Holm–Bonferroni)"
        + (matched.isEmpty ? "" : ": " + matched.map(\.candidate.label).joined(separator: ", ")))
    out.finish(trailer: trailer)
    if failures > 0 {
      Terminal.warn("\(failures) input(s) could not be used (see above)")
      throw ExitCode(1)
    }
  }
}
