import AsyncHTTPClient
import Foundation
import NIOHTTP1
import TeleradarCore
import Testing

@testable import TeleradarAI

/// Every HTTP model client, so that each status is checked against each of them.
enum ProviderUnderTest: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case openAIChat, openAIEmbeddings, anthropic, gigaChatChat, gigaChatEmbeddings

    var testDescription: String { rawValue }

    /// The API path the client calls.
    var path: String {
        switch self {
        case .openAIChat: "/v1/chat/completions"
        case .openAIEmbeddings: "/v1/embeddings"
        case .anthropic: "/v1/messages"
        case .gigaChatChat: "/api/v1/chat/completions"
        case .gigaChatEmbeddings: "/api/v1/embeddings"
        }
    }

    /// Makes one call through the client, against `baseURL`.
    func call(baseURL: String, client: HTTPClient, timeout: Duration = .seconds(10)) async throws {
        let request = ChatRequest(messages: [.system("s"), .user("u")])
        switch self {
        case .openAIChat:
            let model = OpenAICompatibleChatModel(
                configuration: .init(baseURL: baseURL, apiKey: "sk-secret", model: "m", timeout: timeout),
                httpClient: client)
            _ = try await model.complete(request)
        case .openAIEmbeddings:
            let embedder = OpenAICompatibleEmbedder(
                configuration: .init(
                    baseURL: baseURL, apiKey: "sk-secret", model: "e", dimensions: 2, timeout: timeout),
                httpClient: client)
            _ = try await embedder.embed(query: "q")
        case .anthropic:
            let model = AnthropicChatModel(
                configuration: .init(baseURL: baseURL, apiKey: "sk-ant-secret", model: "claude", timeout: timeout),
                httpClient: client)
            _ = try await model.complete(request)
        case .gigaChatChat, .gigaChatEmbeddings:
            let gigaChat = GigaChatClient(
                configuration: .init(
                    authorizationKey: "c2VjcmV0", oauthURL: baseURL + "/api/v2/oauth", baseURL: baseURL,
                    timeout: timeout),
                httpClient: client)
            if self == .gigaChatChat {
                _ = try await GigaChatChatModel(client: gigaChat).complete(request)
            } else {
                _ = try await GigaChatEmbedder(client: gigaChat).embed(query: "q")
            }
        }
    }

    /// Scripts a working OAuth endpoint for the GigaChat clients.
    func prepare(_ server: FakeModelServer) {
        server.enqueue("/api/v2/oauth", .json(GigaChatRecordings.oauthAnswer))
    }
}

/// A scripted failure and the error it must become.
struct ModelHTTPFailure: Sendable, CustomTestStringConvertible {
    var status: Int
    var headers: [String: String] = [:]
    var body: String
    var expected: ModelError

    var testDescription: String { "\(status) → \(expected)" }

    static let all: [ModelHTTPFailure] = [
        ModelHTTPFailure(
            status: 401, body: #"{"error": {"type": "authentication_error", "message": "invalid x-api-key"}}"#,
            expected: .unauthorized("invalid x-api-key")),
        ModelHTTPFailure(
            status: 403, body: #"{"status": 403, "message": "Permission denied"}"#,
            expected: .unauthorized("Permission denied")),
        ModelHTTPFailure(
            status: 429, headers: ["Retry-After": "7"], body: #"{"error": {"message": "Rate limit reached"}}"#,
            expected: .rateLimited(retryAfter: 7)),
        ModelHTTPFailure(status: 429, body: "", expected: .rateLimited(retryAfter: nil)),
        ModelHTTPFailure(
            status: 500, body: #"{"error": {"message": "boom"}}"#, expected: .unavailable("HTTP 500: boom")),
        ModelHTTPFailure(
            status: 503, body: "Service Unavailable", expected: .unavailable("HTTP 503: Service Unavailable")),
        ModelHTTPFailure(
            status: 529, body: #"{"type": "error", "error": {"type": "overloaded_error", "message": "Overloaded"}}"#,
            expected: .unavailable("HTTP 529: Overloaded")),
        ModelHTTPFailure(status: 504, body: "", expected: .timeout),
        ModelHTTPFailure(
            status: 400, body: #"{"error": {"message": "context too long"}}"#,
            expected: .rejected("HTTP 400: context too long")),
    ]
}

@Suite("HTTP failures map to ModelError for every provider")
struct ModelErrorMappingTests {
    @Test(arguments: ProviderUnderTest.allCases, ModelHTTPFailure.all)
    func statusesMapToModelErrors(provider: ProviderUnderTest, failure: ModelHTTPFailure) async throws {
        try await AITestSupport.withFakeServer { server, client in
            provider.prepare(server)
            server.enqueue(provider.path, .json(failure.body, status: failure.status, headers: failure.headers))
            await #expect(throws: failure.expected) {
                try await provider.call(baseURL: server.baseURL, client: client)
            }
            #expect(!server.requests(to: provider.path).isEmpty)
        }
    }

    @Test(arguments: ProviderUnderTest.allCases)
    func slowAnswersTimeOut(provider: ProviderUnderTest) async throws {
        try await AITestSupport.withFakeServer { server, client in
            provider.prepare(server)
            // The answer would come after 20 s; the 200 ms timeout must fire long before (a loaded CI machine
            // may take a few seconds to schedule it, so the bound is generous).
            server.enqueue(provider.path, .json("{}", delay: .seconds(20)))
            let started = ContinuousClock.now
            await #expect(throws: ModelError.timeout) {
                try await provider.call(baseURL: server.baseURL, client: client, timeout: .milliseconds(200))
            }
            #expect(ContinuousClock.now - started < .seconds(19), "the call waited for the whole slow answer")
        }
    }

    @Test(arguments: ProviderUnderTest.allCases)
    func refusedConnectionsAreUnavailable(provider: ProviderUnderTest) async throws {
        let server = try await FakeModelServer.start()
        let baseURL = server.baseURL
        try await server.stop()
        let client = HTTPClient()
        let error = await #expect(throws: ModelError.self) {
            try await provider.call(baseURL: baseURL, client: client, timeout: .seconds(1))
        }
        try await client.shutdown()
        guard case .unavailable? = error else {
            Issue.record("expected unavailable, got \(String(describing: error))")
            return
        }
    }

    @Test func keysNeverAppearInErrors() async throws {
        try await AITestSupport.withFakeServer { server, client in
            for provider in ProviderUnderTest.allCases {
                provider.prepare(server)
                server.enqueue(provider.path, .json("denied", status: 401))
                do {
                    try await provider.call(baseURL: server.baseURL, client: client)
                    Issue.record("\(provider) should have failed")
                } catch {
                    let text = String(describing: error)
                    #expect(!text.contains("secret"), "\(provider): \(text)")
                    #expect(!text.contains("c2VjcmV0"), "\(provider): \(text)")
                }
            }
        }
    }

    @Test(
        arguments: [
            ("120", 120), ("0", 0), ("1.5", 2), ("soon", nil), ("Wed, 21 Oct 2015 07:28:00 GMT", 60),
        ] as [(String, Int?)])
    func retryAfterParsing(header: String, seconds: Int?) {
        let now = Date(timeIntervalSince1970: 1_445_412_420)  // 07:27:00 GMT
        #expect(ModelErrorMapping.retryAfterSeconds(["Retry-After": header], now: now) == seconds)
    }
}
