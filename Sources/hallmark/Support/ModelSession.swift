import Foundation
import GGUF
import Hallmark
import HallmarkModels
import HallmarkText

/// A loaded model with its own tokenizer and chat template, and the facts a record needs.
struct ModelSession {
  let url: URL
  let model: LlamaModel
  let tokenizer: any Tokenizer
  let template: ChatTemplate?
  let sha256: String

  /// Loads `path`, or the default model (fetched when missing).
  init(path: String?, threads: Int) throws {
    url = try path.map { URL(fileURLWithPath: $0) } ?? DefaultModel.locate()
    let file: GGUFFile
    do {
      file = try GGUFFile(contentsOf: url)
    } catch {
      throw CLIError("\(url.path): \(error)")
    }
    model = try LlamaModel(file: file, threads: threads)
    tokenizer = try TokenizerLoader.load(gguf: file.metadata, parseSpecial: true)
    template = ChatTemplate(metadata: file.metadata)
    sha256 = try Self.hash(url)
  }

  /// The prompt's token ids: the chat template applied (when the model has one and `chat`),
  /// then tokenized with the model's own tokenizer.
  func promptIDs(_ messages: [ChatMessage], chat: Bool) -> [Int32] {
    if chat, let template {
      return tokenizer.encode(template.render(messages), addSpecial: false)
    }
    let text = messages.map(\.content).joined(separator: "\n")
    var ids = tokenizer.encode(text, addSpecial: false)
    if model.specialTokens.addBOS, let bos = model.specialTokens.bos, ids.first != bos {
      ids.insert(bos, at: 0)
    }
    return ids
  }

  /// Refuses a key made for another vocabulary or tokenizer.
  func check(_ key: WatermarkKey) throws {
    guard key.vocabularySize == model.vocabularySize else {
      throw KeyError.vocabularyMismatch(
        key: key.id, expected: key.vocabularySize, actual: model.vocabularySize)
    }
    if let expected = key.tokenizerFingerprint, expected != tokenizer.fingerprint.hex {
      throw KeyError.tokenizerMismatch(
        key: key.id, expected: expected, actual: tokenizer.fingerprint.hex)
    }
  }

  static func hash(_ url: URL) throws -> String {
    guard let handle = FileHandle(forReadingAtPath: url.path) else {
      throw CLIError("\(url.path): cannot read model file")
    }
    defer { try? handle.close() }
    let hasher = SHA256.Hasher()
    while let chunk = try handle.read(upToCount: 1 << 22), !chunk.isEmpty {
      chunk.withUnsafeBytes { hasher.update($0) }
    }
    return Hex.encode(hasher.finalize())
  }
}
