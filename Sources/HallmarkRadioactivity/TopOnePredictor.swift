import Dispatch
import Hallmark
import HallmarkModels
import HallmarkStudents

/// A suspect model read with teacher forcing: its most likely next token at every completion
/// position of our text (ties go to the smallest id).
public protocol TopOnePredictor {
  /// `result[i][j]`: the top-1 token predicted for `sequences[i].completion[j]` given the prompt
  /// and `completion[..<j]`.
  func predictions(for sequences: [ReadingMode.Sequence]) throws -> [[Int32]]
}

/// The index of the largest value; the first one on ties.
@inline(__always) func argmax(_ values: UnsafeBufferPointer<Float>) -> Int32 {
  var best = 0
  var top = -Float.infinity
  for i in 0..<values.count where values[i] > top {
    top = values[i]
    best = i
  }
  return Int32(best)
}

/// An n-gram student as the suspect (`HallmarkStudents`): no GGUF needed.
public struct StudentPredictor: TopOnePredictor {
  /// The student.
  public let model: NGramModel
  /// Worker threads; the output does not depend on them.
  public let threads: Int

  /// A predictor for `model` on `threads` threads.
  public init(model: NGramModel, threads: Int = System.processorCount) {
    self.model = model
    self.threads = max(1, threads)
  }

  /// One slot per sequence, each written by exactly one worker.
  private final class Slots: @unchecked Sendable {
    let values: UnsafeMutablePointer<[Int32]>
    let count: Int
    init(count: Int) {
      self.count = count
      values = .allocate(capacity: count)
      values.initialize(repeating: [], count: count)
    }
    deinit {
      values.deinitialize(count: count)
      values.deallocate()
    }
  }

  public func predictions(for sequences: [ReadingMode.Sequence]) throws -> [[Int32]] {
    let slots = Slots(count: sequences.count)
    let model = self.model
    let workers = max(1, min(threads, sequences.count))
    let window = model.order - 1
    DispatchQueue.concurrentPerform(iterations: workers) { worker in
      let decoder = NGramDecoder(model: model)
      var logits = [Float](repeating: 0, count: model.vocabularySize)
      for i in stride(from: worker, to: sequences.count, by: workers) {
        let text = sequences[i].prompt + sequences[i].completion
        let first = sequences[i].prompt.count
        var out = [Int32](repeating: 0, count: sequences[i].completion.count)
        text.withUnsafeBufferPointer { t in
          logits.withUnsafeMutableBufferPointer { l in
            for j in 0..<out.count {
              let end = first + j
              let start = max(0, end - window)
              let context = UnsafeBufferPointer(rebasing: t[start..<end])
              decoder.logits(context: context, into: l)
              out[j] = argmax(UnsafeBufferPointer(l))
            }
          }
        }
        slots.values[i] = out
      }
    }
    return Array(UnsafeBufferPointer(start: slots.values, count: slots.count))
  }
}

/// A language model (a GGUF Llama model through `HallmarkModels`) as the suspect: batched
/// teacher forcing, top-1 of the logits at every position.
public struct LanguageModelPredictor<Model: LanguageModel>: TopOnePredictor {
  /// The suspect model.
  public let model: Model
  /// Sequences decoded together.
  public let batchSize: Int

  /// A predictor for `model`, `batchSize` sequences at a time.
  public init(model: Model, batchSize: Int = 8) {
    self.model = model
    self.batchSize = batchSize
  }

  public func predictions(for sequences: [ReadingMode.Sequence]) throws -> [[Int32]] {
    var out = sequences.map { [Int32](repeating: 0, count: $0.completion.count) }
    let forced = sequences.map {
      TeacherForcing.Sequence(prompt: $0.prompt, completion: $0.completion)
    }
    try TeacherForcing.run(model: model, sequences: forced, batchSize: batchSize) { i, j, logits in
      out[i][j] = argmax(logits)
    }
    return out
  }
}
