import Foundation

extension APIRouteDoc {
    /// The state of the caller's Telegram login (`GET /api/v1/telegram/login`).
    static let loginState = object(
        [
            (
                "status",
                string(enum: [
                    "none", "starting", "waiting_for_qr", "waiting_for_password", "ready", "failed", "expired",
                ])
            ),
            (
                "qr_link",
                ["type": "string", "description": "tg://login?token=… (waiting_for_qr; the caller's own only)"]
            ),
            ("qr_refreshed_at", ["type": "string", "format": "date-time"]),
            ("expires_at", ["type": "string", "format": "date-time", "description": "end of the 10-minute attempt"]),
            ("password_hint", ["type": "string"]),
            ("attempt", ["type": "integer", "minimum": 1]),
            ("previous_error", ["type": "string", "description": "wrong_password or TDLib's message"]),
            ("telegram_user_id", ["type": "integer"]),
            ("name", ["type": "string"]),
            ("reason", ["type": "string", "description": "why the login failed (e.g. another account)"]),
        ], required: ["status"])

    /// The caller's Telegram session (QR login through TDLib) and the Mini App page driving it.
    static let telegram: [APIRouteDoc] = [
        .init(
            method: "POST", path: "/api/v1/telegram/login", tag: "telegram",
            summary:
                "Start a QR login of the caller's own Telegram account (lives 10 min; 503 when TELEGRAM_API_ID/HASH or TDLib are missing, 409 when a session is already active)",
            access: .user, response: loginState),
        .init(
            method: "GET", path: "/api/v1/telegram/login", tag: "telegram",
            summary: "The caller's login state: QR link, expiry, password hint and attempt, result", access: .user,
            response: loginState),
        .init(
            method: "POST", path: "/api/v1/telegram/login/password", tag: "telegram",
            summary: "The 2FA password for the waiting login (202; 409 when no login waits for one)", access: .user,
            body: object([("password", string(max: 1024))], required: ["password"]), status: 202,
            response: loginState),
        .init(
            method: "GET", path: "/api/v1/telegram/login/qr.svg", tag: "telegram",
            summary: "The current QR link as an SVG QR code (404 when no login waits for a scan)", access: .user,
            response: ["type": "string"], mediaType: "image/svg+xml"),
        .init(
            method: "DELETE", path: "/api/v1/telegram/session", tag: "telegram",
            summary: "Log the caller's Telegram session out and delete it (database folder and key)", access: .user,
            status: 204, response: nil),
        .init(
            method: "GET", path: "/miniapp/login", tag: "miniapp",
            summary: "QR login Mini App page (authenticates its API calls with tma initData or a pasted API token)",
            access: .public, response: ["type": "string"], mediaType: "text/html"),
        .init(
            method: "GET", path: "/miniapp/login.js", tag: "miniapp", summary: "The Mini App page's script",
            access: .public, response: ["type": "string"], mediaType: "text/javascript"),
        .init(
            method: "GET", path: "/miniapp/login.css", tag: "miniapp", summary: "The Mini App page's style sheet",
            access: .public, response: ["type": "string"], mediaType: "text/css"),
    ]
}
