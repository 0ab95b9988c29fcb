import Foundation
import Testing

@testable import HallmarkForensics

@Suite struct ResultsJournalTests {
  @Test func readsCompletedRecordsAndDropsACutOffLine() throws {
    let dir = Fixtures.temporaryFolder()
    let complete = """
      {"record":"run","command":"scan","key":"hk-1","dedup":true}
      {"record":"document","source":"a.txt"}
      {"record":"document","source":"b.jsonl:3"}

      """
    let path = (complete + #"{"record":"document","sou"#).write(to: dir, "out.jsonl")
    let journal = try ResultsJournal(path: path)
    #expect(journal.completedSources == ["a.txt", "b.jsonl:3"])
    #expect(!journal.isFinished)
    #expect(journal.records == 3)
    #expect(journal.mismatches(["command": "scan", "key": "hk-1", "dedup": "true"]).isEmpty)
    #expect(journal.mismatches(["key": "hk-2"]) == ["key: file has hk-1, this run hk-2"])
    try journal.truncateToValidLength()
    #expect(try String(contentsOfFile: path, encoding: .utf8) == complete)
    let finished = (complete + #"{"record":"corpus"}"# + "\n").write(to: dir, "done.jsonl")
    #expect(try ResultsJournal(path: finished).isFinished)
    let broken = "{\"record\":\"run\"}\nnot json\n".write(to: dir, "broken.jsonl")
    #expect(throws: ForensicsError.journal(path: broken, reason: "line 2 is not a JSON object")) {
      try ResultsJournal(path: broken)
    }
  }
}
