import Foundation
import Hummingbird
import HummingbirdTesting
import Testing

@testable import TeleradarApp
@testable import TeleradarHTTP
@testable import TeleradarStorage

@Suite("Trace ids, request metrics, rate limits, dependencies")
struct ObservabilityTests {
    @Test("X-Trace-ID on every response; a valid traceparent's trace id is reused", arguments: Backend.allCases)
    func traceIDs(backend: Backend) async throws {
        try await APITest.with(backend) { _, client in
            try await client.execute(uri: "/health", method: .get) { response in
                let id = try #require(response.headers[.traceID])
                #expect(id.count == 32 && id.allSatisfy(\.isHexDigit))
            }
            let parent: HTTPFields = [.traceparent: "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"]
            try await client.execute(uri: "/api/v1/me", method: .get, headers: parent) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.traceID] == "4bf92f3577b34da6a3ce929d0e0e4736")
            }
            for bad in [
                "00-00000000000000000000000000000000-00f067aa0ba902b7-01", "garbage", "00-4bf92f35-00f067aa0ba902b7-01",
            ] {
                try await client.execute(uri: "/no-such-route", method: .get, headers: [.traceparent: bad]) {
                    response in
                    #expect(response.status == .notFound)
                    let id = try #require(response.headers[.traceID])
                    #expect(id.count == 32 && !bad.contains(id))
                }
            }
        }
        #expect(
            TraceID.fromTraceparent("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01")
                == "4bf92f3577b34da6a3ce929d0e0e4736")
        #expect(TraceID.random() != TraceID.random())
    }

    @Test("/metrics counts requests by method, route and status, and times them", arguments: Backend.allCases)
    func requestMetrics(backend: Backend) async throws {
        TeleradarMetrics.bootstrap()
        try await APITest.with(backend) { context, client in
            let user = try await APITest.user(context, telegramID: 1)
            try await client.execute(uri: "/api/v1/posts/12345", method: .get, headers: APITest.headers(user.token)) {
                response in
                #expect(response.status == .notFound)
            }
            try await client.execute(uri: "/metrics", method: .get) { response in
                let text = String(buffer: response.body)
                #expect(text.contains(#"http_requests_total{method="GET",route="/api/v1/posts/{id}",status="404"}"#))
                #expect(text.contains("http_request_duration_seconds_bucket"))
            }
        }
    }

    @Test("per-user limit: 429 with Retry-After and a message naming the limit", arguments: Backend.allCases)
    func perUserLimit(backend: Backend) async throws {
        try await APITest.with(backend, rateLimits: RateLimitPolicy(perUserPerMinute: 3, routes: [:])) {
            context, client in
            let a = try await APITest.user(context, telegramID: 1)
            let b = try await APITest.user(context, telegramID: 2)
            var statuses: [UInt16] = []
            for _ in 0..<5 {
                try await client.execute(uri: "/api/v1/me", method: .get, headers: APITest.headers(a.token)) {
                    response in
                    statuses.append(UInt16(response.status.code))
                    if response.status == .tooManyRequests {
                        let retry = Int(response.headers[.retryAfter] ?? "") ?? 0
                        #expect((1...60).contains(retry))
                        #expect(APITest.json(response)["error"] as? String == "rate_limited")
                        #expect(
                            (APITest.json(response)["message"] as? String)?.contains("3 API requests per minute")
                                == true)
                    }
                }
            }
            // A window boundary may fall inside the loop; at least the 4th or 5th request is refused.
            #expect(statuses.filter { $0 == 429 }.count >= 1)
            #expect(statuses.prefix(3).allSatisfy { $0 == 200 } || statuses.contains(429))
            try await client.execute(uri: "/api/v1/me", method: .get, headers: APITest.headers(b.token)) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("per-route limits live in the database, on both backends", arguments: Backend.allCases)
    func perRouteLimit(backend: Backend) async throws {
        let policy = RateLimitPolicy(
            perUserPerMinute: 0, routes: ["GET /api/v1/posts/{id}": .init(2, per: .seconds(3600))])
        try await APITest.with(backend, rateLimits: policy) { context, client in
            let a = try await APITest.user(context, telegramID: 1)
            var statuses: [HTTPResponse.Status] = []
            for id in 1...3 {
                try await client.execute(uri: "/api/v1/posts/\(id)", method: .get, headers: APITest.headers(a.token)) {
                    response in
                    statuses.append(response.status)
                    if response.status == .tooManyRequests {
                        #expect(Int(response.headers[.retryAfter] ?? "").map { (1...3600).contains($0) } == true)
                        #expect(
                            (APITest.json(response)["message"] as? String)?.contains("GET /api/v1/posts/{id}") == true)
                    }
                }
            }
            #expect(statuses == [.notFound, .notFound, .tooManyRequests])
            // Other routes are not affected.
            try await client.execute(uri: "/api/v1/me", method: .get, headers: APITest.headers(a.token)) { response in
                #expect(response.status == .ok)
            }
        }
    }

    @Test("RATE_LIMIT_PER_MINUTE is validated")
    func config() throws {
        #expect(try AppConfig.resolve { ["RATE_LIMIT_PER_MINUTE": "120"][$0] }.rateLimitPerMinute == 120)
        #expect(try AppConfig.resolve { _ in nil }.rateLimitPerMinute == 600)
        #expect(throws: ConfigError.self) { try AppConfig.resolve { ["RATE_LIMIT_PER_MINUTE": "-5"][$0] } }
    }

    @Test("/health/dependencies reports each dependency with latency", arguments: Backend.allCases)
    func dependencies(backend: Backend) async throws {
        try await FakeTelegramWeb.withServer { base in
            try await APITest.with(backend, base: base) { _, client in
                try await client.execute(uri: "/health/dependencies", method: .get) { response in
                    #expect(response.status == .ok)
                    let json = APITest.json(response)
                    let dependencies = json["dependencies"] as? [String: [String: Any]] ?? [:]
                    #expect(
                        Set(dependencies.keys).isSuperset(of: [
                            "database", "embedder", "tdlib", "telegram_web", "bot_api", "llm",
                        ]))
                    #expect(dependencies["database"]?["status"] as? String == "ok")
                    #expect(
                        dependencies["database"]?["latency_ms"] is Double
                            || dependencies["database"]?["latency_ms"] is Int)
                    #expect(dependencies["telegram_web"]?["status"] as? String == "ok")
                    #expect(dependencies["embedder"]?["status"] as? String == "not_configured")
                    #expect(dependencies["bot_api"]?["status"] as? String == "not_configured")
                    #expect(["ok", "degraded"].contains(json["status"] as? String ?? ""))
                }
            }
        }
    }

    @Test("an unreachable Bot API is reported as an error without leaking the token", arguments: Backend.allCases)
    func unreachable(backend: Backend) async throws {
        let env = [
            "BOT_TOKEN": "123:SECRET", "TELEGRAM_BOT_API_BASE_URL": "http://127.0.0.1:9",
            "TELEGRAM_WEB_BASE_URL": "http://127.0.0.1:9",
        ]
        try await APITest.with(backend, environment: env) { _, client in
            try await client.execute(uri: "/health/dependencies", method: .get) { response in
                #expect(response.status == .ok)
                let json = APITest.json(response)
                #expect(json["status"] as? String == "degraded")
                let bot = (json["dependencies"] as? [String: [String: Any]])?["bot_api"]
                #expect(bot?["status"] as? String == "error")
                #expect(!String(buffer: response.body).contains("SECRET"))
            }
        }
    }
}
