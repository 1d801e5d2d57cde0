import Foundation
import Hummingbird
import TeleradarApp
import TeleradarCore
import TeleradarStorage

/// `/api/v1/me`, subscription usage, retention settings, logout, and the caller's posts.
package struct UserController: Sendable {
    package let app: AppContext
    /// Cleared when the caller's credentials or settings change.
    package let callers: CallerCache

    struct Me: ResponseEncodable {
        let user: User
        let authenticatedBy: String
    }

    struct Retention: ResponseCodable {
        let retentionDays: Int
    }

    struct PostList: ResponseEncodable {
        let posts: [Post]
        /// Cursor of the next page (`before=`), when this page was full.
        let nextBefore: String?
    }

    package func addRoutes(to group: RouterGroup<TeleradarRequestContext>) {
        group.get("me") { _, context in
            let caller = try context.requireCaller()
            return Me(user: caller.user, authenticatedBy: caller.method.rawValue)
        }
        group.get("subscription") { _, context in
            try await app.quotas.usage(user: try context.requireUser())
        }
        group.get("settings/retention") { _, context in
            Retention(retentionDays: try context.requireUser().retentionDays)
        }
        group.put("settings/retention") { request, context -> Retention in
            let user = try context.requireUser()
            let body = try await request.decode(as: Retention.self, context: context)
            try await app.accounts.users.setRetention(userID: user.id, days: body.retentionDays)
            callers.removeAll()
            return Retention(retentionDays: body.retentionDays)
        }
        group.post("auth/logout") { _, context -> Response in
            let caller = try context.requireCaller()
            if let tokenID = caller.tokenID {
                _ = try await app.accounts.tokens.revoke(tokenID: tokenID, userID: caller.user.id)
            }
            if let session = caller.sessionToken {
                _ = try await SessionRepository(database: app.database).delete(token: session)
            }
            callers.removeAll()
            return Response(status: .noContent)
        }
        group.get("posts") { request, context -> PostList in
            let user = try context.requireUser()
            let hours = try Query.int(request, "hours_back", default: 24, range: 1...(24 * 365))
            let limit = try Query.int(request, "limit", default: 50, range: 1...500)
            let retention = Date().addingTimeInterval(-Double(user.retentionDays) * 86_400)
            let since = max(retention, Date().addingTimeInterval(-Double(hours) * 3600))
            let before = try Self.cursor(request.uri.queryParameters.get("before"))
            let posts = try await app.channels.posts.visible(
                userID: user.id, since: since, limit: limit, before: before)
            let next = posts.count == limit ? posts.last.map { "\($0.postedAt.millis)_\($0.id)" } : nil
            return PostList(posts: posts, nextBefore: next)
        }
        group.get("posts/:id") { _, context -> Post in
            let user = try context.requireUser()
            guard let id = context.parameters.get("id", as: Int64.self) else {
                throw APIError(.badRequest, code: "invalid_parameter", message: "id must be a post id")
            }
            let since = Date().addingTimeInterval(-Double(user.retentionDays) * 86_400)
            guard let post = try await app.channels.posts.visible(postID: id, userID: user.id, since: since) else {
                throw APIError(.notFound, code: "not_found", message: "no such post in your channels")
            }
            return post
        }
    }
}

extension UserController {
    /// A `before` cursor (`<posted_at millis>_<post id>`, from `next_before`), or 400 naming the parameter.
    static func cursor(_ raw: String?) throws -> (postedAt: Int64, id: Int64)? {
        guard let raw else { return nil }
        let parts = raw.split(separator: "_", omittingEmptySubsequences: false)
        guard parts.count == 2, let time = Int64(parts[0]), let id = Int64(parts[1]), time >= 0, id > 0 else {
            throw Validate.fail("before", "must be the next_before cursor of a previous page")
        }
        return (time, id)
    }
}

extension TeleradarRequestContext {
    /// The authenticated caller, or 401.
    package func requireCaller() throws -> Caller {
        guard let caller else {
            throw APIError(.unauthorized, code: "unauthorized", message: "authentication required")
        }
        return caller
    }
}

extension Post: ResponseEncodable {}
extension QuotaUsage: ResponseEncodable {}
