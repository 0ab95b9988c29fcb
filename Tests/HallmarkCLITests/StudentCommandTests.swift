import Foundation
import Testing

@Suite struct StudentCommandTests {
  func write(_ text: String, _ name: String, in dir: URL) {
    _ = FileManager.default.createFile(
      atPath: dir.appendingPathComponent(name).path, contents: Data(text.utf8))
  }

  @Test func trainThenGenerate() throws {
    let dir = CLIRunner.folder()
    var corpus = ""
    for i in 0..<40 {
      corpus +=
        "{\"prompt_ids\": [\(i % 7), 1], \"completion_ids\": [2, 3, \(i % 5), 4, 2, 3, 9]}\n"
    }
    write(corpus, "corpus.jsonl", in: dir)
    write("{\"prompt_ids\": [1, 2]}\n{\"prompt_ids\": []}\n", "prompts.jsonl", in: dir)
    let trained = try CLIRunner.run(
      [
        "student", "train", "--corpus", "corpus.jsonl", "--order", "3", "--vocab-size", "10",
        "--out", "m.hmng",
      ], in: dir)
    #expect(trained.status == 0, "\(trained.stderr)")
    #expect(trained.stdout.contains("tokens           280"))
    func generate(_ out: String, seed: Int, threads: Int = 1) throws -> [[String: Any]] {
      let run = try CLIRunner.run(
        [
          "student", "generate", "--model", "m.hmng", "--prompts", "prompts.jsonl", "--n", "3",
          "--max-tokens", "12", "--top-k", "5", "--seed", "\(seed)", "--stop-token", "9",
          "--threads", "\(threads)", "--out", out,
        ], in: dir)
      #expect(run.status == 0, "\(run.stderr)")
      let data = FileManager.default.contents(atPath: dir.appendingPathComponent(out).path)!
      return try data.split(separator: 0x0A).map {
        try JSONSerialization.jsonObject(with: Data($0)) as! [String: Any]
      }
    }
    let records = try generate("a.jsonl", seed: 1)
    #expect(records.count == 6)
    #expect(records.map { $0["prompt_index"] as! Int } == [0, 0, 0, 1, 1, 1])
    #expect(records.map { $0["sample_index"] as! Int } == [0, 1, 2, 0, 1, 2])
    for r in records {
      let completion = r["completion_ids"] as! [Int]
      #expect(!completion.isEmpty && completion.count <= 12)
      #expect(completion.allSatisfy { (0..<10).contains($0) })
      #expect(!completion.dropLast().contains(9), "stops at the stop token")
    }
    // Same seed, other thread count: byte-identical output.
    _ = try generate("b.jsonl", seed: 1, threads: 3)
    #expect(
      FileManager.default.contents(atPath: dir.appendingPathComponent("a.jsonl").path)
        == FileManager.default.contents(atPath: dir.appendingPathComponent("b.jsonl").path))
  }

  @Test func badInputIsNamed() throws {
    let dir = CLIRunner.folder()
    write("{\"completion_ids\": [1, 2]}\n{\"completion_ids\": [1, 12]}\n", "c.jsonl", in: dir)
    let outOfRange = try CLIRunner.run(
      ["student", "train", "--corpus", "c.jsonl", "--vocab-size", "10", "--out", "m.hmng"],
      in: dir)
    #expect(outOfRange.status != 0)
    #expect(outOfRange.stderr.contains("c.jsonl: document 2") && outOfRange.stderr.contains("12"))
    write("{\"completion_ids\": [1, 2]}\nnot json\n", "d.jsonl", in: dir)
    let broken = try CLIRunner.run(
      ["student", "train", "--corpus", "d.jsonl", "--vocab-size", "10", "--out", "m.hmng"],
      in: dir)
    #expect(broken.status != 0 && broken.stderr.contains("d.jsonl:2: not a JSON object"))
    write("not a model", "bad.hmng", in: dir)
    write("{\"prompt_ids\": [1]}\n", "p.jsonl", in: dir)
    let badModel = try CLIRunner.run(
      ["student", "generate", "--model", "bad.hmng", "--prompts", "p.jsonl", "--out", "o.jsonl"],
      in: dir)
    #expect(badModel.status != 0 && badModel.stderr.contains("bad.hmng: not a valid student model"))
    let order = try CLIRunner.run(
      [
        "student", "train", "--corpus", "c.jsonl", "--order", "7", "--vocab-size", "10", "--out",
        "m.hmng",
      ], in: dir)
    #expect(order.status != 0 && order.stderr.contains("order must be in 2...5"))
  }
}
