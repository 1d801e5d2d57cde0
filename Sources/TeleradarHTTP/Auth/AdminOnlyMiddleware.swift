import Hummingbird

/// Guards `/api/v1/admin/…`: 403 for every caller who is not an administrator, before any parameter is read.
package struct AdminOnlyMiddleware: RouterMiddleware {
    package typealias Context = TeleradarRequestContext

    package init() {}

    package func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response)
        async throws -> Response
    {
        _ = try context.requireAdmin()
        return try await next(request, context)
    }
}

/// Admin panel sessions.
package enum AdminSession {
    /// `sessions.kind` of admin sessions.
    package static let kind = "admin"
    /// How long one lasts.
    package static let lifetime = Duration.seconds(12 * 3600)
}
