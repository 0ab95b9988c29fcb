import ArgumentParser
import HallmarkForensics
import HallmarkText

/// Where documents come from and how their text becomes token ids (detect, scan, explain).
struct TextInputOptions: ParsableArguments {
  @Argument(
    help: ArgumentHelp(
      "Files or folders (searched recursively, in path order); \"-\" or nothing reads standard input.",
      valueName: "input"))
  var inputs: [String] = []

  @Option(help: "GGUF model or tokenizer.json (default: the model the key records, when fetched).")
  var tokenizer: String?

  @Option(
    help: "Input format: auto (.jsonl/.ndjson are JSONL), text (a file is one document), jsonl.")
  var format: InputFormat = .auto

  @Option(help: "JSONL field holding the text; a dotted path reaches nested fields.")
  var field = "text"

  @Option(help: "JSONL field holding the document id (reported with the results).")
  var idField: String?

  @Option(
    help: "Detection-time normalization: none, all, or a list of nfc, homoglyphs, whitespace.")
  var normalize = "none"

  @Flag(help: "Replace invalid UTF-8 with U+FFFD instead of skipping the document.")
  var replaceInvalid = false

  func validate() throws {
    guard JSONFieldPath(field) != nil else {
      throw ValidationError("--field \"\(field)\" is not a field path")
    }
    if let idField, JSONFieldPath(idField) == nil {
      throw ValidationError("--id-field \"\(idField)\" is not a field path")
    }
    guard DetectionNormalization(name: normalize) != nil else {
      throw ValidationError(
        "unknown normalization \"\(normalize)\"; expected none, all, or nfc, homoglyphs, whitespace"
      )
    }
  }

  var normalization: DetectionNormalization { DetectionNormalization(name: normalize)! }

  var reader: DocumentReader {
    DocumentReader(
      format: format, field: JSONFieldPath(field)!, idField: idField.flatMap { JSONFieldPath($0) },
      replaceInvalidUTF8: replaceInvalid)
  }
}

extension InputFormat: ExpressibleByArgument {}
