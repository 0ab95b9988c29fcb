import Hallmark

/// The open-weights radioactivity test (Sander et al. 2024, "reading mode";
/// Spec/radioactivity.md#open-weights-test): our watermarked text is fed through the suspect
/// model with teacher forcing, and at every completion position the suspect's top-1 prediction
/// forms a tuple with the window of *our* text before that position. Tuples are deduplicated
/// across all documents; a tuple that already occurs earlier in the same document (prompt
/// included) is left out, because a model that copies from its context could reproduce our
/// watermarked tuples without having been trained on them.
public enum ReadingMode {
  /// One document of our text: a prompt (context only) and a completion that is read.
  public typealias Sequence = (prompt: [Int32], completion: [Int32])

  /// The tuples of a read-through, with its counts.
  public struct Tuples: Sendable {
    /// The distinct (window of our text, predicted token) tuples.
    public var batch: TupleBatch
    /// Positions read (completion positions with a full window).
    public var positions = 0
    /// Predictions whose tuple occurs earlier in the same document: left out.
    public var copies = 0
  }

  /// The tuples of `sequences` read with `predictions[i][j]`, the suspect's top-1 token for
  /// `sequences[i].completion[j]` given everything before it.
  public static func tuples(
    sequences: [Sequence], predictions: [[Int32]], contextWidth h: Int
  ) -> Tuples {
    precondition(sequences.count == predictions.count, "one prediction list per sequence")
    var result = Tuples(batch: TupleBatch(contextWidth: h))
    var tuple = [Int32](repeating: 0, count: h + 1)
    for (i, s) in sequences.enumerated() {
      precondition(predictions[i].count == s.completion.count, "one prediction per position")
      let text = s.prompt + s.completion
      var seen = SequenceSet(length: h + 1)
      text.withUnsafeBufferPointer { t in
        // Tuples of the prompt (and of the text before the first read position).
        for end in stride(from: h, to: s.prompt.count, by: 1) {
          seen.insert(t.baseAddress! + end - h)
        }
        for j in 0..<s.completion.count {
          let position = s.prompt.count + j
          if position >= h {
            for k in 0..<h { tuple[k] = t[position - h + k] }
            tuple[h] = predictions[i][j]
            result.positions += 1
            let copied = tuple.withUnsafeBufferPointer { seen.contains($0.baseAddress!) }
            if copied {
              result.copies += 1
            } else {
              result.batch.add(tuple, promptLength: h)
            }
            // Our own tuple at this position becomes visible to the next prediction.
            seen.insert(t.baseAddress! + position - h)
          }
        }
      }
    }
    return result
  }
}
