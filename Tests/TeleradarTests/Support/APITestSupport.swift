import Foundation
import Hummingbird
import HummingbirdTesting
import SQLKit
import TeleradarApp
import TeleradarHTTP
import TeleradarStorage

/// Helpers for the HTTP tests: the production router on a fresh context, JSON bodies, database snapshots.
enum APITest {
    /// A relaxed rate-limit policy, for tests that send many requests on purpose.
    static let noLimits = RateLimitPolicy(perUserPerMinute: 0, routes: [:])

    /// The application `serve` builds, on a fresh context (channel source: the fake t.me at `base`).
    static func with(
        _ backend: Backend, base: String? = nil, environment: [String: String] = [:],
        rateLimits: RateLimitPolicy? = nil, sessions: TDLibSessionManager.Options = TDLibSessionManager.Options(),
        _ body: @Sendable (AppContext, any TestClientProtocol) async throws -> Void
    ) async throws {
        var environment = environment
        if let base { environment["TELEGRAM_WEB_BASE_URL"] = base }
        try await TestContext.with(backend, environment: environment, sessions: sessions) { context in
            let app = buildApplication(context: context, rateLimits: rateLimits)
            try await app.test(.router) { client in try await body(context, client) }
        }
    }

    static func json(_ response: TestResponse) -> [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(buffer: response.body))) as? [String: Any] ?? [:]
    }

    static func headers(_ token: String) -> HTTPFields {
        [.authorization: "Bearer \(token)", .contentType: "application/json"]
    }

    /// A user (by Telegram id) with an API token; `admin` makes them an administrator.
    static func user(_ context: AppContext, telegramID: Int64, username: String? = nil, admin: Bool = false)
        async throws -> (id: Int64, token: String)
    {
        let user = try await context.accounts.register(.init(telegramID: telegramID, username: username))
        if admin { _ = try await context.accounts.makeAdmin(telegramID: telegramID, by: nil) }
        let (token, _) = try await context.accounts.createToken(telegramID: telegramID)
        return (user.id, token)
    }

    /// Tables and columns a snapshot compares (what a refused request must not change).
    static let snapshotTables: [(String, [String])] = [
        ("users", ["id", "role", "tier", "tier_expires_at", "retention_days", "is_blocked", "username"]),
        ("subscriptions", ["user_id", "channel_id", "is_active"]),
        ("channels", ["id", "username"]),
        ("posts", ["id", "channel_id", "indexing_status"]),
        ("invite_codes", ["code", "is_active", "uses_count", "max_uses"]),
        ("api_tokens", ["id", "revoked_at"]),
        ("sessions", ["id", "expires_at"]),
        ("jobs", ["id", "kind", "payload"]),
        ("subscription_history", ["id"]),
        ("rag_queries", ["id"]),
    ]

    /// Every row of the compared tables as text, in a stable order.
    static func snapshot(_ database: Database, excluding: Set<String> = []) async throws -> [String] {
        try await database.read { db in
            var lines: [String] = []
            for (table, columns) in snapshotTables where !excluding.contains(table) {
                let select = columns.enumerated().map { "COALESCE(CAST(\($1) AS TEXT), '-') AS c\($0)" }.joined(
                    separator: ", ")
                let rows = try await db.raw("SELECT \(unsafeRaw: select) FROM \(ident: table) ORDER BY 1").all()
                for row in rows {
                    let values = try columns.indices.map { try row.decode(column: "c\($0)", as: String.self) }
                    lines.append(table + ": " + values.joined(separator: "|"))
                }
            }
            return lines
        }
    }

    /// The router's routes as `"METHOD /path"` (paths in `{param}` form).
    static func routes(_ context: AppContext) -> [String] {
        buildRouter(context: context).routes.map { "\($0.method.rawValue) \($0.path.description)" }.sorted()
    }
}
