import Foundation
import TeleradarCore
import Testing

@testable import TeleradarAI

/// A chat answer shaped like `CreateChatCompletionResponse` (all required properties present).
private func chatAnswer(content: String?, refusal: String? = nil, finishReason: String = "stop") -> String {
    let object: [String: Any] = [
        "id": "chatcmpl-1", "object": "chat.completion", "created": 1_700_000_000, "model": "gpt-test-2025",
        "choices": [
            [
                "index": 0, "finish_reason": finishReason, "logprobs": NSNull(),
                "message": [
                    "role": "assistant", "content": content.map { $0 as Any } ?? NSNull(),
                    "refusal": refusal.map { $0 as Any } ?? NSNull(),
                ] as [String: Any],
            ]
        ],
        "usage": ["prompt_tokens": 12, "completion_tokens": 5, "total_tokens": 17],
    ]
    let data = try! JSONSerialization.data(withJSONObject: object)
    return String(decoding: data, as: UTF8.self)
}

/// An embeddings answer shaped like `CreateEmbeddingResponse`, items in the given index order.
private func embeddingsAnswer(indices: [Int], dimensions: Int) -> String {
    let items: [[String: Any]] = indices.map { index in
        ["object": "embedding", "index": index, "embedding": (0..<dimensions).map { Float(index) + Float($0) / 10 }]
    }
    let object: [String: Any] = [
        "object": "list", "model": "embed-test", "data": items, "usage": ["prompt_tokens": 3, "total_tokens": 3],
    ]
    return String(decoding: try! JSONSerialization.data(withJSONObject: object), as: UTF8.self)
}

@Suite("OpenAI-compatible embeddings and chat against a fake server")
struct OpenAICompatibleTests {
    @Test func embeddingRequestsFollowTheSchemaAndAnswersComeBackInOrder() async throws {
        let spec = try #require(try OpenAPISubset.load())
        try await AITestSupport.withFakeServer { server, client in
            server.enqueue(
                "/v1/embeddings",
                .json(embeddingsAnswer(indices: [1, 0], dimensions: 4)),
                .json(embeddingsAnswer(indices: [0], dimensions: 4)))
            let embedder = OpenAICompatibleEmbedder(
                configuration: .init(
                    baseURL: server.baseURL, apiKey: "sk-test", model: "embed-test", dimensions: 4, batchSize: 2,
                    provider: "ollama"),
                httpClient: client)
            let vectors = try await embedder.embed(passages: ["один", "два", ""])
            #expect(vectors.map { $0[0] } == [0, 1, 0], "items are put back in `index` order")
            #expect(embedder.modelID == "ollama:embed-test")

            let requests = server.requests(to: "/v1/embeddings")
            try #require(requests.count == 2)
            for request in requests {
                #expect(request.method == "POST")
                #expect(request.header("Authorization") == "Bearer sk-test")
                #expect(request.header("Content-Type") == "application/json")
                spec.check(try request.jsonObject(), against: "CreateEmbeddingRequest")
            }
            #expect(try requests[0].jsonObject()["input"] as? [String] == ["один", "два"])
            #expect(try requests[1].jsonObject()["input"] as? [String] == [" "], "empty texts are sent as a space")
            #expect(try requests[0].jsonObject()["model"] as? String == "embed-test")
        }
    }

    @Test func queriesUseTheConfiguredPrefixAndDimensionsAreChecked() async throws {
        try await AITestSupport.withFakeServer { server, client in
            server.enqueue("/v1/embeddings", .json(embeddingsAnswer(indices: [0], dimensions: 3)))
            var configuration = OpenAICompatibleEmbedder.Configuration(
                baseURL: server.baseURL + "/v1/", model: "e5", dimensions: 3, queryPrefix: "query: ")
            let embedder = OpenAICompatibleEmbedder(configuration: configuration, httpClient: client)
            _ = try await embedder.embed(query: "погода")
            let request = try #require(server.requests.first)
            #expect(request.path == "/v1/embeddings", "a base ending in /v1 is not doubled")
            #expect(request.header("Authorization") == nil)
            #expect(try request.jsonObject()["input"] as? [String] == ["query: погода"])

            configuration.dimensions = 5
            let mismatched = OpenAICompatibleEmbedder(configuration: configuration, httpClient: client)
            await #expect(throws: ModelError.badResponse("embedding has 3 dimensions, configured 5")) {
                _ = try await mismatched.embed(query: "x")
            }
        }
    }

    @Test func chatRequestsFollowTheSchemaAndAnswersDecode() async throws {
        let spec = try #require(try OpenAPISubset.load())
        try await AITestSupport.withFakeServer { server, client in
            server.enqueue("/api/v1/chat/completions", .json(chatAnswer(content: "  Ответ [1].  ")))
            var configuration = OpenAICompatibleChatModel.Configuration.openRouter(
                apiKey: "or-key", model: "anthropic/claude-3.5-haiku", referer: "https://teleradar.example",
                title: "Teleradar")
            configuration.baseURL = server.baseURL + "/api"
            let model = OpenAICompatibleChatModel(configuration: configuration, httpClient: client)
            #expect(model.name == "openrouter:anthropic/claude-3.5-haiku")
            let response = try await model.complete(
                ChatRequest(
                    messages: [
                        .system("Отвечай кратко."), .user("Что нового?"), .assistant("Ничего."), .user("А сейчас?"),
                    ],
                    maxTokens: 300, temperature: 0.3))
            #expect(
                response
                    == ChatResponse(text: "Ответ [1].", model: "gpt-test-2025", promptTokens: 12, completionTokens: 5))

            let request = try #require(server.requests.first)
            #expect(request.header("Authorization") == "Bearer or-key")
            #expect(request.header("HTTP-Referer") == "https://teleradar.example")
            #expect(request.header("X-Title") == "Teleradar")
            let body = try request.jsonObject()
            spec.check(body, against: "CreateChatCompletionRequest")
            #expect(body["max_tokens"] as? Int == 300)
            #expect(body["stream"] as? Bool == false)
            #expect(body["temperature"] as? Double == 0.3)
            let messages = try #require(body["messages"] as? [[String: Any]])
            #expect(messages.compactMap { $0["role"] as? String } == ["system", "user", "assistant", "user"])
            let schemaByRole = [
                "system": "ChatCompletionRequestSystemMessage", "user": "ChatCompletionRequestUserMessage",
                "assistant": "ChatCompletionRequestAssistantMessage",
            ]
            for message in messages {
                spec.check(message, against: try #require(schemaByRole[message["role"] as? String ?? ""]))
            }
        }
    }

    @Test func theAnswerFixtureMatchesTheResponseSchema() throws {
        let spec = try #require(try OpenAPISubset.load())
        let answer = try #require(
            try JSONSerialization.jsonObject(with: Data(chatAnswer(content: "x").utf8)) as? [String: Any])
        spec.check(answer, against: "CreateChatCompletionResponse")
        let embeddings = try #require(
            try JSONSerialization.jsonObject(with: Data(embeddingsAnswer(indices: [0], dimensions: 2).utf8))
                as? [String: Any])
        spec.check(embeddings, against: "CreateEmbeddingResponse")
        let item = try #require((embeddings["data"] as? [[String: Any]])?.first)
        spec.check(item, against: "Embedding")
    }

    @Test func reasoningModelsGetMaxCompletionTokens() async throws {
        try await AITestSupport.withFakeServer { server, client in
            server.enqueue("/v1/chat/completions", .json(chatAnswer(content: "ok")))
            let model = OpenAICompatibleChatModel(
                configuration: .init(
                    baseURL: server.baseURL, apiKey: "k", model: "o3", tokenLimitField: .maxCompletionTokens),
                httpClient: client)
            _ = try await model.complete(ChatRequest(messages: [.user("hi")], maxTokens: 99))
            let body = try #require(try server.requests.first?.jsonObject())
            #expect(body["max_completion_tokens"] as? Int == 99)
            #expect(body["max_tokens"] == nil)
        }
    }

    @Test(arguments: [
        (chatAnswer(content: "I can't help with that.", refusal: "I can't help with that."), "refusal"),
        (chatAnswer(content: "   "), "empty answer"),
        (chatAnswer(content: nil), "empty answer"),
        (chatAnswer(content: "частично", finishReason: "content_filter"), "content filter"),
        (#"{"choices": []}"#, "no choices"),
        (#"{"nonsense": true"#, "could not decode"),
    ])
    func refusalsAndEmptyAnswersAreBadResponses(answer: String, reason: String) async throws {
        try await AITestSupport.withFakeServer { server, client in
            server.enqueue("/v1/chat/completions", .json(answer))
            let model = OpenAICompatibleChatModel(
                configuration: .init(baseURL: server.baseURL, model: "m"), httpClient: client)
            let error = await #expect(throws: ModelError.self) {
                _ = try await model.complete(ChatRequest(messages: [.user("?")]))
            }
            guard case .badResponse(let message)? = error else {
                Issue.record("expected badResponse, got \(String(describing: error))")
                return
            }
            #expect(message.contains(reason))
        }
    }

    @Test(arguments: [
        (#"{"error": {"message": "Key revoked", "code": 401}}"#, ModelError.unauthorized("Key revoked")),
        (#"{"error": {"message": "slow down", "code": 429}}"#, ModelError.rateLimited(retryAfter: nil)),
        (#"{"error": {"message": "upstream died", "code": 502}}"#, ModelError.unavailable("upstream died")),
    ])
    func errorsInsideA200AnswerAreMapped(answer: String, expected: ModelError) async throws {
        try await AITestSupport.withFakeServer { server, client in
            server.enqueue("/v1/chat/completions", .json(answer))
            let model = OpenAICompatibleChatModel(
                configuration: .init(baseURL: server.baseURL, model: "m"), httpClient: client)
            await #expect(throws: expected) { _ = try await model.complete(ChatRequest(messages: [.user("?")])) }
        }
    }

    @Test(arguments: [
        ("https://api.openai.com", "/v1/embeddings", "https://api.openai.com/v1/embeddings"),
        ("https://api.openai.com/", "/v1/embeddings", "https://api.openai.com/v1/embeddings"),
        ("https://openrouter.ai/api/v1", "/v1/chat/completions", "https://openrouter.ai/api/v1/chat/completions"),
        ("http://gpt2giga:8090/v1/", "/v1/embeddings", "http://gpt2giga:8090/v1/embeddings"),
        (
            "https://gigachat.devices.sberbank.ru/api/v1", "/api/v1/embeddings",
            "https://gigachat.devices.sberbank.ru/api/v1/embeddings"
        ),
        ("http://127.0.0.1:9", "/api/v1/chat/completions", "http://127.0.0.1:9/api/v1/chat/completions"),
    ])
    func endpointsJoinWithoutDoubling(base: String, path: String, expected: String) {
        #expect(ModelEndpoint.url(base: base, path: path) == expected)
    }
}
