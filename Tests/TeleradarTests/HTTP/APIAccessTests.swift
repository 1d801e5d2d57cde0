import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
@testable import TeleradarApp
@testable import TeleradarCore
@testable import TeleradarHTTP
@testable import TeleradarStorage
@testable import TeleradarTelegram

@Suite("REST API access")
struct APIAccessTests {
    /// A context whose channel source is the fake t.me server at `base`.
    static func withAPI(
        _ backend: Backend, base: String,
        _ body: @Sendable (AppContext, any TestClientProtocol) async throws -> Void
    ) async throws {
        try await TestContext.with(backend, environment: ["TELEGRAM_WEB_BASE_URL": base]) { context in
            let app = buildApplication(context: context)
            try await app.test(.router) { client in try await body(context, client) }
        }
    }

    static func json(_ response: TestResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:]
    }

    @Test("no token → 401; another user's channel and post → 404, nothing changed", arguments: Backend.allCases)
    func isolation(backend: Backend) async throws {
        try await FakeTelegramWeb.withServer { base in
            try await Self.withAPI(backend, base: base) { context, client in
                _ = try await context.accounts.register(.init(telegramID: 1))
                _ = try await context.accounts.register(.init(telegramID: 2))
                let (tokenA, _) = try await context.accounts.createToken(telegramID: 1)
                let (tokenB, _) = try await context.accounts.createToken(telegramID: 2)
                let a: HTTPFields = [.authorization: "Bearer \(tokenA)", .contentType: "application/json"]
                let b: HTTPFields = [.authorization: "Bearer \(tokenB)", .contentType: "application/json"]

                for (method, uri) in [(HTTPRequest.Method.get, "/api/v1/me"), (.get, "/api/v1/channels"), (.post, "/api/v1/channels"), (.get, "/api/v1/posts"), (.get, "/api/v1/posts/1"), (.get, "/api/v1/subscription")] {
                    try await client.execute(uri: uri, method: method) { response in
                        #expect(response.status == .unauthorized, "\(method) \(uri)")
                        #expect(Self.json(response)["error"] as? String == "unauthorized")
                    }
                    try await client.execute(uri: uri, method: method, headers: [.authorization: "Bearer trk_forged"]) { response in
                        #expect(response.status == .unauthorized)
                    }
                }

                var postID: Int64 = 0
                try await client.execute(uri: "/api/v1/channels", method: .post, headers: a, body: ByteBuffer(string: #"{"name": "@smallchan"}"#)) { response in
                    #expect(response.status == .created)
                    #expect(Self.json(response)["posts_found"] as? Int == 30)
                }
                try await client.execute(uri: "/api/v1/posts?hours_back=8760&limit=5", method: .get, headers: a) { response in
                    #expect(response.status == .ok)
                    let posts = Self.json(response)["posts"] as? [[String: Any]] ?? []
                    #expect(posts.count == 5)
                    postID = Int64(posts.first?["id"] as? Int ?? 0)
                }
                try await client.execute(uri: "/api/v1/posts/\(postID)", method: .get, headers: a) { response in
                    #expect(response.status == .ok)
                }
                // B sees nothing of A's.
                try await client.execute(uri: "/api/v1/posts/\(postID)", method: .get, headers: b) { response in
                    #expect(response.status == .notFound)
                }
                try await client.execute(uri: "/api/v1/channels/smallchan/posts", method: .get, headers: b) { response in
                    #expect(response.status == .notFound)
                }
                try await client.execute(uri: "/api/v1/channels/smallchan", method: .delete, headers: b) { response in
                    #expect(response.status == .notFound)
                }
                try await client.execute(uri: "/api/v1/posts?hours_back=8760", method: .get, headers: b) { response in
                    #expect((Self.json(response)["posts"] as? [Any])?.isEmpty == true)
                }
                #expect(try await context.channels.channels.channelIDs(userID: try await context.accounts.user(telegramID: 1).id).count == 1)
                // A can remove it.
                try await client.execute(uri: "/api/v1/channels/smallchan", method: .delete, headers: a) { response in
                    #expect(response.status == .noContent)
                }
            }
        }
    }

    @Test("bad input gets a 4xx with a message and changes nothing", arguments: Backend.allCases)
    func badInput(backend: Backend) async throws {
        try await FakeTelegramWeb.withServer { base in
            try await Self.withAPI(backend, base: base) { context, client in
                _ = try await context.accounts.register(.init(telegramID: 7))
                let (token, _) = try await context.accounts.createToken(telegramID: 7)
                let auth: HTTPFields = [.authorization: "Bearer \(token)", .contentType: "application/json"]
                let bodies = [
                    "", "not json", "{}", #"{"name": 5}"#, #"{"name": "<script>alert(1)</script>"}"#,
                    #"{"name": "'; DROP TABLE channels; --"}"#, "{\"name\": \"" + String(repeating: "x", count: 10_000) + "\"}",
                    #"{"name": "no_such_channel"}"#,
                ]
                for body in bodies {
                    try await client.execute(uri: "/api/v1/channels", method: .post, headers: auth, body: ByteBuffer(string: body)) { response in
                        #expect((400..<500).contains(Int(response.status.code)), "body \(body.prefix(40)) → \(response.status)")
                        let json = Self.json(response)
                        #expect(json["error"] is String)
                        #expect((json["message"] as? String)?.isEmpty == false)
                    }
                }
                try await client.execute(uri: "/api/v1/settings/retention", method: .put, headers: auth, body: ByteBuffer(string: #"{"retention_days": 9999}"#)) { response in
                    #expect(response.status == .badRequest)
                }
                try await client.execute(uri: "/api/v1/posts?limit=-5", method: .get, headers: auth) { response in
                    #expect(response.status == .badRequest)
                    #expect((Self.json(response)["message"] as? String)?.contains("limit") == true)
                }
                let huge = ByteBuffer(repeating: UInt8(ascii: "a"), count: 2_000_000)
                try await client.execute(uri: "/api/v1/channels", method: .post, headers: auth, body: huge) { response in
                    #expect(response.status == .contentTooLarge)
                }
                #expect(try await ChannelRepository(database: context.database).channelIDs(userID: try await context.accounts.user(telegramID: 7).id).isEmpty)
            }
        }
    }
}
