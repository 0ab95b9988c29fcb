/// The key/value cache of one sequence for a ``LlamaModel``: for each layer, the keys and
/// values of every position so far (float32, grown on demand).
public final class LlamaCache: @unchecked Sendable {
  /// Number of positions stored (tokens appended so far).
  public private(set) var count = 0
  /// The tokens appended so far.
  public private(set) var tokens: [Int32] = []
  let layers: Int
  let kvDimension: Int
  let modelID: ObjectIdentifier
  private(set) var capacity = 0
  private(set) var keys: [UnsafeMutablePointer<Float>] = []
  private(set) var values: [UnsafeMutablePointer<Float>] = []

  init(layers: Int, kvDimension: Int, modelID: ObjectIdentifier) {
    self.layers = layers
    self.kvDimension = kvDimension
    self.modelID = modelID
  }

  deinit {
    for p in keys { p.deallocate() }
    for p in values { p.deallocate() }
  }

  /// Bytes held by the cache.
  public var byteCount: Int { 2 * layers * capacity * kvDimension * 4 }

  /// Makes room for `n` more positions.
  func reserve(_ n: Int) {
    let needed = count + n
    guard needed > capacity else { return }
    let newCapacity = max(needed, capacity * 2, 64)
    func grow(_ old: [UnsafeMutablePointer<Float>]) -> [UnsafeMutablePointer<Float>] {
      (0..<layers).map { l in
        let p = UnsafeMutablePointer<Float>.allocate(capacity: newCapacity * kvDimension)
        if !old.isEmpty {
          p.update(from: old[l], count: count * kvDimension)
          old[l].deallocate()
        }
        return p
      }
    }
    keys = grow(keys)
    values = grow(values)
    capacity = newCapacity
  }

  func append(_ newTokens: [Int32]) {
    tokens += newTokens
    count += newTokens.count
  }

  /// Forgets every position, keeping the allocated memory.
  public func reset() {
    count = 0
    tokens = []
  }
}
