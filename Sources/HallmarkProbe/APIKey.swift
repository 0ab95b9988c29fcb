import Foundation

/// A bearer token for the suspect's API. It is sent in the `Authorization` header only and
/// never printed: its description and reflection are redacted.
public struct APIKey: Sendable, Equatable, CustomStringConvertible, CustomReflectable {
  let secret: String

  /// A key given directly.
  public init(_ secret: String) { self.secret = secret }

  /// The key in environment variable `variable`; throws when it is unset or empty.
  public static func fromEnvironment(_ variable: String) throws(ProbeError) -> APIKey {
    guard let value = ProcessInfo.processInfo.environment[variable], !value.isEmpty else {
      throw .missingAPIKey(variable: variable)
    }
    return APIKey(value)
  }

  /// The `Authorization` header's value.
  var headerValue: String { "Bearer " + secret }

  public var description: String { "APIKey(<redacted>)" }
  public var customMirror: Mirror { Mirror(self, children: []) }
}
