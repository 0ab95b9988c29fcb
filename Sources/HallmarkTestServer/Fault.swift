/// What the test server does to one request instead of (or on the way to) answering it.
public enum Fault: Sendable, Equatable {
  /// Answer normally.
  case none
  /// Close the connection without answering.
  case drop
  /// Send the head and half the body, then close the connection.
  case truncate
  /// Answer with this status and an OpenAI-style error body; `retryAfter` is sent as the
  /// `Retry-After` header when set.
  case status(Int, retryAfter: String?)

  /// HTTP 429 Too Many Requests.
  public static func tooManyRequests(retryAfter: String? = nil) -> Fault {
    .status(429, retryAfter: retryAfter)
  }
  /// HTTP 500 Internal Server Error.
  public static let serverError = Fault.status(500, retryAfter: nil)
}

/// Which fault each request gets, by its number (1, 2, … in order of arrival).
public struct FaultPlan: Sendable {
  /// The fault of request `number`.
  public let fault: @Sendable (Int) -> Fault

  /// A plan from a rule.
  public init(_ fault: @escaping @Sendable (Int) -> Fault) { self.fault = fault }

  /// No faults.
  public static let none = FaultPlan { _ in .none }

  /// Request i gets `faults[i − 1]`; later requests are answered normally.
  public static func sequence(_ faults: [Fault]) -> FaultPlan {
    FaultPlan { number in number <= faults.count ? faults[number - 1] : .none }
  }

  /// Each request independently gets a fault with the given probabilities, decided by a
  /// hash of (seed, request number), so a plan is reproducible.
  public static func random(
    drop: Double = 0, truncate: Double = 0, tooManyRequests: Double = 0, serverError: Double = 0,
    retryAfter: String? = nil, seed: UInt64 = 1
  ) -> FaultPlan {
    FaultPlan { number in
      var z = seed &+ UInt64(number) &* 0x9E37_79B9_7F4A_7C15
      z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
      z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
      let u = Double((z ^ (z >> 31)) >> 11) * 0x1p-53
      var edge = drop
      if u < edge { return .drop }
      edge += truncate
      if u < edge { return .truncate }
      edge += tooManyRequests
      if u < edge { return .tooManyRequests(retryAfter: retryAfter) }
      edge += serverError
      if u < edge { return .serverError }
      return .none
    }
  }
}
