import Foundation
import HallmarkModels

/// The tokenizer of the key's model, for records that carry text instead of usable ids.
public protocol SuspectTokenizer {
  /// SHA-256 fingerprint (lower-case hex) of the tokenizer.
  var fingerprint: String { get }
  /// The ids of `text`, no special tokens added.
  func encode(_ text: String) -> [Int32]
  /// The ids of a chat prompt as the model would see it (its chat template applied).
  func promptIDs(_ messages: [ChatMessage]) -> [Int32]
}

/// One usable suspect output: token ids of the key's tokenizer.
public struct SuspectDocument: Sendable, Equatable {
  /// Context only (never scored): the prompt, when known.
  public var prompt: [Int32]
  /// The output whose tuples are scored.
  public var completion: [Int32]
  /// The record's line in its file.
  public var line: Int

  /// A document from its parts.
  public init(prompt: [Int32], completion: [Int32], line: Int = 0) {
    self.prompt = prompt
    self.completion = completion
    self.line = line
  }
}

/// What happened to the records of a suspect file (Spec/radioactivity.md#inputs). Only `used`
/// records contribute tuples; the others are reported, never counted as signal.
public struct SuspectSummary: Codable, Sendable, Equatable {
  /// Non-blank lines read.
  public var records = 0
  /// Records scored (`ids` + `retokenized`).
  public var used = 0
  /// Records scored from their `completion_ids` (fingerprint equal to the key's, or absent).
  public var ids = 0
  /// Of `ids`: records without a `tokenizer_fingerprint` (ids assumed to be the key's tokenizer).
  public var idsWithoutFingerprint = 0
  /// Records scored after tokenizing their `completion` text with the key's tokenizer.
  public var retokenized = 0
  /// Records with an empty completion.
  public var empty = 0
  /// Records whose completion repeats the prompt (ids inside the prompt's ids, or the same text).
  public var echoes = 0
  /// Records with another tokenizer's ids and no text: left out.
  public var foreignTokenizer = 0
  /// Lines that are not usable records (bad JSON, bad ids, ids outside the vocabulary).
  public var invalid = 0
  /// Records per tokenizer fingerprint as written in the file ("none" when absent).
  public var fingerprints: [String: Int] = [:]
  /// More than one fingerprint in the file (records without one not counted).
  public var mixedTokenizers = false
  /// The first problems, as "line N: reason" (at most `maximumProblems`).
  public var problems: [String] = []

  /// How many problems are listed at most.
  public static let maximumProblems = 20

  /// An empty summary.
  public init() {}

  mutating func problem(_ line: Int, _ reason: String) {
    if problems.count < Self.maximumProblems { problems.append("line \(line): \(reason)") }
  }
}

/// Turns suspect records into documents of the key's token ids.
///
/// A record's `completion_ids` are used when its `tokenizer_fingerprint` equals `fingerprint`
/// or is absent; otherwise its `completion` text is tokenized with `tokenizer`. A record of
/// another tokenizer without text, an empty completion, and a completion that repeats its
/// prompt are reported and left out.
public enum SuspectCorpus {
  /// The documents of `lines` and what happened to each record.
  ///
  /// - Parameters:
  ///   - fingerprint: the key's tokenizer fingerprint (hex), when known.
  ///   - vocabularySize: ids at or above it make the record invalid.
  ///   - tokenizer: the key's tokenizer, for text; nil when none is available (records that
  ///     need it are then reported as `foreignTokenizer` or `invalid`).
  public static func resolve(
    _ lines: [SuspectFile.Line], fingerprint: String?, vocabularySize: Int,
    tokenizer: (any SuspectTokenizer)?
  ) -> (documents: [SuspectDocument], summary: SuspectSummary) {
    var summary = SuspectSummary()
    var documents: [SuspectDocument] = []
    let expected = fingerprint.map(SuspectRecord.normalizedFingerprint)
    for line in lines {
      summary.records += 1
      let record: SuspectRecord
      switch line {
      case .invalid(let number, let reason):
        summary.invalid += 1
        summary.problem(number, reason)
        continue
      case .record(let r): record = r
      }
      summary.fingerprints[record.tokenizerFingerprint ?? "none", default: 0] += 1
      let idsUsable =
        record.completionIDs != nil
        && (record.tokenizerFingerprint == nil || expected == nil
          || record.tokenizerFingerprint == expected)
      var prompt: [Int32]
      var completion: [Int32]
      if idsUsable, let ids = record.completionIDs {
        completion = ids
        if let p = record.promptIDs {
          prompt = p
        } else if let chat = record.chat, let tokenizer {
          prompt = tokenizer.promptIDs(chat)
        } else {
          prompt = []
        }
      } else if let text = record.completion {
        guard let tokenizer else {
          summary.foreignTokenizer += 1
          summary.problem(record.line, "text needs the key's tokenizer, none given")
          continue
        }
        completion = tokenizer.encode(text)
        prompt = record.chat.map(tokenizer.promptIDs) ?? []
      } else if record.completionIDs != nil {
        summary.foreignTokenizer += 1
        summary.problem(
          record.line,
          "ids of tokenizer \(record.tokenizerFingerprint?.prefix(16) ?? "?")… (not the key's) and no text"
        )
        continue
      } else {
        summary.invalid += 1
        summary.problem(record.line, "no \"completion_ids\" or \"completion\" field")
        continue
      }
      if let bad = (prompt + completion).firstIndex(where: { Int($0) >= vocabularySize }) {
        summary.invalid += 1
        let id = (prompt + completion)[bad]
        summary.problem(
          record.line, "token id \(id) is outside the key's vocabulary (\(vocabularySize))")
        continue
      }
      if completion.isEmpty || record.completion?.allSatisfy(\.isWhitespace) == true {
        summary.empty += 1
        continue
      }
      if isEcho(completion: completion, prompt: prompt, record: record) {
        summary.echoes += 1
        summary.problem(record.line, "the completion repeats the prompt; left out")
        continue
      }
      summary.used += 1
      if idsUsable {
        summary.ids += 1
        if record.tokenizerFingerprint == nil { summary.idsWithoutFingerprint += 1 }
      } else {
        summary.retokenized += 1
      }
      documents.append(SuspectDocument(prompt: prompt, completion: completion, line: record.line))
    }
    summary.mixedTokenizers = summary.fingerprints.keys.filter { $0 != "none" }.count > 1
    return (documents, summary)
  }

  /// A completion that repeats its prompt: the same text (ignoring surrounding white space), or
  /// ids that occur as one contiguous run inside the prompt's ids.
  static func isEcho(completion: [Int32], prompt: [Int32], record: SuspectRecord) -> Bool {
    if let text = record.completion, let chat = record.chat {
      let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
      if chat.contains(where: {
        $0.content.trimmingCharacters(in: .whitespacesAndNewlines) == trimmed
      }) {
        return true
      }
    }
    return contains(prompt, run: completion)
  }

  /// Whether `run` occurs contiguously in `sequence`.
  static func contains(_ sequence: [Int32], run: [Int32]) -> Bool {
    guard !run.isEmpty, run.count <= sequence.count else { return false }
    for start in 0...(sequence.count - run.count)
    where sequence[start] == run[0] && sequence[start..<(start + run.count)].elementsEqual(run) {
      return true
    }
    return false
  }
}

extension SuspectCorpus {
  /// Whether resolving `lines` needs the key's tokenizer: a record with text but no usable ids,
  /// a prompt given only as text, or (when the key names no tokenizer) fingerprints to compare.
  public static func needsTokenizer(_ lines: [SuspectFile.Line], fingerprint: String?) -> Bool {
    let expected = fingerprint.map(SuspectRecord.normalizedFingerprint)
    for case .record(let r) in lines {
      if expected == nil && r.tokenizerFingerprint != nil { return true }
      let idsUsable =
        r.completionIDs != nil
        && (r.tokenizerFingerprint == nil || r.tokenizerFingerprint == expected)
      if !idsUsable && r.completion != nil { return true }
      if r.promptIDs == nil && r.chat != nil { return true }
    }
    return false
  }

  /// Prompt ids of a prompts file's lines (`prompt_ids`, else `prompt`/`messages` through the
  /// tokenizer's chat template); lines without either are skipped and counted.
  public static func prompts(_ lines: [SuspectFile.Line], tokenizer: (any SuspectTokenizer)?)
    -> (prompts: [[Int32]], skipped: Int)
  {
    var prompts: [[Int32]] = []
    var skipped = 0
    for line in lines {
      guard case .record(let r) = line else {
        skipped += 1
        continue
      }
      if let ids = r.promptIDs {
        prompts.append(ids)
      } else if let chat = r.chat, let tokenizer {
        prompts.append(tokenizer.promptIDs(chat))
      } else {
        skipped += 1
      }
    }
    return (prompts, skipped)
  }
}
