/// Counts a corpus into a Kneser–Ney student (`NGramModel`).
///
/// Each document is its prompt (context only) followed by its completion, left-padded with
/// `order − 1` start symbols. Every n-gram that ends on a completion token is counted: raw
/// counts at the highest order, and at each lower order the continuation count N1+(• w…), the
/// number of distinct tokens seen before it (Spec/students.md). Nodes live in one hash map per
/// order keyed by (parent node, token), so counting costs `order` lookups per token.
public struct NGramTrainer {
  /// n: the longest n-gram.
  public let order: Int
  /// V: the vocabulary of token ids.
  public let vocabularySize: Int
  /// Completion tokens counted so far.
  public private(set) var trainedTokens = 0

  private var tables: [PackedKeyTable]
  /// Per level 1…n (index L − 1): each node's parent, last token, raw and continuation count.
  private var parents: [[UInt32]]
  private var tokens: [[UInt32]]
  private var raw: [[UInt32]]
  private var continuation: [[UInt32]]

  /// A trainer for an order-`order` model over `vocabularySize` token ids.
  public init(order: Int, vocabularySize: Int) throws(StudentError) {
    guard NGramModel.orders.contains(order) else {
      throw .invalidParameter("order must be in 2...5, got \(order)")
    }
    guard vocabularySize > 0 && vocabularySize <= NGramModel.maximumVocabularySize else {
      throw .invalidParameter(
        "vocabularySize must be in 1...\(NGramModel.maximumVocabularySize), got \(vocabularySize)"
      )
    }
    self.order = order
    self.vocabularySize = vocabularySize
    tables = (0..<order).map { _ in PackedKeyTable() }
    parents = Array(repeating: [], count: order)
    tokens = Array(repeating: [], count: order)
    raw = Array(repeating: [], count: order)
    continuation = Array(repeating: [], count: order)
  }

  /// Counts one document. `source` names it in errors (e.g. "corpus.jsonl:12").
  public mutating func add(_ sequence: TrainingSequence, source: String = "sequence")
    throws(StudentError)
  {
    for (i, id) in (sequence.prompt + sequence.completion).enumerated()
    where id < 0 || Int(id) >= vocabularySize {
      throw .tokenOutOfRange(
        source: source, position: i, id: Int64(id), vocabularySize: vocabularySize)
    }
    guard !sequence.completion.isEmpty else { return }
    guard trainedTokens + sequence.completion.count < Int(UInt32.max) else {
      throw .invalidParameter("\(source): the corpus exceeds \(UInt32.max) completion tokens")
    }
    let padding = UInt32(vocabularySize)
    var padded = [UInt32](repeating: padding, count: order - 1)
    padded.reserveCapacity(order - 1 + sequence.prompt.count + sequence.completion.count)
    for id in sequence.prompt { padded.append(UInt32(id)) }
    for id in sequence.completion { padded.append(UInt32(id)) }
    let firstTarget = order - 1 + sequence.prompt.count
    count(padded, firstTarget: firstTarget)
    trainedTokens += sequence.completion.count
  }

  /// Counts the n-grams of `padded` that end at or after `firstTarget`. Starts are walked
  /// from the end so that the walk from s + 1 (the suffixes of this walk's n-grams) is known
  /// when an n-gram is seen for the first time and its suffix's continuation count grows.
  private mutating func count(_ padded: [UInt32], firstTarget: Int) {
    let n = order
    var previous = [UInt32](repeating: 0, count: n)
    var current = [UInt32](repeating: 0, count: n)
    let lowest = max(0, firstTarget - (n - 1))
    for start in stride(from: padded.count - 1, through: lowest, by: -1) {
      var parent: UInt32 = 0
      for length in 1...min(n, padded.count - start) {
        let level = length - 1
        let token = padded[start + length - 1]
        let key = PackedKeyTable.key(parent: parent, token: token)
        let next = UInt32(parents[level].count)
        let (node, inserted) = tables[level].findOrInsert(key) { next }
        if inserted {
          parents[level].append(parent)
          tokens[level].append(token)
          raw[level].append(0)
          continuation[level].append(0)
        }
        current[level] = node
        if start + length - 1 >= firstTarget {
          raw[level][Int(node)] += 1
          if raw[level][Int(node)] == 1 && length >= 2 {
            continuation[level - 1][Int(previous[level - 1])] += 1
          }
        }
        parent = node
      }
      swap(&previous, &current)
    }
  }

  /// Bytes held by the counting tables.
  public var memoryBytes: Int {
    var bytes = 0
    for level in 0..<order {
      bytes += tables[level].storageBytes + parents[level].count * 16
    }
    return bytes
  }

  /// The trained model: n-grams that are neither counted nor context of a counted one are
  /// dropped, the rest sorted into a trie in (parent, token) order, so the result does not
  /// depend on the order in which nodes were first met.
  public func build() -> NGramModel {
    let n = order
    func adjusted(_ level: Int, _ node: Int) -> UInt32 {
      level == n - 1 ? raw[level][node] : continuation[level][node]
    }
    // Keep counted nodes and the prefixes of kept nodes.
    var keep: [[Bool]] = (0..<n).map { [Bool](repeating: false, count: parents[$0].count) }
    for level in stride(from: n - 1, through: 0, by: -1) {
      for node in 0..<parents[level].count where adjusted(level, node) > 0 || keep[level][node] {
        keep[level][node] = true
        if level > 0 { keep[level - 1][Int(parents[level][node])] = true }
      }
    }
    var levels = [NGramLevel(tokens: [0], counts: [0], childStart: [0, 0])]
    var newIndex = [UInt32]()
    for level in 0..<n {
      var order: [(key: UInt64, node: UInt32)] = []
      for node in 0..<parents[level].count where keep[level][node] {
        let parent = level == 0 ? 0 : newIndex[Int(parents[level][node])]
        order.append((UInt64(parent) << 32 | UInt64(tokens[level][node]), UInt32(node)))
      }
      order.sort { $0.key < $1.key }
      var index = [UInt32](repeating: UInt32.max, count: parents[level].count)
      var sortedTokens = [UInt32](repeating: 0, count: order.count)
      var counts = [UInt32](repeating: 0, count: order.count)
      var childStart = [UInt32](repeating: 0, count: levels[level].count + 1)
      for (position, entry) in order.enumerated() {
        index[Int(entry.node)] = UInt32(position)
        sortedTokens[position] = UInt32(truncatingIfNeeded: entry.key)
        counts[position] = adjusted(level, Int(entry.node))
        childStart[Int(entry.key >> 32) + 1] += 1
      }
      for i in 0..<levels[level].count { childStart[i + 1] += childStart[i] }
      levels[level].childStart = childStart
      levels.append(NGramLevel(tokens: sortedTokens, counts: counts, childStart: []))
      newIndex = index
    }
    levels[n].childStart = []
    let discounts = (1...n).map { k in
      var countOfCounts = [0, 0, 0, 0]
      for c in levels[k].counts where c >= 1 && c <= 4 { countOfCounts[Int(c) - 1] += 1 }
      return KneserNeyDiscounts.estimate(countOfCounts: countOfCounts)
    }
    return NGramModel(
      order: n, vocabularySize: vocabularySize, discounts: discounts,
      trainedTokens: trainedTokens, levels: levels)
  }
}

extension NGramModel {
  /// Trains an order-`order` model on `corpus`.
  public static func train(order: Int, vocabularySize: Int, corpus: [TrainingSequence])
    throws(StudentError) -> NGramModel
  {
    var trainer = try NGramTrainer(order: order, vocabularySize: vocabularySize)
    for (i, sequence) in corpus.enumerated() {
      try trainer.add(sequence, source: "sequence \(i + 1)")
    }
    return trainer.build()
  }

  /// Trains an order-`order` model on completions without prompts.
  public static func train(order: Int, vocabularySize: Int, sequences: [[Int32]])
    throws(StudentError) -> NGramModel
  {
    try train(
      order: order, vocabularySize: vocabularySize,
      corpus: sequences.map { TrainingSequence(completion: $0) })
  }
}
