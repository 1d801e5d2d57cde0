import AsyncHTTPClient
import Foundation
import TeleradarCore
import Testing

@testable import TeleradarAI

@Suite("GigaChat: OAuth, token refresh, chat and embeddings against recorded answers")
struct GigaChatTests {
    private static let oauthPath = "/api/v2/oauth"
    private static let chatPath = "/api/v1/chat/completions"
    private static let embeddingsPath = "/api/v1/embeddings"

    private func makeClient(
        _ server: FakeModelServer, _ http: HTTPClient, clock: AITestClock = AITestClock(),
        scope: GigaChatClient.Scope = .personal
    ) -> GigaChatClient {
        GigaChatClient(
            configuration: .init(
                authorizationKey: "Y2xpZW50OnNlY3JldA==", scope: scope, oauthURL: server.baseURL + Self.oauthPath,
                baseURL: server.baseURL, timeout: .seconds(5), tokenRefreshMargin: .seconds(60)),
            httpClient: http, now: { clock.wallNow })
    }

    /// `{"access_token": …, "expires_at": …}` in the recorded shape, expiring `seconds` after `date`.
    private func tokenAnswer(_ token: String, expiring date: Date) -> FakeModelResponse {
        .json(#"{"access_token": "\#(token)", "expires_at": \#(Int64(date.timeIntervalSince1970 * 1000))}"#)
    }

    @Test(arguments: GigaChatClient.Scope.allCases)
    func oauthThenChatWithTheRecordedAnswers(scope: GigaChatClient.Scope) async throws {
        try await AITestSupport.withFakeServer { server, http in
            server.enqueue(Self.oauthPath, .json(GigaChatRecordings.oauthAnswer))
            server.enqueue(Self.chatPath, .json(GigaChatRecordings.chatAnswer))
            let model = GigaChatChatModel(client: makeClient(server, http, scope: scope))
            #expect(model.name == "gigachat:GigaChat")
            let response = try await model.complete(ChatRequest(messages: [.user("Say 'Hello' and nothing else")]))
            #expect(
                response
                    == ChatResponse(text: "Hello.", model: "GigaChat:2.0.28.2", promptTokens: 17, completionTokens: 3))

            let oauth = try #require(server.requests(to: Self.oauthPath).first)
            #expect(oauth.method == "POST")
            #expect(oauth.header("Authorization") == "Basic Y2xpZW50OnNlY3JldA==")
            #expect(oauth.header("Content-Type") == "application/x-www-form-urlencoded")
            #expect(UUID(uuidString: oauth.header("RqUID") ?? "") != nil, "RqUID is a UUID")
            #expect(oauth.text == "scope=\(scope.rawValue)")

            let chat = try #require(server.requests(to: Self.chatPath).first)
            #expect(chat.header("Authorization") == "Bearer REDACTED")
            let body = try chat.jsonObject()
            let recorded = try #require(
                try JSONSerialization.jsonObject(with: Data(GigaChatRecordings.chatRequest.utf8)) as? [String: Any])
            #expect(Set(recorded.keys).isSubset(of: Set(body.keys)), "sends what the official SDK sends")
            #expect(body["model"] as? String == recorded["model"] as? String)
            let messages = try #require(body["messages"] as? [[String: String]])
            #expect(messages == [["role": "user", "content": "Say 'Hello' and nothing else"]])
            #expect(body["max_tokens"] as? Int == 800)
            #expect((body["temperature"] as? Double ?? 0) > 0)
        }
    }

    @Test func theTokenIsCachedAndRefreshedShortlyBeforeItExpires() async throws {
        let clock = AITestClock()  // one hour before the recorded token's expiry
        let recordedExpiry = Date(timeIntervalSince1970: 4_102_444_800)
        try await AITestSupport.withFakeServer { server, http in
            server.enqueue(
                Self.oauthPath, .json(GigaChatRecordings.oauthAnswer),
                tokenAnswer("fresh-token", expiring: recordedExpiry.addingTimeInterval(1800)))
            server.enqueue(Self.chatPath, .json(GigaChatRecordings.chatAnswer))
            let model = GigaChatChatModel(client: makeClient(server, http, clock: clock), model: "GigaChat-Pro")
            let request = ChatRequest(messages: [.user("Hi")])

            _ = try await model.complete(request)
            clock.advance(by: .seconds(3000))  // 10 minutes left: still valid
            _ = try await model.complete(request)
            #expect(server.requests(to: Self.oauthPath).count == 1)
            clock.advance(by: .seconds(570))  // 30 s left, inside the 60 s margin: refresh
            _ = try await model.complete(request)

            #expect(server.requests(to: Self.oauthPath).count == 2)
            let bearers = server.requests(to: Self.chatPath).map { $0.header("Authorization") ?? "" }
            #expect(bearers == ["Bearer REDACTED", "Bearer REDACTED", "Bearer fresh-token"])
            #expect(try server.requests(to: Self.chatPath)[0].jsonObject()["model"] as? String == "GigaChat-Pro")
        }
    }

    @Test func aRefusedTokenIsRefreshedAndTheCallRetriedOnce() async throws {
        let clock = AITestClock()
        try await AITestSupport.withFakeServer { server, http in
            server.enqueue(
                Self.oauthPath, .json(GigaChatRecordings.oauthAnswer),
                tokenAnswer("fresh-token", expiring: clock.wallNow.addingTimeInterval(1800)))
            server.enqueue(
                Self.chatPath, .json(#"{"status": 401, "message": "Token has expired"}"#, status: 401),
                .json(GigaChatRecordings.chatAnswer))
            let model = GigaChatChatModel(client: makeClient(server, http, clock: clock))
            let response = try await model.complete(ChatRequest(messages: [.user("Hi")]))
            #expect(response.text == "Hello.")
            let bearers = server.requests(to: Self.chatPath).map { $0.header("Authorization") ?? "" }
            #expect(bearers == ["Bearer REDACTED", "Bearer fresh-token"])
        }
    }

    @Test func concurrentCallsShareOneTokenRequest() async throws {
        try await AITestSupport.withFakeServer { server, http in
            server.enqueue(Self.oauthPath, .json(GigaChatRecordings.oauthAnswer, delay: .milliseconds(100)))
            server.enqueue(Self.chatPath, .json(GigaChatRecordings.chatAnswer))
            let model = GigaChatChatModel(client: makeClient(server, http))
            try await withThrowingTaskGroup(of: Void.self) { group in
                for _ in 0..<4 {
                    group.addTask { _ = try await model.complete(ChatRequest(messages: [.user("Hi")])) }
                }
                try await group.waitForAll()
            }
            #expect(server.requests(to: Self.oauthPath).count == 1)
            #expect(server.requests(to: Self.chatPath).count == 4)
        }
    }

    @Test func embeddingsUseTheRecorded1024DimensionAnswer() async throws {
        try await AITestSupport.withFakeServer { server, http in
            server.enqueue(Self.oauthPath, .json(GigaChatRecordings.oauthAnswer))
            server.enqueue(Self.embeddingsPath, .json(GigaChatRecordings.embeddingsAnswer))
            let embedder = GigaChatEmbedder(client: makeClient(server, http))
            #expect(embedder.modelID == "gigachat:Embeddings")
            #expect(embedder.dimensions == 1024)
            let vector = try await embedder.embed(query: "Hello, world!")
            #expect(vector.count == 1024)
            #expect(vector.first == 0.53857421875)
            #expect(vector.last == 0.3486328125)

            let request = try #require(server.requests(to: Self.embeddingsPath).first)
            #expect(request.header("Authorization") == "Bearer REDACTED")
            let body = try request.jsonObject()
            let recorded = try #require(
                try JSONSerialization.jsonObject(with: Data(GigaChatRecordings.embeddingsRequest.utf8))
                    as? [String: Any])
            #expect(body["model"] as? String == recorded["model"] as? String)
            #expect(body["input"] as? [String] == recorded["input"] as? [String])
            #expect(Set(body.keys) == Set(recorded.keys))
        }
    }

    @Test func passagesAreBatchedAndCountsChecked() async throws {
        try await AITestSupport.withFakeServer { server, http in
            server.enqueue(Self.oauthPath, .json(GigaChatRecordings.oauthAnswer))
            server.enqueue(Self.embeddingsPath, .json(GigaChatRecordings.embeddingsAnswer))
            let embedder = GigaChatEmbedder(client: makeClient(server, http), batchSize: 1)
            let vectors = try await embedder.embed(passages: ["a", "b"])
            #expect(vectors.count == 2)
            #expect(server.requests(to: Self.embeddingsPath).count == 2)

            let batched = GigaChatEmbedder(client: makeClient(server, http), batchSize: 2)
            await #expect(throws: ModelError.badResponse("expected 2 embeddings, got 1")) {
                _ = try await batched.embed(passages: ["a", "b"])
            }
        }
    }

    @Test func theRecordedModelNotFoundAnswerIsRejected() async throws {
        try await AITestSupport.withFakeServer { server, http in
            server.enqueue(Self.oauthPath, .json(GigaChatRecordings.oauthAnswer))
            server.enqueue(Self.chatPath, .json(GigaChatRecordings.modelNotFoundAnswer, status: 404))
            let model = GigaChatChatModel(client: makeClient(server, http), model: "NonExistentModel")
            await #expect(throws: ModelError.rejected("HTTP 404: No such model")) {
                _ = try await model.complete(ChatRequest(messages: [.user("Hello")]))
            }
        }
    }

    @Test func blacklistStopsAreRefusals() async throws {
        let answer = GigaChatRecordings.chatAnswer.replacingOccurrences(of: #""stop""#, with: #""blacklist""#)
        try await AITestSupport.withFakeServer { server, http in
            server.enqueue(Self.oauthPath, .json(GigaChatRecordings.oauthAnswer))
            server.enqueue(Self.chatPath, .json(answer))
            let model = GigaChatChatModel(client: makeClient(server, http))
            await #expect(throws: ModelError.badResponse("refusal: GigaChat stopped on its blacklist")) {
                _ = try await model.complete(ChatRequest(messages: [.user("?")]))
            }
        }
    }

    @Test func aRefusedAuthorizationKeyIsUnauthorized() async throws {
        try await AITestSupport.withFakeServer { server, http in
            server.enqueue(
                Self.oauthPath, .json(#"{"code": 6, "message": "credentials doesn't match db data"}"#, status: 401))
            let model = GigaChatChatModel(client: makeClient(server, http))
            await #expect(throws: ModelError.unauthorized("credentials doesn't match db data")) {
                _ = try await model.complete(ChatRequest(messages: [.user("?")]))
            }
            #expect(server.requests(to: Self.chatPath).isEmpty)
        }
    }
}
