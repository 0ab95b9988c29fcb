import ArgumentParser
import Foundation
import HallmarkModels

/// `hallmark perplexity`: how likely the model finds generated completions (a quality signal).
struct PerplexityCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "perplexity",
    abstract: "Perplexity of generate records' completions under a model (given their prompts).")

  @Option(help: "JSONL records with prompt_ids and completion_ids (e.g. from generate).")
  var records: String

  @Option(help: "GGUF model file (default: the fetched SmolLM2-135M-Instruct).")
  var model: String?

  @Option(help: "Sequences decoded together.")
  var batch = 8

  @Option(help: "Threads for the model.")
  var threads = ProcessInfo.processInfo.activeProcessorCount

  @Flag(help: "Print one JSON object per record, then a summary object.")
  var json = false

  func run() throws {
    let session = try ModelSession(path: model, threads: threads)
    let lines = try TokenFile.read(path: records)
    var sequences: [TeacherForcing.Sequence] = []
    for (i, line) in lines.enumerated() {
      guard case .document(let ids, let promptLength) = line, promptLength > 0 else {
        throw CLIError("\(records):\(i + 1): needs prompt_ids and completion_ids")
      }
      sequences.append(
        TeacherForcing.Sequence(
          prompt: Array(ids[..<promptLength]), completion: Array(ids[promptLength...])))
    }
    var total = [Double](repeating: 0, count: sequences.count)
    try TeacherForcing.run(model: session.model, sequences: sequences, batchSize: batch) {
      i, j, logits in
      total[i] -= TeacherForcing.logProbability(of: sequences[i].completion[j], logits: logits)
    }
    var sumNLL = 0.0
    var tokens = 0
    for (i, s) in sequences.enumerated() where !s.completion.isEmpty {
      let ppl = exp(total[i] / Double(s.completion.count))
      sumNLL += total[i]
      tokens += s.completion.count
      if json {
        var r = JSONLine()
        r.add("record", i + 1)
        r.add("tokens", s.completion.count)
        r.add("perplexity", ppl)
        print(r.text)
      }
    }
    let overall = exp(sumNLL / Double(max(tokens, 1)))
    if json {
      var r = JSONLine()
      r.add("records", sequences.count)
      r.add("tokens", tokens)
      r.add("perplexity", overall)
      print(r.text)
    } else {
      print(
        "records \(sequences.count), tokens \(tokens), perplexity \(String(format: "%.3f", overall))"
      )
    }
  }
}
