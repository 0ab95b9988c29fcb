import Foundation
import Hallmark
import HallmarkForensics

/// The documents of a run, from text inputs (tokenized lazily, so a resumed run skips the work)
/// or from a token-id file, with every unreadable piece as a problem.
struct DocumentFeed {
  /// One document.
  struct Document {
    var ordinal: Int
    var origin: DocumentOrigin
    /// Input bytes it spans (progress).
    var inputBytes: Int
    /// Leading tokens that are context only (a `generate` record's prompt in token mode).
    var promptLength = 0
    /// Its token ids, or why it cannot be tested.
    var tokens: () -> Result<[Int32], CLIError>
  }

  enum Item {
    case document(Document)
    case problem(InputProblem)
  }

  private enum Source {
    case text(files: [InputFile], reader: DocumentReader, tokenization: TextTokenization)
    case tokens(path: String)
  }

  private let source: Source
  /// Problems found before reading (inputs that do not exist).
  let upfront: [InputProblem]
  /// Total input bytes when known (progress).
  let totalBytes: Int?

  /// Text documents from `options`, tokenized with `tokenization`.
  init(text options: TextInputOptions, tokenization: TextTokenization) {
    let (files, problems) = InputFiles.expand(options.inputs)
    source = .text(files: files, reader: options.reader, tokenization: tokenization)
    upfront = problems
    totalBytes =
      files.contains(where: \.isStandardInput) ? nil : files.reduce(0) { $0 + ($1.size ?? 0) }
  }

  /// Token-id documents, one per line of `path` ("-" for standard input).
  init(tokens path: String) {
    source = .tokens(path: path)
    upfront = []
    totalBytes = path == "-" ? nil : InputFiles.fileSize(path)
  }

  /// Hands every item to `body`, in input order.
  func visit(_ body: (Item) throws -> Void) throws {
    for problem in upfront { try body(.problem(problem)) }
    switch source {
    case .text(let files, var reader, let tokenization):
      for file in files {
        try reader.read(file) { item in
          switch item {
          case .problem(let p): try body(.problem(p))
          case .document(let d):
            try body(
              .document(
                Document(
                  ordinal: d.ordinal, origin: d.origin, inputBytes: d.inputBytes,
                  tokens: { .success(tokenization.tokens(d.text)) })))
          }
        }
      }
    case .tokens(let path):
      let name = path == "-" ? "<stdin>" : path
      for (index, line) in try TokenFile.read(path: path).enumerated() {
        let origin = DocumentOrigin(file: name, line: index + 1)
        switch line {
        case .invalid(let reason):
          try body(.problem(InputProblem(file: name, line: index + 1, reason: reason)))
        case .document(let ids, let promptLength):
          try body(
            .document(
              Document(
                ordinal: index + 1, origin: origin, inputBytes: ids.count * 6,
                promptLength: promptLength, tokens: { .success(ids) })))
        }
      }
    }
  }
}

extension DocumentFeed {
  /// Hands the documents to `body` in input order, keeping `out`'s progress line (input bytes
  /// and documents) up to date; a problem item is warned about and skipped. Returns how many
  /// problem items there were, for the run's failure count.
  func visitDocuments(reportingTo out: ResultOutput, _ body: (Document) throws -> Void) throws
    -> Int
  {
    var problems = 0
    var bytes = 0
    var count = 0
    try visit { item in
      switch item {
      case .problem(let problem):
        out.warn("\(problem); skipped")
        problems += 1
      case .document(let document):
        bytes += document.inputBytes
        count += 1
        defer { out.progress.update(done: bytes, count: count) }
        try body(document)
      }
    }
    return problems
  }
}
