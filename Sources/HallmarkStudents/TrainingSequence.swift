/// One training document for a student: the teacher's completion, and the prompt it answered.
///
/// Only completion tokens are predicted (counted as n-gram ends); prompt tokens serve as the
/// context of the first completion tokens, as they do when the student is later prompted.
public struct TrainingSequence: Sendable, Equatable {
  /// Context only: the prompt's token ids (may be empty).
  public var prompt: [Int32]
  /// The token ids the student learns to produce.
  public var completion: [Int32]

  /// A document from its prompt and completion.
  public init(prompt: [Int32] = [], completion: [Int32]) {
    self.prompt = prompt
    self.completion = completion
  }
}
