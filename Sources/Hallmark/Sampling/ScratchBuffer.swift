/// Reusable storage for a hot loop: an unmanaged buffer that grows to the largest size asked
/// for and never shrinks, so a decode step allocates nothing once warmed up. The contents are
/// not kept across a growth. Not thread-safe.
final class ScratchBuffer<Element> {
  /// The storage, valid for the last `reserve`d count.
  private(set) var base: UnsafeMutablePointer<Element>
  private var capacity = 1

  init() { base = .allocate(capacity: 1) }

  deinit { base.deallocate() }

  /// Makes room for `n` elements.
  func reserve(_ n: Int) {
    guard n > capacity else { return }
    base.deallocate()
    base = .allocate(capacity: n)
    capacity = n
  }
}
