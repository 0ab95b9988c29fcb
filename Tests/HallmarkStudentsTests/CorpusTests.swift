import Foundation
import HallmarkStudents
import Testing

@Suite struct CorpusTests {
  func write(_ text: String) -> String {
    let path = temporaryPath("corpus.jsonl")
    #expect(FileManager.default.createFile(atPath: path, contents: Data(text.utf8)))
    return path
  }

  @Test func readsPromptsAndCompletions() throws {
    let path = write(
      """
      {"prompt_ids": [1, 2], "completion_ids": [3, 4, 5], "text": "ignored"}

      {"completion_ids": []}
      {"completion_ids": [7], "prompt_ids": null}

      """)
    let corpus = try StudentCorpus.read(path: path)
    #expect(
      corpus == [
        TrainingSequence(prompt: [1, 2], completion: [3, 4, 5]),
        TrainingSequence(completion: []), TrainingSequence(completion: [7]),
      ])
  }

  @Test(arguments: [
    ("{\"completion_ids\": [1, 2.5]}", "element 1 of \"completion_ids\""),
    ("{\"completion_ids\": [1, -2]}", "element 1 of \"completion_ids\""),
    ("{\"completion_ids\": \"1 2\"}", "not an array"),
    ("{\"prompt_ids\": [1]}", "no \"completion_ids\""),
    ("[1, 2, 3]", "not a JSON object"),
    ("{\"completion_ids\": [1, 2]", "not a JSON object"),
  ])
  func badLinesAreNamed(line: String, expected: String) throws {
    let path = write("{\"completion_ids\": [1]}\n" + line + "\n")
    do {
      _ = try StudentCorpus.read(path: path)
      Issue.record("accepted \(line)")
    } catch {
      #expect("\(error)" == "\(path):2: " + ("\(error)".components(separatedBy: ":2: ").last ?? ""))
      #expect("\(error)".contains(expected), "\(error)")
    }
  }

  @Test func promptsNeedPromptIds() throws {
    let path = write("{\"prompt_ids\": [1, 2]}\n{\"completion_ids\": [3]}\n")
    #expect(
      throws: StudentError.invalidCorpusLine(file: path, line: 2, reason: "no \"prompt_ids\" field")
    ) {
      try StudentCorpus.readPrompts(path: path)
    }
  }
}
