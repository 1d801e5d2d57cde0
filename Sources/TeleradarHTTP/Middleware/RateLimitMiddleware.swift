import Foundation
import HTTPTypes
import Hummingbird
import TeleradarApp
import TeleradarStorage

/// The API's rate limits: one per user over all routes (in memory, per process) and tighter ones for costly
/// routes (in `rate_counters`, shared by every replica on the database).
package struct RateLimitPolicy: Sendable {
    /// A limit of one route for one user.
    package struct RouteLimit: Sendable {
        package var limit: Int
        package var window: Duration
        package init(_ limit: Int, per window: Duration = .seconds(60)) {
            self.limit = limit
            self.window = window
        }
    }

    /// Requests per minute per user over every route; 0 means no such limit.
    package var perUserPerMinute: Int
    /// Limits by `"<METHOD> <route path>"`, e.g. `"POST /api/v1/rag/ask"`.
    package var routes: [String: RouteLimit]

    package init(perUserPerMinute: Int, routes: [String: RouteLimit] = RateLimitPolicy.defaultRoutes) {
        self.perUserPerMinute = perUserPerMinute
        self.routes = routes
    }

    /// The limits of costly routes (model calls, Telegram fetches, writes that fan out).
    package static let defaultRoutes: [String: RouteLimit] = [
        "POST /api/v1/rag/ask": RouteLimit(20),
        "POST /api/v1/rag/search": RouteLimit(60),
        "GET /api/v1/rag/similar/{id}": RouteLimit(60),
        "GET /api/v1/rag/recommend": RouteLimit(30),
        "POST /api/v1/rag/index": RouteLimit(30),
        "POST /api/v1/channels": RouteLimit(20),
        "POST /api/v1/admin/invites": RouteLimit(60),
        "POST /api/v1/admin/session": RouteLimit(10),
        "POST /api/v1/telegram/login": RouteLimit(10),
        "POST /api/v1/telegram/login/password": RouteLimit(10),
    ]

    /// The policy of a configuration (`RATE_LIMIT_PER_MINUTE`).
    package static func from(_ config: AppConfig) -> RateLimitPolicy {
        RateLimitPolicy(perUserPerMinute: config.rateLimitPerMinute)
    }
}

/// Enforces `RateLimitPolicy` after authentication: 429 `rate_limited` with `Retry-After` (seconds) and a
/// message naming the limit.
package struct RateLimitMiddleware: RouterMiddleware {
    package typealias Context = TeleradarRequestContext
    package let policy: RateLimitPolicy
    package let memory: MemoryRateLimiter
    package let counters: RateCounterStore

    package init(policy: RateLimitPolicy, database: Database) {
        self.policy = policy
        memory = MemoryRateLimiter()
        counters = RateCounterStore(database: database)
    }

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        let user = try context.requireUser()
        let now = Date()
        if policy.perUserPerMinute > 0,
            let retry = memory.consume(
                "user:\(user.id)", limit: policy.perUserPerMinute, window: .seconds(60), now: now)
        {
            throw Self.limited("at most \(policy.perUserPerMinute) API requests per minute per user", retryAfter: retry)
        }
        let route = "\(request.method.rawValue) \(context.endpointPath ?? "")"
        if let rule = policy.routes[route] {
            let key = "route:\(route):\(user.id)"
            if try await counters.consume(key, window: rule.window, limit: rule.limit, now: now) == nil {
                let size = Int64(rule.window.components.seconds) * 1000
                let end = RateCounterStore.windowStart(now, window: rule.window) + size
                let retry = max(1, Int((end - Int64(now.timeIntervalSince1970 * 1000) + 999) / 1000))
                throw Self.limited(
                    "at most \(rule.limit) requests per \(rule.window.components.seconds) s to \(route)",
                    retryAfter: retry)
            }
        }
        return try await next(request, context)
    }

    static func limited(_ what: String, retryAfter: Int) -> APIError {
        APIError(
            .tooManyRequests, code: "rate_limited", message: "rate limit exceeded: \(what); retry in \(retryAfter) s",
            headers: [.retryAfter: String(retryAfter)])
    }
}
