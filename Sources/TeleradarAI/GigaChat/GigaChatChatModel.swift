import TeleradarCore

/// Native GigaChat chat completions: `POST {base}/api/v1/chat/completions` through a `GigaChatClient`.
/// GigaChat's censorship stop (`finish_reason: "blacklist"`) and empty answers are `ModelError.badResponse`.
package struct GigaChatChatModel: ChatModel {
    /// The authenticated client (shared with other GigaChat models and the embedder).
    package let client: GigaChatClient
    /// Model name, e.g. `GigaChat`, `GigaChat-Pro`, `GigaChat-Max`.
    package let model: String

    /// `gigachat:model`.
    package var name: String { "gigachat:\(model)" }

    /// Creates a chat model on a shared client.
    package init(client: GigaChatClient, model: String = "GigaChat") {
        self.client = client
        self.model = model
    }

    /// One non-streaming completion.
    package func complete(_ request: ChatRequest) async throws -> ChatResponse {
        let body = OpenAIWire.ChatRequest(
            model: model,
            messages: OpenAIWire.messages(request.messages),
            // GigaChat wants temperature > 0; values up to 0.001 select its deterministic mode.
            temperature: max(request.temperature, 0.001),
            maxTokens: request.maxTokens,
            maxCompletionTokens: nil,
            stream: false
        )
        let response = try await client.postJSON(path: "/api/v1/chat/completions", body: body)
        let decoded = try ModelTransport.decode(OpenAIWire.ChatResponse.self, from: response)
        if decoded.choices?.first?.finishReason == "blacklist" {
            throw ModelError.badResponse("refusal: GigaChat stopped on its blacklist")
        }
        return try OpenAICompatibleChatModel.answer(from: decoded, fallbackModel: model)
    }
}
