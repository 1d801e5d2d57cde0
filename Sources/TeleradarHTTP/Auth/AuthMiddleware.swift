import Foundation
import HTTPTypes
import Hummingbird
import TeleradarApp
import TeleradarCore
import TeleradarStorage

/// Authenticates `Authorization: Bearer <api token>`, `Authorization: Session <admin session token>` (issued by
/// `POST /api/v1/admin/session` to admins) and, when a Mini App validator is configured,
/// `Authorization: tma <initData>`. Routes behind it answer 401 without valid credentials; blocked users
/// get 403 with the blocked notice.
package struct AuthMiddleware: RouterMiddleware {
    package typealias Context = TeleradarRequestContext
    package let app: AppContext
    /// Validates Mini App initData and returns the Telegram profile, when configured.
    package let miniApp: (@Sendable (String) throws -> UserRepository.Profile)?

    /// Recently authenticated callers.
    package let cache: CallerCache

    package init(
        app: AppContext, miniApp: (@Sendable (String) throws -> UserRepository.Profile)? = nil,
        cache: CallerCache = CallerCache()
    ) {
        self.app = app
        self.miniApp = miniApp
        self.cache = cache
    }

    package func handle(
        _ request: Request, context: Context, next: (Request, Context) async throws -> Response
    ) async throws -> Response {
        guard let header = request.headers[.authorization], !header.isEmpty else {
            throw APIError(
                .unauthorized, code: "unauthorized",
                message: "missing Authorization header (Bearer <api token>, tma <initData> or Session <token>)",
                headers: [.wwwAuthenticate: "Bearer"])
        }
        var context = context
        if let cached = cache.caller(for: header) {
            context.caller = cached
            if cached.user.isBlocked {
                throw APIError(.forbidden, code: "blocked", message: DomainError.blocked.description)
            }
            return try await next(request, context)
        }
        let parts = header.split(separator: " ", maxSplits: 1).map(String.init)
        guard parts.count == 2 else { throw Self.invalid("malformed Authorization header") }
        switch parts[0].lowercased() {
        case "bearer":
            guard let (userID, tokenID) = try await app.accounts.tokens.authenticate(token: parts[1]) else {
                throw Self.invalid("invalid or revoked API token")
            }
            let user = try await app.accounts.user(id: userID)
            context.caller = Caller(user: user, method: .apiToken, tokenID: tokenID)
        case "session":
            guard
                let session = try await SessionRepository(database: app.database).find(
                    token: parts[1], kind: AdminSession.kind)
            else { throw Self.invalid("invalid or expired session") }
            let user = try await app.accounts.user(id: session.userID)
            // A session is an admin's: it ends when the role does.
            guard user.isAdmin else { throw Self.invalid("the session's user is no longer an administrator") }
            context.caller = Caller(user: user, method: .adminSession, sessionToken: parts[1])
        case "tma":
            guard let miniApp else { throw Self.invalid("Mini App authentication is not configured (BOT_TOKEN unset)") }
            let profile: UserRepository.Profile
            do {
                profile = try miniApp(parts[1])
            } catch {
                throw Self.invalid("invalid Mini App initData: \(error)")
            }
            context.caller = Caller(user: try await app.accounts.register(profile), method: .miniApp)
        default:
            throw Self.invalid("unsupported Authorization scheme '\(parts[0])'")
        }
        if let caller = context.caller { cache.store(caller, for: header) }
        if context.caller?.user.isBlocked == true {
            throw APIError(.forbidden, code: "blocked", message: DomainError.blocked.description)
        }
        return try await next(request, context)
    }

    static func invalid(_ message: String) -> APIError {
        APIError(.unauthorized, code: "unauthorized", message: message, headers: [.wwwAuthenticate: "Bearer"])
    }
}
