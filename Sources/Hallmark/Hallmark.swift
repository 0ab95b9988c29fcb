/// Hallmark's core: keys, keyed PRFs, watermark schemes (each an embedder and a scorer),
/// dedup, and exact statistics. Token-level and free of I/O: it takes `[Float]` logits and
/// `[Int32]` token ids, so that it can run inside any provider's decode loop.
public enum HallmarkCore {
  /// The version of the Spec this library implements.
  public static let specVersion = "1"
}
