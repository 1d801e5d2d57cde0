import Foundation
import TeleradarCore
import Testing

@testable import TeleradarAI

@Suite("Anthropic Messages API against a fake server")
struct AnthropicChatModelTests {
    private static let answer = #"""
        {"id": "msg_01", "type": "message", "role": "assistant", "model": "claude-3-5-haiku-20241022",
         "content": [{"type": "text", "text": "Первая часть. "}, {"type": "text", "text": "Вторая часть."}],
         "stop_reason": "end_turn", "stop_sequence": null, "usage": {"input_tokens": 25, "output_tokens": 9}}
        """#

    @Test func requestShapeAndAnswerMapping() async throws {
        try await AITestSupport.withFakeServer { server, client in
            server.enqueue("/v1/messages", .json(Self.answer))
            let model = AnthropicChatModel(
                configuration: .init(baseURL: server.baseURL, apiKey: "sk-ant-test", model: "claude-3-5-haiku-latest"),
                httpClient: client)
            #expect(model.name == "anthropic:claude-3-5-haiku-latest")
            let response = try await model.complete(
                ChatRequest(
                    messages: [
                        .system("Ты помощник."), .user("Вопрос"), .assistant("Ответ"), .system("Кратко."), .user("Ещё"),
                    ],
                    maxTokens: 256, temperature: 0.4))
            #expect(
                response
                    == ChatResponse(
                        text: "Первая часть. Вторая часть.", model: "claude-3-5-haiku-20241022", promptTokens: 25,
                        completionTokens: 9))

            let request = try #require(server.requests.first)
            #expect(request.path == "/v1/messages")
            #expect(request.header("x-api-key") == "sk-ant-test")
            #expect(request.header("anthropic-version") == "2023-06-01")
            #expect(request.header("Authorization") == nil)
            let body = try request.jsonObject()
            #expect(Set(body.keys) == ["model", "max_tokens", "system", "messages", "temperature"])
            #expect(body["model"] as? String == "claude-3-5-haiku-latest")
            #expect(body["max_tokens"] as? Int == 256)
            #expect(body["system"] as? String == "Ты помощник.\n\nКратко.")
            let messages = try #require(body["messages"] as? [[String: String]])
            #expect(messages.map { $0["role"] } == ["user", "assistant", "user"])
            #expect(messages.map { $0["content"] } == ["Вопрос", "Ответ", "Ещё"])
        }
    }

    @Test func withoutSystemMessagesTheFieldIsOmitted() async throws {
        try await AITestSupport.withFakeServer { server, client in
            server.enqueue("/v1/messages", .json(Self.answer))
            let model = AnthropicChatModel(
                configuration: .init(baseURL: server.baseURL, apiKey: "k", model: "m"), httpClient: client)
            _ = try await model.complete(ChatRequest(messages: [.user("Привет")], temperature: 1.7))
            let body = try #require(try server.requests.first?.jsonObject())
            #expect(body["system"] == nil)
            #expect(body["temperature"] as? Double == 1, "Anthropic accepts 0…1")
        }
    }

    @Test(arguments: [
        (#"{"content": [], "stop_reason": "refusal", "model": "m"}"#, ModelError.badResponse("refusal")),
        (
            #"{"content": [{"type": "text", "text": "  "}], "stop_reason": "max_tokens"}"#,
            ModelError.badResponse("empty answer (stop_reason max_tokens)")
        ),
        (
            #"{"content": [{"type": "tool_use", "id": "t", "name": "x", "input": {}}], "stop_reason": "tool_use"}"#,
            ModelError.badResponse("empty answer (stop_reason tool_use)")
        ),
    ])
    func refusalsAndEmptyAnswersAreBadResponses(answer: String, expected: ModelError) async throws {
        try await AITestSupport.withFakeServer { server, client in
            server.enqueue("/v1/messages", .json(answer))
            let model = AnthropicChatModel(
                configuration: .init(baseURL: server.baseURL, apiKey: "k", model: "m"), httpClient: client)
            await #expect(throws: expected) { _ = try await model.complete(ChatRequest(messages: [.user("?")])) }
        }
    }

    @Test func aConversationMustStartWithTheUser() async throws {
        try await AITestSupport.withFakeServer { server, client in
            let model = AnthropicChatModel(
                configuration: .init(baseURL: server.baseURL, apiKey: "k", model: "m"), httpClient: client)
            let error = await #expect(throws: ModelError.self) {
                _ = try await model.complete(ChatRequest(messages: [.system("only a system prompt")]))
            }
            guard case .rejected? = error else {
                Issue.record("expected rejected, got \(String(describing: error))")
                return
            }
            #expect(server.requests.isEmpty)
        }
    }
}
