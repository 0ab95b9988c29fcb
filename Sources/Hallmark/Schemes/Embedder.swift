/// The generation side of a scheme: picks each next token so that the text carries the key's
/// signature (Spec/schemes.md).
///
/// A decode loop calls `nextToken` once per step with the model's logits divided by the
/// temperature (left as they are when greedy). The embedder may change the logits in place;
/// it allocates nothing per step once warmed up. One embedder serves one thread.
public protocol Embedder: AnyObject {
  /// The scheme and parameters this embedder applies.
  var scheme: SchemeParameters { get }

  /// The next token. `context` holds every preceding token id (prompt and generated);
  /// `uniform` is the step's one draw from [0, 1), used where the scheme needs ordinary
  /// randomness (inverse-CDF sampling).
  func nextToken(
    logits: UnsafeMutableBufferPointer<Float>, context: UnsafeBufferPointer<Int32>,
    settings: SamplingSettings, uniform: Double
  ) -> Int32
}

extension Embedder {
  /// `nextToken` for arrays (convenience for tests and small tools).
  public func nextToken(
    logits: inout [Float], context: [Int32], settings: SamplingSettings, uniform: Double
  ) -> Int32 {
    logits.withUnsafeMutableBufferPointer { l in
      context.withUnsafeBufferPointer { c in
        nextToken(logits: l, context: c, settings: settings, uniform: uniform)
      }
    }
  }
}
