import ArgumentParser
import Foundation
import HallmarkText

/// `hallmark tokenize`: text to token ids (or ids to text) with a model's tokenizer.
struct TokenizeCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "tokenize",
    abstract:
      "Encode text to token ids, or decode ids to text, with a GGUF or tokenizer.json tokenizer.",
    discussion: """
      Reads the given files, or standard input when none is given. Encoding prints one line of
      space-separated ids per input; --json prints one JSON object per input with the tokenizer
      fingerprint. Invalid UTF-8 is an error naming the file and byte offset unless
      --replace-invalid is given. Decoding reads ids separated by spaces, commas or newlines
      (or a JSON array).
      """)

  @Option(name: .long, help: "GGUF model or tokenizer.json.")
  var tokenizer: String

  @Flag(name: .long, help: "Decode ids to text instead of encoding text.")
  var decode = false

  @Flag(name: .long, help: "Print JSON.")
  var json = false

  @Flag(name: .long, help: "Add the model's BOS/EOS (template) tokens.")
  var addSpecial = false

  @Flag(name: .long, help: "Split control tokens such as <|im_end|> out of the text (GGUF).")
  var parseSpecial = false

  @Flag(name: .long, help: "Replace invalid UTF-8 with U+FFFD instead of failing.")
  var replaceInvalid = false

  @Option(
    name: .long,
    help: "Detection-time normalization: none, all, or a list of nfc, homoglyphs, whitespace.")
  var normalize = "none"

  @Argument(help: "Input files (default: standard input).")
  var files: [String] = []

  func run() throws {
    guard let normalization = DetectionNormalization(name: normalize) else {
      throw ValidationError("unknown normalization \(normalize)")
    }
    let tok = try TokenizerLoader.load(
      contentsOf: URL(fileURLWithPath: tokenizer), parseSpecial: parseSpecial)
    let inputs: [(String, Data)] =
      files.isEmpty
      ? [("<stdin>", FileHandle.standardInput.readDataToEndOfFile())]
      : try files.map { f in
        guard let d = FileManager.default.contents(atPath: f) else {
          throw TokenizeFailure("\(f): cannot be read")
        }
        return (f, d)
      }
    for (name, data) in inputs {
      let bytes = [UInt8](data)
      if let bad = UTF8Validation.firstInvalidOffset(bytes), !replaceInvalid {
        throw TokenizeFailure(
          "\(name): invalid UTF-8 at byte offset \(bad) (use --replace-invalid to replace it with U+FFFD)"
        )
      }
      let text = String(decoding: bytes, as: UTF8.self)
      if decode {
        let ids = try parseIDs(text, name: name)
        let out = tok.decode(ids)
        if json {
          print(jsonObject(["file": .string(name), "text": .string(out)]))
        } else {
          print(out, terminator: "")
        }
      } else {
        let ids = tok.encode(normalization.apply(text), addSpecial: addSpecial)
        if json {
          print(
            jsonObject([
              "file": .string(name), "tokenizer": .string(tok.fingerprint.description),
              "preTokenizer": .string(tok.preTokenizer.name),
              "normalization": .string(normalization.name), "count": .int(ids.count),
              "ids": .ints(ids),
            ]))
        } else {
          print(ids.map(String.init).joined(separator: " "))
        }
      }
    }
  }

  private func parseIDs(_ text: String, name: String) throws -> [Int32] {
    var ids: [Int32] = []
    for (i, part) in text.split(whereSeparator: { " ,\n\r\t[]".contains($0) }).enumerated() {
      guard let v = Int32(part), v >= 0 else {
        throw TokenizeFailure("\(name): item \(i) \"\(part)\" is not a token id")
      }
      ids.append(v)
    }
    return ids
  }

  private enum JSONField {
    case string(String)
    case int(Int)
    case ints([Int32])
  }

  private func jsonObject(_ fields: KeyValuePairs<String, JSONField>) -> String {
    func quote(_ s: String) -> String {
      var out = "\""
      for c in s.unicodeScalars {
        switch c {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\r": out += "\\r"
        case "\t": out += "\\t"
        default:
          if c.value < 0x20 {
            out += String(format: "\\u%04x", c.value)
          } else {
            out.unicodeScalars.append(c)
          }
        }
      }
      return out + "\""
    }
    let body = fields.map { k, v -> String in
      let value: String
      switch v {
      case .string(let s): value = quote(s)
      case .int(let i): value = String(i)
      case .ints(let a): value = "[" + a.map(String.init).joined(separator: ",") + "]"
      }
      return quote(k) + ":" + value
    }
    return "{" + body.joined(separator: ",") + "}"
  }
}

/// A failure reported as `Error: <message>` without the usage text.
struct TokenizeFailure: Error, CustomStringConvertible {
  var description: String
  init(_ message: String) { description = message }
}
