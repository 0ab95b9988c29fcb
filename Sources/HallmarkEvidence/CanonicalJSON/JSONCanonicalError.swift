/// Why a value cannot be written as canonical JSON (RFC 8785).
public enum JSONCanonicalError: Error, Equatable, CustomStringConvertible {
  /// NaN and the infinities have no JSON form; `path` names where the value sits.
  case nonFiniteNumber(path: String)

  public var description: String {
    switch self {
    case .nonFiniteNumber(let path):
      return "canonical JSON: the number at \(path) is NaN or infinite, which JSON cannot hold"
    }
  }
}
