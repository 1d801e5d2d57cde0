import Foundation
import HummingbirdTesting
import Testing
@testable import TeleradarApp
@testable import TeleradarHTTP

@Suite("Health endpoint")
struct HealthTests {
    @Test("GET /health reports the database", arguments: Backend.allCases)
    func health(backend: Backend) async throws {
        TeleradarMetrics.bootstrap()
        try await TestContext.with(backend) { context in
            let app = buildApplication(context: context)
            try await app.test(.router) { client in
                try await client.execute(uri: "/health", method: .get) { response in
                    #expect(response.status == .ok)
                    let body = try JSONSerialization.jsonObject(with: Data(buffer: response.body)) as? [String: Any]
                    #expect(body?["status"] as? String == "ok")
                    let database = body?["database"] as? [String: Any]
                    #expect(database?["status"] as? String == "ok")
                    #expect(database?["kind"] as? String == backend.rawValue)
                }
                try await client.execute(uri: "/metrics", method: .get) { response in
                    #expect(response.status == .ok)
                    let text = String(buffer: response.body)
                    #expect(text.contains("posts_in_queue_total"))
                    #expect(text.contains("queue_depth"))
                }
                try await client.execute(uri: "/no-such-route", method: .get) { response in
                    #expect(response.status == .notFound)
                }
            }
        }
    }
}
