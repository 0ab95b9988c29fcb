/// The n-grams of one length in a student's trie, sorted by (parent, token).
///
/// Node i at level L is an L-gram: its parent (at level L − 1) is its first L − 1 tokens and
/// `tokens[i]` its last. The children of node i at level L + 1 are
/// `childStart[i] ..< childStart[i + 1]`, sorted by token, so a lookup is a binary search.
/// Level 0 holds the single root node (the empty n-gram).
struct NGramLevel: Sendable, Equatable {
  /// The last token of each node; the sentence-start padding token is the vocabulary size.
  var tokens: [UInt32]
  /// The adjusted count of each node (raw at the highest order, continuation count below);
  /// 0 for a node that only serves as context.
  var counts: [UInt32]
  /// Offsets of each node's children in the next level (`count + 1` entries; empty for the
  /// highest order).
  var childStart: [UInt32]

  var count: Int { tokens.count }
}
