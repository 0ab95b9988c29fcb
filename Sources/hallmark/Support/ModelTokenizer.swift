import Foundation
import GGUF
import HallmarkModels
import HallmarkRadioactivity
import HallmarkText

/// A GGUF model's tokenizer and chat template without its weights: re-tokenizes suspect text
/// for the radioactivity test.
struct ModelTokenizer: SuspectTokenizer {
  let path: String
  let tokenizer: any Tokenizer
  let template: ChatTemplate?

  /// Loads the tokenizer of `path`, or of the default model.
  init(path: String?) throws {
    let url = try path.map { URL(fileURLWithPath: $0) } ?? DefaultModel.locate()
    let file: GGUFFile
    do {
      file = try GGUFFile(contentsOf: url)
    } catch {
      throw CLIError("\(url.path): \(error)")
    }
    self.path = url.path
    tokenizer = try TokenizerLoader.load(gguf: file.metadata, parseSpecial: true)
    template = ChatTemplate(metadata: file.metadata)
  }

  var fingerprint: String { tokenizer.fingerprint.hex }

  func encode(_ text: String) -> [Int32] { tokenizer.encode(text, addSpecial: false) }

  func promptIDs(_ messages: [ChatMessage]) -> [Int32] {
    if let template { return tokenizer.encode(template.render(messages), addSpecial: false) }
    return tokenizer.encode(messages.map(\.content).joined(separator: "\n"), addSpecial: false)
  }
}
