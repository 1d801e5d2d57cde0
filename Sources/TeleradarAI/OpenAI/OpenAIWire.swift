import TeleradarCore

/// JSON bodies of the OpenAI-compatible `/v1/embeddings` and `/v1/chat/completions` endpoints, as far as
/// Teleradar uses them (checked against the OpenAI OpenAPI schemas `CreateEmbeddingRequest`,
/// `CreateEmbeddingResponse`, `CreateChatCompletionRequest`, `CreateChatCompletionResponse`).
package enum OpenAIWire {
    /// `CreateEmbeddingRequest`: `model` and `input` are required.
    package struct EmbeddingRequest: Encodable, Sendable {
        package var model: String
        package var input: [String]
        package var dimensions: Int?
    }

    /// `CreateEmbeddingResponse`. Lenient: `usage`, `object`, `index` may be missing on some servers.
    package struct EmbeddingResponse: Decodable, Sendable {
        package struct Item: Decodable, Sendable {
            package var index: Int?
            package var embedding: [Float]
        }
        package var data: [Item]
        package var model: String?
    }

    /// One request message (`ChatCompletionRequest{System,User,Assistant}Message`: `role` and `content`).
    package struct Message: Codable, Sendable {
        package var role: String
        package var content: String
    }

    /// `CreateChatCompletionRequest`: `model` and `messages` are required; non-streaming.
    package struct ChatRequest: Encodable, Sendable {
        package var model: String
        package var messages: [Message]
        package var temperature: Double
        package var maxTokens: Int?
        package var maxCompletionTokens: Int?
        package var stream: Bool

        enum CodingKeys: String, CodingKey {
            case model, messages, temperature, stream
            case maxTokens = "max_tokens"
            case maxCompletionTokens = "max_completion_tokens"
        }
    }

    /// `CreateChatCompletionResponse`, lenient about optional parts. OpenRouter may answer 200 with an `error`.
    package struct ChatResponse: Decodable, Sendable {
        package struct Choice: Decodable, Sendable {
            package struct ResponseMessage: Decodable, Sendable {
                package var content: String?
                package var refusal: String?
            }
            package var message: ResponseMessage?
            package var finishReason: String?

            enum CodingKeys: String, CodingKey {
                case message
                case finishReason = "finish_reason"
            }
        }
        package struct Usage: Decodable, Sendable {
            package var promptTokens: Int?
            package var completionTokens: Int?

            enum CodingKeys: String, CodingKey {
                case promptTokens = "prompt_tokens"
                case completionTokens = "completion_tokens"
            }
        }
        package struct ErrorBody: Decodable, Sendable {
            package var message: String?
            package var code: Int?

            enum CodingKeys: String, CodingKey { case message, code }

            package init(from decoder: any Decoder) throws {
                let container = try decoder.container(keyedBy: CodingKeys.self)
                message = try? container.decodeIfPresent(String.self, forKey: .message)
                code = try? container.decodeIfPresent(Int.self, forKey: .code)
            }
        }
        package var choices: [Choice]?
        package var model: String?
        package var usage: Usage?
        package var error: ErrorBody?
    }

    /// Maps Teleradar messages to wire messages.
    package static func messages(_ messages: [ChatMessage]) -> [Message] {
        messages.map { Message(role: $0.role.rawValue, content: $0.content) }
    }
}
