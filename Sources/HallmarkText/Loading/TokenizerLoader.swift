import Foundation
import GGUF

/// Loads a tokenizer from a Hugging Face `tokenizer.json` or from the metadata of a GGUF file.
public enum TokenizerLoader {
  /// Loads from `url`, recognising GGUF by its magic bytes and otherwise reading
  /// `tokenizer.json`.
  ///
  /// - Parameter parseSpecial: for GGUF vocabularies, also split control tokens (`<s>`,
  ///   `<|im_end|>`, …) out of the text, like llama.cpp's `parse_special`; off by default, as in
  ///   llama.cpp's tokenizer tests. `tokenizer.json` tokenizers always split their added tokens,
  ///   as Hugging Face `tokenizers` does.
  public static func load(contentsOf url: URL, parseSpecial: Bool = false) throws -> any Tokenizer {
    let path = url.path
    guard let fh = FileHandle(forReadingAtPath: path) else {
      throw TokenizerError(file: path, field: "file", reason: "cannot be opened")
    }
    let magic = (try? fh.read(upToCount: 4)) ?? nil
    try? fh.close()
    if let m = magic, Array(m) == Array("GGUF".utf8) {
      let md: GGUFMetadata
      do {
        md = try GGUFFile.readMetadata(contentsOf: url)
      } catch let e as GGUFError {
        throw TokenizerError(
          file: e.file, field: e.field,
          reason: e.reason + (e.offset.map { " (at byte \($0))" } ?? ""))
      }
      return try GGUFTokenizerLoader.load(md, parseSpecial: parseSpecial)
    }
    guard let data = FileManager.default.contents(atPath: path) else {
      throw TokenizerError(file: path, field: "file", reason: "cannot be read")
    }
    return try TokenizerJSONLoader.load([UInt8](data), file: path)
  }

  /// Builds the tokenizer described by GGUF metadata (`tokenizer.ggml.*`).
  public static func load(gguf metadata: GGUFMetadata, parseSpecial: Bool = false) throws
    -> any Tokenizer
  {
    try GGUFTokenizerLoader.load(metadata, parseSpecial: parseSpecial)
  }

  /// Builds the tokenizer described by the bytes of a `tokenizer.json`.
  public static func load(tokenizerJSON bytes: [UInt8], name: String = "<memory>") throws
    -> any Tokenizer
  {
    try TokenizerJSONLoader.load(bytes, file: name)
  }
}
