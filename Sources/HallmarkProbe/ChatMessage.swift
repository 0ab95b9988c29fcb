/// One message of an OpenAI-style chat: a role ("system", "user", "assistant") and its text.
public struct ChatMessage: Codable, Sendable, Equatable {
  /// Who speaks.
  public var role: String
  /// What is said.
  public var content: String

  /// A message.
  public init(role: String, content: String) {
    self.role = role
    self.content = content
  }
}
