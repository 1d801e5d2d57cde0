import AsyncHTTPClient
import Foundation
import Logging
import NIOHTTP1
import TeleradarCore

/// Anthropic Messages API: `POST {base}/v1/messages` with `x-api-key` and `anthropic-version`. System messages
/// go to the top-level `system` field; the answer is the concatenated `content[].text` blocks. A `refusal` stop
/// or an empty answer is `ModelError.badResponse`; 529 (overloaded) is `unavailable`.
package struct AnthropicChatModel: ChatModel {
    /// Settings of the endpoint and model.
    package struct Configuration: Sendable {
        /// Base URL (`https://api.anthropic.com`).
        package var baseURL: String
        /// The API key, sent as `x-api-key`.
        package var apiKey: String
        /// Model name, e.g. `claude-3-5-haiku-latest`.
        package var model: String
        /// Value of `anthropic-version`.
        package var apiVersion: String
        /// Deadline of one request.
        package var timeout: Duration

        /// Creates a configuration.
        package init(
            baseURL: String = "https://api.anthropic.com",
            apiKey: String,
            model: String,
            apiVersion: String = "2023-06-01",
            timeout: Duration = .seconds(60)
        ) {
            self.baseURL = baseURL
            self.apiKey = apiKey
            self.model = model
            self.apiVersion = apiVersion
            self.timeout = timeout
        }
    }

    struct Message: Encodable {
        var role: String
        var content: String
    }

    struct Request: Encodable {
        var model: String
        var maxTokens: Int
        var system: String?
        var messages: [Message]
        var temperature: Double

        enum CodingKeys: String, CodingKey {
            case model, system, messages, temperature
            case maxTokens = "max_tokens"
        }
    }

    struct Response: Decodable {
        struct Block: Decodable {
            var type: String
            var text: String?
        }
        struct Usage: Decodable {
            var inputTokens: Int?
            var outputTokens: Int?

            enum CodingKeys: String, CodingKey {
                case inputTokens = "input_tokens"
                case outputTokens = "output_tokens"
            }
        }
        var content: [Block]
        var model: String?
        var stopReason: String?
        var usage: Usage?

        enum CodingKeys: String, CodingKey {
            case content, model, usage
            case stopReason = "stop_reason"
        }
    }

    /// The settings in use.
    package let configuration: Configuration
    private let transport: ModelTransport

    /// `anthropic:model`.
    package var name: String { "anthropic:\(configuration.model)" }

    /// Creates a chat model on a shared HTTP client.
    package init(
        configuration: Configuration, httpClient: HTTPClient, logger: Logger = Logger(label: "teleradar.ai.anthropic")
    ) {
        self.configuration = configuration
        self.transport = ModelTransport(httpClient: httpClient, timeout: configuration.timeout, logger: logger)
    }

    /// One non-streaming completion.
    package func complete(_ request: ChatRequest) async throws -> ChatResponse {
        let system = request.messages.filter { $0.role == .system }.map(\.content).joined(separator: "\n\n")
        let turns = request.messages.filter { $0.role != .system }
            .map { Message(role: $0.role.rawValue, content: $0.content) }
        guard let first = turns.first, first.role == ChatMessage.Role.user.rawValue else {
            throw ModelError.rejected("Anthropic needs the conversation to start with a user message")
        }
        let body = Request(
            model: configuration.model,
            maxTokens: request.maxTokens,
            system: system.isEmpty ? nil : system,
            messages: turns,
            temperature: min(max(request.temperature, 0), 1)
        )
        var headers = HTTPHeaders()
        headers.add(name: "x-api-key", value: configuration.apiKey)
        headers.add(name: "anthropic-version", value: configuration.apiVersion)
        let url = ModelEndpoint.url(base: configuration.baseURL, path: "/v1/messages")
        let response = try await transport.postJSON(url: url, headers: headers, body: body)
        let decoded = try ModelTransport.decode(Response.self, from: response)
        if decoded.stopReason == "refusal" {
            throw ModelError.badResponse("refusal")
        }
        let text = decoded.content.filter { $0.type == "text" }.compactMap(\.text).joined()
            .trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            throw ModelError.badResponse("empty answer (stop_reason \(decoded.stopReason ?? "none"))")
        }
        return ChatResponse(
            text: text,
            model: decoded.model ?? configuration.model,
            promptTokens: decoded.usage?.inputTokens,
            completionTokens: decoded.usage?.outputTokens
        )
    }
}
