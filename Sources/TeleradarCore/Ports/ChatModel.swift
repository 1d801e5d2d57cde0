/// A chat completion model: OpenAI-compatible (OpenRouter, OpenAI, Ollama, gpt2giga), native GigaChat,
/// Anthropic Messages. Used through a fallback chain; when none answers, answers are extractive.
package protocol ChatModel: Sendable {
    /// Provider and model, for logs, metrics and `rag_queries.model`, e.g. `openrouter:anthropic/claude-3.5-haiku`.
    var name: String { get }
    /// One completion.
    func complete(_ request: ChatRequest) async throws -> ChatResponse
}

/// One message of a conversation.
package struct ChatMessage: Sendable, Hashable, Codable {
    package enum Role: String, Sendable, Hashable, Codable { case system, user, assistant }
    package var role: Role
    package var content: String

    package init(role: Role, content: String) {
        self.role = role
        self.content = content
    }

    package static func system(_ content: String) -> ChatMessage { ChatMessage(role: .system, content: content) }
    package static func user(_ content: String) -> ChatMessage { ChatMessage(role: .user, content: content) }
    package static func assistant(_ content: String) -> ChatMessage { ChatMessage(role: .assistant, content: content) }
}

/// A completion request.
package struct ChatRequest: Sendable, Hashable {
    package var messages: [ChatMessage]
    package var maxTokens: Int
    package var temperature: Double

    package init(messages: [ChatMessage], maxTokens: Int = 800, temperature: Double = 0.2) {
        self.messages = messages
        self.maxTokens = maxTokens
        self.temperature = temperature
    }
}

/// A completion.
package struct ChatResponse: Sendable, Hashable {
    package var text: String
    /// The model that actually answered (providers may route).
    package var model: String
    package var promptTokens: Int?
    package var completionTokens: Int?

    package init(text: String, model: String, promptTokens: Int? = nil, completionTokens: Int? = nil) {
        self.text = text
        self.model = model
        self.promptTokens = promptTokens
        self.completionTokens = completionTokens
    }
}

/// Failures of model providers, classified for the fallback chain.
package enum ModelError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Bad credentials or forbidden: retrying will not help.
    case unauthorized(String)
    /// Rate limited; `retryAfter` seconds when the provider said.
    case rateLimited(retryAfter: Int?)
    /// Timed out.
    case timeout
    /// The provider failed (5xx, connection refused…).
    case unavailable(String)
    /// The answer could not be decoded, was empty, or was a refusal.
    case badResponse(String)
    /// The request was refused as invalid (4xx other than auth/rate).
    case rejected(String)

    package var description: String {
        switch self {
        case .unauthorized(let message): "unauthorized: \(message)"
        case .rateLimited(let after): "rate limited\(after.map { ", retry after \($0) s" } ?? "")"
        case .timeout: "timed out"
        case .unavailable(let message): "unavailable: \(message)"
        case .badResponse(let message): "bad response: \(message)"
        case .rejected(let message): "rejected: \(message)"
        }
    }
}
