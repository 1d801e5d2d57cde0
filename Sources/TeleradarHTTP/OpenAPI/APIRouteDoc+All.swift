import Foundation

extension APIRouteDoc {
    /// Every route of the server.
    package static let all: [APIRouteDoc] = health + user + channels + rag + admin + telegram

    /// `POST /bot/webhook`: mounted, and so documented, only when the bot runs in `BOT_MODE=webhook`.
    package static let botWebhook = APIRouteDoc(
        method: "POST", path: "/bot/webhook", tag: "bot",
        summary:
            "Telegram Bot API webhook: one Update, authenticated by the X-Telegram-Bot-Api-Secret-Token header (BOT_WEBHOOK_SECRET); 401 without it. Only in BOT_MODE=webhook",
        access: .public, body: object([("update_id", ["type": "integer"])], required: ["update_id"]),
        response: object([("ok", ["type": "boolean"])]))

    static let health: [APIRouteDoc] = [
        .init(
            method: "GET", path: "/health", tag: "health",
            summary: "Liveness and a database round trip (503 when the database is down)", access: .public),
        .init(
            method: "GET", path: "/health/dependencies", tag: "health",
            summary:
                "Database, embedder, chat-model providers, TDLib, Bot API and t.me reachability with latency (cached 15 s)",
            access: .public, response: ref("Dependencies")),
        .init(
            method: "GET", path: "/metrics", tag: "health", summary: "Prometheus metrics (text format 0.0.4)",
            access: .public, response: ["type": "string"], mediaType: "text/plain"),
        .init(method: "GET", path: "/openapi.json", tag: "docs", summary: "This OpenAPI 3.1 document", access: .public),
        .init(
            method: "GET", path: "/docs", tag: "docs", summary: "API documentation page (self-contained HTML)",
            access: .public, response: ["type": "string"], mediaType: "text/html"),
    ]

    static let user: [APIRouteDoc] = [
        .init(
            method: "GET", path: "/api/v1/me", tag: "account",
            summary: "The caller and how they authenticated (auth status)", access: .user),
        .init(
            method: "GET", path: "/api/v1/subscription", tag: "account",
            summary: "Tier, expiry and usage against every limit", access: .user),
        .init(
            method: "POST", path: "/api/v1/auth/logout", tag: "account",
            summary: "Revoke the API token or admin session used for this request", access: .user, status: 204,
            response: nil),
        .init(
            method: "GET", path: "/api/v1/settings/retention", tag: "account", summary: "Retention window in days",
            access: .user, response: object([("retention_days", int(1, 365))])),
        .init(
            method: "PUT", path: "/api/v1/settings/retention", tag: "account",
            summary: "Set the retention window (1–365 days)", access: .user,
            body: object([("retention_days", int(1, 365))], required: ["retention_days"]),
            response: object([("retention_days", int(1, 365))])),
        .init(
            method: "GET", path: "/api/v1/posts", tag: "posts",
            summary: "Posts of every followed channel, newest first", access: .user,
            query: [
                Param(name: "hours_back", schema: int(1, 8760, default: 24), description: "how far back"),
                limitParam(500, 50),
                Param(name: "before", schema: string(max: 40), description: "next_before of the previous page"),
            ],
            response: object([
                ("posts", ["type": "array", "items": ref("Post")]), ("next_before", ["type": ["string", "null"]]),
            ])),
        .init(
            method: "GET", path: "/api/v1/posts/{id}", tag: "posts",
            summary: "One post of a followed channel (404 otherwise)", access: .user, response: ref("Post")),
    ]

    static let channels: [APIRouteDoc] = [
        .init(
            method: "GET", path: "/api/v1/channels", tag: "channels",
            summary: "Followed channels, and those whose new posts wait for the posts/day quota to reset",
            access: .user,
            response: object(
                [
                    ("channels", ["type": "array", "items": ref("Channel")]),
                    (
                        "posts_held_back",
                        [
                            "type": "array",
                            "items": object(
                                [
                                    ("channel", string()), ("deferred", ["type": ["integer", "null"]]),
                                    ("resets_at", ["type": "string", "format": "date-time"]),
                                ], required: ["channel", "resets_at"]),
                        ]
                    ),
                ], required: ["channels", "posts_held_back"])),
        .init(
            method: "POST", path: "/api/v1/channels", tag: "channels",
            summary:
                "Follow a channel (@name or t.me link): checks the tier limit and that it exists, then parses it (201; 200 if already followed)",
            access: .user, body: object([("name", string(max: 200))], required: ["name"]), status: 201),
        .init(
            method: "DELETE", path: "/api/v1/channels/{name}", tag: "channels", summary: "Stop following a channel",
            access: .user, status: 204, response: nil),
        .init(
            method: "GET", path: "/api/v1/channels/{name}/posts", tag: "channels",
            summary: "A followed channel's posts, newest first; page with `before`",
            access: .user,
            query: [
                limitParam(200, 50),
                Param(
                    name: "before", schema: ["type": "integer", "minimum": 1],
                    description: "message id to page below (next_before of the previous page)"),
            ],
            response: object([
                ("posts", ["type": "array", "items": ref("Post")]), ("next_before", ["type": ["integer", "null"]]),
            ])),
        .init(
            method: "GET", path: "/api/v1/channels/{name}/stats", tag: "channels",
            summary: "Post counts, views, indexing state and posts per day of a followed channel", access: .user),
    ]

    static let rag: [APIRouteDoc] = [
        .init(
            method: "POST", path: "/api/v1/rag/search", tag: "rag",
            summary: "Hybrid (keyword + vector) search over followed channels", access: .user,
            body: object(
                [
                    ("query", string(max: 2000)), ("limit", int(1, 100, default: 10)),
                    ("min_score", ["type": "number", "minimum": 0, "maximum": 1000]),
                ] + filters,
                required: ["query"]),
            response: results),
        .init(
            method: "POST", path: "/api/v1/rag/ask", tag: "rag",
            summary: "Answer with numbered sources (counts against the daily question quota)", access: .user,
            body: object(
                [("query", string(max: 2000)), ("context_limit", int(1, 20, default: 8))] + filters, required: ["query"]
            )),
        .init(
            method: "GET", path: "/api/v1/rag/recommend", tag: "rag",
            summary: "Recent posts matching the caller's question topics", access: .user, query: [limitParam(50, 10)],
            response: results),
        .init(
            method: "GET", path: "/api/v1/rag/similar/{id}", tag: "rag",
            summary: "Posts similar to a post (by its embedding, or its words without one)", access: .user,
            query: [limitParam(50, 10)],
            response: object([
                ("method", string(enum: ["vector", "keyword"])),
                ("results", ["type": "array", "items": ref("SearchResult")]),
            ])),
        .init(
            method: "POST", path: "/api/v1/rag/index", tag: "rag",
            summary: "Queue posts of followed channels for (re-)indexing (one or a batch)", access: .user,
            body: object(
                [
                    (
                        "post_ids",
                        ["type": "array", "minItems": 1, "maxItems": 500, "items": ["type": "integer", "minimum": 1]]
                    )
                ], required: ["post_ids"]),
            status: 202),
        .init(
            method: "GET", path: "/api/v1/rag/index/status", tag: "rag",
            summary: "Indexing progress of the caller's channels", access: .user),
    ]

    static let admin: [APIRouteDoc] = [
        .init(
            method: "GET", path: "/api/v1/admin/users", tag: "admin", summary: "Users, filtered and paged",
            access: .admin,
            query: [
                Param(name: "q", schema: string(max: 100), description: "username, name or Telegram id"),
                Param(name: "role", schema: string(enum: ["user", "admin"]), description: "role filter"),
                Param(name: "tier", schema: string(enum: tiers), description: "tier filter"), limitParam(500, 50),
                offsetParam,
            ],
            response: list("users", of: ref("User"), paged: true)),
        .init(
            method: "GET", path: "/api/v1/admin/users/{id}", tag: "admin",
            summary: "One user with usage, channels and history", access: .admin),
        .init(
            method: "PUT", path: "/api/v1/admin/users/{id}/tier", tag: "admin",
            summary: "Grant a tier (for `days`, default the tier's duration)", access: .admin,
            body: object([("tier", string(enum: tiers)), ("days", int(1, 3650))], required: ["tier"]),
            response: ref("User")),
        .init(
            method: "PUT", path: "/api/v1/admin/users/{id}/role", tag: "admin", summary: "Change a user's role",
            access: .admin,
            body: object([("role", string(enum: ["user", "admin"]))], required: ["role"]), response: ref("User")),
        .init(
            method: "POST", path: "/api/v1/admin/users/{id}/block", tag: "admin", summary: "Block a user",
            access: .admin, response: ref("User")),
        .init(
            method: "POST", path: "/api/v1/admin/users/{id}/unblock", tag: "admin", summary: "Unblock a user",
            access: .admin, response: ref("User")),
        .init(
            method: "GET", path: "/api/v1/admin/invites", tag: "admin", summary: "Invite codes, newest first",
            access: .admin,
            query: [
                Param(
                    name: "status", schema: string(enum: ["active", "used", "expired", "inactive"]),
                    description: "status filter"), limitParam(1000, 100), offsetParam,
            ],
            response: list("invites", of: ["type": "object"], paged: true)),
        .init(
            method: "POST", path: "/api/v1/admin/invites", tag: "admin", summary: "Create an invite code",
            access: .admin,
            body: object(
                [
                    ("tier", string(enum: tiers)), ("max_uses", int(1, 1_000_000, default: 1)),
                    ("expiry_days", int(1, 3650)), ("trial_days", int(1, 3650)),
                ],
                required: ["tier"]),
            status: 201),
        .init(
            method: "GET", path: "/api/v1/admin/invites/{code}", tag: "admin",
            summary: "One invite code with its redemptions", access: .admin),
        .init(
            method: "DELETE", path: "/api/v1/admin/invites/{code}", tag: "admin", summary: "Deactivate an invite code",
            access: .admin, status: 204, response: nil),
        .init(
            method: "GET", path: "/api/v1/admin/stats", tag: "admin",
            summary: "Users by tier and role, registrations, posts and questions per day", access: .admin),
        .init(
            method: "POST", path: "/api/v1/admin/session", tag: "admin",
            summary:
                "Open an admin panel session (12 h); use it as `Authorization: Session <token>`, end it with /auth/logout",
            access: .admin,
            status: 201,
            response: object([
                ("token", ["type": "string"]), ("expires_at", ["type": "string", "format": "date-time"]),
            ])),
    ]
}
