import Foundation
import Hummingbird
import TeleradarCore

/// Who is calling, once authenticated.
package struct Caller: Sendable {
    /// How the caller proved who they are.
    package enum Method: String, Sendable {
        case apiToken = "api_token", miniApp = "mini_app", adminSession = "admin_session"
    }
    package var user: User
    package var method: Method
    /// The API token's id, when authenticated by one.
    package var tokenID: Int64?
    /// The admin session's token, when authenticated by one.
    package var sessionToken: String?
}

/// The request context of every Teleradar route: Hummingbird's core storage plus the caller, with JSON in
/// snake_case and ISO 8601 dates.
package struct TeleradarRequestContext: RequestContext {
    package var coreContext: CoreRequestContextStorage
    package var caller: Caller?

    package init(source: Source) {
        coreContext = .init(source: source)
    }

    /// Largest accepted body; `HTTP_MAX_BODY_BYTES` is enforced by `BodyLimitMiddleware` as well.
    package var maxUploadSize: Int { 1_048_576 }

    package var requestDecoder: JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .iso8601
        return decoder
    }

    package var responseEncoder: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.withoutEscapingSlashes]
        return encoder
    }

    /// The authenticated user, or 401.
    package func requireUser() throws -> User {
        guard let caller else {
            throw APIError(.unauthorized, code: "unauthorized", message: "authentication required")
        }
        return caller.user
    }

    /// The authenticated admin, or 401/403.
    package func requireAdmin() throws -> User {
        let user = try requireUser()
        guard user.isAdmin else { throw APIError(.forbidden, code: "forbidden", message: "administrators only") }
        return user
    }
}
