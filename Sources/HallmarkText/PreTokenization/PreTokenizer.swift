/// How text is cut into words before BPE: an ordered list of split steps with a canonical name.
///
/// The canonical name (not the source file's alias) identifies the behaviour and enters the
/// tokenizer fingerprint; `Spec/tokenizer.md` lists the names, their patterns and the GGUF
/// `tokenizer.ggml.pre` values that map to each.
public struct PreTokenizer: Sendable, CustomStringConvertible {
  /// Canonical name, e.g. `gpt2`, `llama3`, `digits+gpt2`.
  public let name: String
  let rules: [SplitRule]

  public var description: String { name }

  init(name: String, rules: [SplitRule]) {
    self.name = name
    self.rules = rules
  }

  /// No splitting: the whole fragment is one word.
  public static let none = PreTokenizer(name: "none", rules: [])
  /// GPT-2 (`'s|'t|'re|'ve|'m|'ll|'d| ?\p{L}+| ?\p{N}+| ?[^\s\p{L}\p{N}]+|\s+(?!\S)|\s+`).
  public static let gpt2 = PreTokenizer(name: "gpt2", rules: [.gpt2])
  /// Llama 3 (digits in groups of up to three).
  public static let llama3 = PreTokenizer(
    name: "llama3", rules: [.llama3(digits: 3, marks: false)])
  /// Qwen2 (Llama 3's pattern with single digits).
  public static let qwen2 = PreTokenizer(name: "qwen2", rules: [.llama3(digits: 1, marks: false)])
  /// Qwen3.5 (Qwen2's pattern with combining marks inside letter runs).
  public static let qwen35 = PreTokenizer(
    name: "qwen35", rules: [.llama3(digits: 1, marks: true)])
  /// Every `\p{N}` code point isolated, then GPT-2 (StarCoder, Refact, Command-R, SmolLM, …).
  public static let digitsThenGPT2 = PreTokenizer(
    name: "digits+gpt2", rules: [isolate("\\p{N}"), .gpt2])
  /// Falcon.
  public static let falcon = PreTokenizer(
    name: "falcon",
    rules: [
      .run(
        CharacterClass("\\p{P}\\$\\+<=>\\^~\\|`", collapsed: true), leadingSpace: false, min: 1,
        max: .max),
      .gpt2,
      .run(CharacterClass("0-9", collapsed: false), leadingSpace: false, min: 3, max: 3),
    ])
  /// DeepSeek Coder.
  public static let deepseekCoder = PreTokenizer(
    name: "deepseek-coder",
    rules: [
      isolate("\\r\\n", collapsed: false),
      .run(CharacterClass("\\p{L}", collapsed: true), leadingSpace: true, min: 1, max: .max),
      .run(CharacterClass("\\p{P}", collapsed: true), leadingSpace: true, min: 1, max: .max),
      .run(CharacterClass(cjk, collapsed: false), leadingSpace: false, min: 1, max: .max),
      isolate("\\p{N}"),
    ])
  /// DeepSeek LLM.
  public static let deepseekLLM = PreTokenizer(
    name: "deepseek-llm",
    rules: [
      isolate("\\r\\n", collapsed: false),
      .run(
        CharacterClass(deepseekLetters, collapsed: false), leadingSpace: true, min: 1,
        max: .max),
      .run(
        CharacterClass("!-/:-~！-／：-～‘-‟　-。", collapsed: false), leadingSpace: true,
        min: 1, max: .max),
      .trailingWhitespace,
      .run(CharacterClass(cjk, collapsed: false), leadingSpace: false, min: 1, max: .max),
      .run(CharacterClass("\\p{N}", collapsed: true), leadingSpace: false, min: 1, max: .max),
    ])
  /// llama.cpp's default for BPE vocabularies without a known `pre`.
  public static let llamaDefault = PreTokenizer(
    name: "default",
    rules: [
      .run(
        CharacterClass("\\p{P}\\$\\+<=>\\^~\\|", collapsed: true), leadingSpace: false, min: 1,
        max: .max),
      .gpt2,
      .run(CharacterClass("\\p{N}", collapsed: true), leadingSpace: false, min: 1, max: .max),
      .run(CharacterClass("0-9", collapsed: false), leadingSpace: false, min: 3, max: 3),
    ])
  /// Runs of newlines and runs of other characters (Gemma 4, SentencePiece-style BPE).
  public static let newlines = PreTokenizer(name: "newlines", rules: [.newlines])

  private static func isolate(_ body: String, collapsed: Bool = true) -> SplitRule {
    .run(CharacterClass(body, collapsed: collapsed), leadingSpace: false, min: 1, max: 1)
  }

  private static let cjk = "一-龥ࠀ-一가-퟿"
  private static let deepseekLetters =
    "A-Za-zµÀ-ÖØ-öø-ƺƼ-ƿǄ-ʓʕ-ʯͰ-ͳͶͷͻ-ͽͿΆΈ-ΊΌΎ-ΡΣ-ϵϷ-ҁҊ-ԯԱ-ՖႠ-ჅᎠ-Ᏽᏸ-ᏽᲐ-ᲺᲽ-Ჿᴀ-ᴫᵫ-ᵷᵹ-ᶚḀ-ἕἘ-Ἕἠ-ὅὈ-Ὅὐ-ὗὙὛὝὟ-ώᾀ-ᾴᾶ-ᾼιῂ-ῄῆ-ῌῐ-ΐῖ-Ίῠ-Ῥῲ-ῴῶ-ῼℂℇℊ-ℓℕℙ-ℝℤΩℨK-ℭℯ-ℴℹℼ-ℿⅅ-ⅉⅎↃↄⰀ-ⱻⱾ-ⳤⳫ-ⳮⳲⳳꙀ-ꙭꚀ-ꚛꜢ-ꝯꝱ-ꞇꞋ-ꞎꭰ-ꮿﬀ-ﬆﬓ-ﬗＡ-Ｚａ-ｚ𐐀-𐑏𐒰-𐓓𐓘-𐓻𐲀-𐲲𐳀-𐳲𑢠-𑣟𞤀-𞥃"

  /// The pre-tokenizer llama.cpp uses for a GGUF `tokenizer.ggml.pre` value (BPE vocabularies),
  /// or `nil` when the value is unknown or names a pattern not implemented here.
  public static func llamaCpp(pre: String) -> PreTokenizer? {
    switch pre {
    case "", "default": return .llamaDefault
    case "llama3", "llama-v3", "llama-bpe", "falcon3", "falcon-h1", "pixtral", "midm-2.0", "lfm2",
      "jina-v5-nano", "dbrx", "smaug-bpe", "chatglm-bpe", "glm4", "glm5":
      return .llama3
    case "deepseek-llm": return .deepseekLLM
    case "deepseek-coder": return .deepseekCoder
    case "falcon": return .falcon
    case "mpt", "gpt-2", "phi-2", "jina-es", "jina-de", "gigachat", "jina-v2-es", "jina-v2-de",
      "a.x-4.0", "mellum", "modern-bert", "jina-v1-en", "jina-v2-code", "roberta-bpe", "olmo",
      "jais", "trillion", "granite-docling", "exaone4":
      return .gpt2
    case "starcoder", "refact", "command-r", "smollm", "codeshell", "exaone", "minerva-7b",
      "mellum2":
      return .digitsThenGPT2
    case "qwen2", "deepseek-r1-qwen", "kormo", "f2llmv2", "stablelm2", "hunyuan", "solar-open",
      "megrez", "grok-2":
      return .qwen2
    case "qwen35": return .qwen35
    case "gemma4", "granite-embed-multi-311m", "sarvam-moe": return .newlines
    default: return nil
    }
  }

  /// Splits the code points `[0, buffer.count)` and returns the end index of every word.
  func split(_ buffer: CodepointBuffer, into out: inout [Int32], scratch: inout [Int32]) {
    out.removeAll(keepingCapacity: true)
    let n = buffer.count
    if n == 0 { return }
    out.append(Int32(n))
    buffer.cps.withUnsafeBufferPointer { cpb in
      buffer.flags.withUnsafeBufferPointer { flb in
        let cp = cpb.baseAddress!
        let fl = flb.baseAddress!
        for rule in rules {
          scratch.removeAll(keepingCapacity: true)
          var start = 0
          for e in out {
            rule.split(cp, fl, start, Int(e), &scratch)
            start = Int(e)
          }
          swap(&out, &scratch)
        }
      }
    }
  }
}
