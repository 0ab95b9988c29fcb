import Foundation
import Synchronization

#if canImport(Glibc)
  import Glibc
#elseif canImport(Darwin)
  import Darwin
#endif

/// A fixed team of threads for the engine's parallel regions (about 150 per token): the caller
/// runs part 0 and `threads − 1` persistent workers run the others. Workers spin briefly for the
/// next region, then sleep on a condition variable, so a region costs about a microsecond while
/// decoding and an idle model holds no CPU. Deterministic: part `i` always gets the same work.
@available(macOS 15.0, *)
final class WorkerPool: @unchecked Sendable {
  let threads: Int
  private let generation = Atomic<Int>(0)
  private let remaining = Atomic<Int>(0)
  private let sleepers = Atomic<Int>(0)
  private let stopping = Atomic<Bool>(false)
  private var job: ((Int) -> Void)?
  // Allocated, never moved: a pthread object must keep its address.
  private let mutex = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  private let condition = UnsafeMutablePointer<pthread_cond_t>.allocate(capacity: 1)
  /// Held by the thread whose region is running: callers on other threads wait their turn.
  private let entry = UnsafeMutablePointer<pthread_mutex_t>.allocate(capacity: 1)
  /// Spins before a worker sleeps (each spin is one atomic load and a pause).
  private let spins = 20_000

  init(threads: Int) {
    self.threads = max(1, threads)
    pthread_mutex_init(mutex, nil)
    pthread_mutex_init(entry, nil)
    pthread_cond_init(condition, nil)
    for part in 1..<self.threads {
      let thread = Thread { self.work(part) }
      thread.stackSize = 1 << 20
      thread.start()
    }
  }

  deinit {
    pthread_mutex_destroy(mutex)
    pthread_mutex_destroy(entry)
    pthread_cond_destroy(condition)
    mutex.deallocate()
    entry.deallocate()
    condition.deallocate()
  }

  /// Stops the workers, which hold the pool until they exit (the owner calls this when it is
  /// released).
  func stop() {
    stopping.store(true, ordering: .releasing)
    generation.add(1, ordering: .releasing)
    pthread_mutex_lock(mutex)
    pthread_cond_broadcast(condition)
    pthread_mutex_unlock(mutex)
  }

  /// Runs `body(part)` for every part in `0..<threads`, the caller taking part 0; returns when
  /// all parts are done. Calls from several threads run one after the other.
  func run(_ body: (Int) -> Void) {
    if threads == 1 {
      body(0)
      return
    }
    pthread_mutex_lock(entry)
    defer { pthread_mutex_unlock(entry) }
    withoutActuallyEscaping(body) { body in
      job = body
      remaining.store(threads - 1, ordering: .relaxed)
      generation.add(1, ordering: .sequentiallyConsistent)
      if sleepers.load(ordering: .sequentiallyConsistent) > 0 {
        pthread_mutex_lock(mutex)
        pthread_cond_broadcast(condition)
        pthread_mutex_unlock(mutex)
      }
      body(0)
      var spun = 0
      while remaining.load(ordering: .acquiring) > 0 {
        spun += 1
        if spun > spins { sched_yield() }
      }
      job = nil
    }
  }

  private func work(_ part: Int) {
    // The generation the pool was created with (0), not the current one: a region may start
    // before this thread does.
    var seen = 0
    while true {
      var spun = 0
      var current = generation.load(ordering: .acquiring)
      while current == seen {
        spun += 1
        if spun > spins {
          pthread_mutex_lock(mutex)
          sleepers.add(1, ordering: .sequentiallyConsistent)
          current = generation.load(ordering: .sequentiallyConsistent)
          while current == seen {
            pthread_cond_wait(condition, mutex)
            current = generation.load(ordering: .acquiring)
          }
          sleepers.subtract(1, ordering: .releasing)
          pthread_mutex_unlock(mutex)
          break
        }
        current = generation.load(ordering: .acquiring)
      }
      seen = current
      if stopping.load(ordering: .acquiring) { return }
      job!(part)
      remaining.subtract(1, ordering: .releasing)
    }
  }
}
