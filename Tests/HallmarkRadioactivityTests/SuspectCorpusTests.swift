import Foundation
import Hallmark
import HallmarkRadioactivity
import Testing

/// Bad suspect input is reported and never counted as signal (Spec/radioactivity.md#inputs).
@Suite struct SuspectCorpusTests {
  static let ours = "ab" + String(repeating: "0", count: 62)
  static let theirs = "cd" + String(repeating: "0", count: 62)

  static func lines(_ text: String) -> [SuspectFile.Line] { SuspectFile.parse(Data(text.utf8)) }

  @Test func mixedTokenizersAreReportedAndForeignIdsNotScored() {
    let file = """
      {"prompt_ids":[1,2],"completion_ids":[3,4,5],"tokenizer_fingerprint":"sha256:\(Self.ours)"}
      {"prompt_ids":[1,2],"completion_ids":[70,71,72],"tokenizer_fingerprint":"\(Self.theirs)"}
      {"prompt_ids":[1,2],"completion_ids":[70,71,72],"completion":"xyz","prompt":"hi","tokenizer_fingerprint":"\(Self.theirs)"}
      {"prompt_ids":[1,2],"completion_ids":[6,7]}
      """
    let (documents, summary) = SuspectCorpus.resolve(
      Self.lines(file), fingerprint: Self.ours, vocabularySize: 100, tokenizer: CharacterTokenizer()
    )
    #expect(summary.mixedTokenizers)
    #expect(summary.fingerprints == [Self.ours: 1, Self.theirs: 2, "none": 1])
    #expect(summary.foreignTokenizer == 1)
    #expect(summary.retokenized == 1)
    #expect(summary.ids == 2 && summary.idsWithoutFingerprint == 1)
    #expect(summary.used == 3)
    // The foreign record with text is re-tokenized from its text and its prompt text.
    #expect(
      documents.map(\.completion) == [[3, 4, 5], CharacterTokenizer().encode("xyz"), [6, 7]])
    #expect(documents[1].prompt == CharacterTokenizer().encode("hi"))
    #expect(!documents.contains { $0.completion == [70, 71, 72] })
  }

  @Test func foreignTextWithoutTokenizerIsLeftOut() {
    let file = #"{"completion":"plain text","prompt":"q"}"#
    let (documents, summary) = SuspectCorpus.resolve(
      Self.lines(file), fingerprint: Self.ours, vocabularySize: 100, tokenizer: nil)
    #expect(documents.isEmpty)
    #expect(summary.foreignTokenizer == 1)
    #expect(SuspectCorpus.needsTokenizer(Self.lines(file), fingerprint: Self.ours))
  }

  @Test func emptyOutputsAndEchoesAreNotCounted() {
    let file = """
      {"prompt_ids":[1,2,3,4],"completion_ids":[]}
      {"completion":"   ","prompt":"what?"}
      {"completion":"  Tell me a story.\\n","messages":[{"role":"user","content":"Tell me a story."}]}
      {"prompt_ids":[9,1,2,3,4,9],"completion_ids":[2,3,4]}
      {"prompt_ids":[9,1,2,3,4,9],"completion_ids":[2,3,4,5]}
      """
    let (documents, summary) = SuspectCorpus.resolve(
      Self.lines(file), fingerprint: Self.ours, vocabularySize: 100, tokenizer: CharacterTokenizer()
    )
    #expect(summary.empty == 2)
    #expect(summary.echoes == 2)
    #expect(summary.used == 1)
    #expect(documents.map(\.completion) == [[2, 3, 4, 5]])
  }

  @Test func invalidLinesAreNamedAndTheRestCounts() {
    let file = """
      not json
      {"completion_ids":[1,"x"]}
      {"completion_ids":[1,2,500]}
      {"prompt":"no completion"}
      {"completion_ids":[1,2,3]}
      """
    let (documents, summary) = SuspectCorpus.resolve(
      Self.lines(file), fingerprint: Self.ours, vocabularySize: 100, tokenizer: nil)
    #expect(summary.invalid == 4)
    #expect(summary.used == 1 && documents.count == 1)
    #expect(summary.problems.count == 4)
    #expect(summary.problems[0] == "line 1: not a JSON object")
    #expect(summary.problems[1].contains("element 1 of \"completion_ids\""))
    #expect(summary.problems[2].contains("outside the key's vocabulary"))
    #expect(summary.problems[3].contains("no \"completion_ids\" or \"completion\""))
  }

  /// Prompt echoes and prompt tuples add nothing: a suspect that only repeats its prompts,
  /// which are our watermarked text, gives p = 1.
  @Test func promptTuplesAreExcluded() throws {
    let key = Keys.key(Keys.kgw1, vocabulary: Distillation.vocabulary, seed: 3)
    let ours = Distillation.teacher.corpus(
      documents: 40, promptLength: 3, length: 60, key: key, seed: 9)
    // The suspect answers each prompt (our watermarked text) by repeating its second half.
    let documents = ours.map { d in
      SuspectDocument(prompt: d.completion, completion: Array(d.completion[30...]))
    }
    let test = RadioactivityTest(key: key, controlCount: 0)
    let result = test.closedModel(documents: documents)
    // Only the tuple that joins prompt and completion can remain, one per document.
    #expect(result.unfiltered.tuples <= documents.count)
    #expect(result.unfiltered.excluded >= 1000)
    #expect(result.unfiltered.log10P > -3)
    // Without the prompts the same tuples are highly significant.
    let bare = test.closedModel(
      documents: documents.map { SuspectDocument(prompt: [], completion: $0.completion) })
    #expect(bare.unfiltered.log10P < -10)
  }
}
