import AsyncHTTPClient
import Foundation
import Logging
import NIOHTTP1
import TeleradarCore

/// Chat completions from any OpenAI-compatible `POST {base}/v1/chat/completions`: OpenRouter, OpenAI, Ollama,
/// vLLM, GigaChat through gpt2giga. Non-streaming. A refusal, a content-filter stop or an empty answer is
/// `ModelError.badResponse`, so a fallback chain moves on.
package struct OpenAICompatibleChatModel: ChatModel {
    /// Which request field carries the completion budget.
    package enum TokenLimitField: String, Sendable {
        /// `max_tokens`: understood by OpenRouter, Ollama, vLLM, gpt2giga and older OpenAI models.
        case maxTokens = "max_tokens"
        /// `max_completion_tokens`: required by OpenAI's reasoning models.
        case maxCompletionTokens = "max_completion_tokens"
    }

    /// Settings of one endpoint and model.
    package struct Configuration: Sendable {
        /// Base URL, e.g. `https://openrouter.ai/api`, `https://api.openai.com`, `http://localhost:11434`
        /// (a trailing `/v1` is accepted).
        package var baseURL: String
        /// Bearer key; `nil` or empty for servers without auth.
        package var apiKey: String?
        /// Model name sent as `model`, e.g. `anthropic/claude-3.5-haiku`.
        package var model: String
        /// Provider label used in `name`, e.g. `openrouter`.
        package var provider: String
        /// Deadline of one request.
        package var timeout: Duration
        /// Extra headers, e.g. OpenRouter's `HTTP-Referer` and `X-Title`.
        package var extraHeaders: [String: String]
        /// Which field carries `ChatRequest.maxTokens`.
        package var tokenLimitField: TokenLimitField

        /// Creates a configuration.
        package init(
            baseURL: String,
            apiKey: String? = nil,
            model: String,
            provider: String = "openai",
            timeout: Duration = .seconds(60),
            extraHeaders: [String: String] = [:],
            tokenLimitField: TokenLimitField = .maxTokens
        ) {
            self.baseURL = baseURL
            self.apiKey = apiKey
            self.model = model
            self.provider = provider
            self.timeout = timeout
            self.extraHeaders = extraHeaders
            self.tokenLimitField = tokenLimitField
        }

        /// OpenRouter (`https://openrouter.ai/api`), with its optional attribution headers.
        package static func openRouter(
            apiKey: String, model: String, referer: String? = nil, title: String? = nil
        ) -> Configuration {
            var headers: [String: String] = [:]
            if let referer { headers["HTTP-Referer"] = referer }
            if let title { headers["X-Title"] = title }
            return Configuration(
                baseURL: "https://openrouter.ai/api", apiKey: apiKey, model: model, provider: "openrouter",
                extraHeaders: headers
            )
        }
    }

    /// The settings in use.
    package let configuration: Configuration
    private let transport: ModelTransport

    /// `provider:model`, e.g. `openrouter:anthropic/claude-3.5-haiku`.
    package var name: String { "\(configuration.provider):\(configuration.model)" }

    /// Creates a chat model on a shared HTTP client.
    package init(
        configuration: Configuration, httpClient: HTTPClient, logger: Logger = Logger(label: "teleradar.ai.chat")
    ) {
        self.configuration = configuration
        self.transport = ModelTransport(httpClient: httpClient, timeout: configuration.timeout, logger: logger)
    }

    /// One non-streaming completion.
    package func complete(_ request: ChatRequest) async throws -> ChatResponse {
        let body = OpenAIWire.ChatRequest(
            model: configuration.model,
            messages: OpenAIWire.messages(request.messages),
            temperature: request.temperature,
            maxTokens: configuration.tokenLimitField == .maxTokens ? request.maxTokens : nil,
            maxCompletionTokens: configuration.tokenLimitField == .maxCompletionTokens ? request.maxTokens : nil,
            stream: false
        )
        var headers = HTTPHeaders()
        if let key = configuration.apiKey, !key.isEmpty {
            headers.add(name: "Authorization", value: "Bearer \(key)")
        }
        for (name, value) in configuration.extraHeaders { headers.add(name: name, value: value) }
        let url = ModelEndpoint.url(base: configuration.baseURL, path: "/v1/chat/completions")
        let response = try await transport.postJSON(url: url, headers: headers, body: body)
        let decoded = try ModelTransport.decode(OpenAIWire.ChatResponse.self, from: response)
        return try Self.answer(from: decoded, fallbackModel: configuration.model)
    }

    /// Turns a decoded answer into a `ChatResponse`, rejecting errors, refusals, filtered and empty answers.
    package static func answer(from decoded: OpenAIWire.ChatResponse, fallbackModel: String) throws -> ChatResponse {
        if let error = decoded.error, decoded.choices?.isEmpty ?? true {
            let message = ModelErrorMapping.shorten(error.message ?? "provider error")
            switch error.code {
            case 401?, 403?: throw ModelError.unauthorized(message)
            case 429?: throw ModelError.rateLimited(retryAfter: nil)
            case 408?, 504?: throw ModelError.timeout
            default: throw ModelError.unavailable(message)
            }
        }
        guard let choice = decoded.choices?.first, let message = choice.message else {
            throw ModelError.badResponse("no choices in the answer")
        }
        if let refusal = message.refusal?.trimmingCharacters(in: .whitespacesAndNewlines), !refusal.isEmpty {
            throw ModelError.badResponse("refusal: \(ModelErrorMapping.shorten(refusal))")
        }
        if choice.finishReason == "content_filter" {
            throw ModelError.badResponse("stopped by the content filter")
        }
        let text = (message.content ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        guard !text.isEmpty else {
            throw ModelError.badResponse("empty answer (finish_reason \(choice.finishReason ?? "none"))")
        }
        return ChatResponse(
            text: text,
            model: decoded.model ?? fallbackModel,
            promptTokens: decoded.usage?.promptTokens,
            completionTokens: decoded.usage?.completionTokens
        )
    }
}
