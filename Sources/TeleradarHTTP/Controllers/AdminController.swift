import Foundation
import Hummingbird
import TeleradarApp
import TeleradarCore
import TeleradarStorage

/// `/api/v1/admin/…`: the admin panel's endpoints — users (list, one, tier, role, block), invites, stats and
/// admin sessions. The group's `AdminOnlyMiddleware` answers 403 to everyone else.
package struct AdminController: Sendable {
    package let app: AppContext
    /// Cleared after every change to a user, so the change applies to their next request.
    package let callers: CallerCache

    struct UserList: ResponseEncodable {
        let users: [User]
        let limit: Int
        let offset: Int
        let nextOffset: Int?
    }

    struct UserDetail: ResponseEncodable {
        let user: User
        let usage: QuotaUsage
        let channels: [Channel]
        let history: [HistoryEntry]
    }

    struct TierRequest: Decodable {
        let tier: String
        let days: Int?
    }

    struct RoleRequest: Decodable {
        let role: String
    }

    struct InviteRequest: Decodable {
        let tier: String
        let maxUses: Int?
        let expiryDays: Int?
        let trialDays: Int?
    }

    struct InviteList: ResponseEncodable {
        let invites: [InviteView]
        let limit: Int
        let offset: Int
        let nextOffset: Int?
    }

    struct InviteView: ResponseEncodable {
        let invite: InviteCode
        let status: String
    }

    struct InviteDetail: ResponseEncodable {
        struct Redemption: Encodable {
            let userID: Int64
            let redeemedAt: Date
            enum CodingKeys: String, CodingKey {
                case userID = "user_id"
                case redeemedAt = "redeemed_at"
            }
        }
        let invite: InviteCode
        let status: String
        let redemptions: [Redemption]
    }

    struct SessionResponse: ResponseEncodable {
        let token: String
        let expiresAt: Date
    }

    package func addRoutes(to group: RouterGroup<TeleradarRequestContext>) {
        let admin = group.group("admin").add(middleware: AdminOnlyMiddleware())
        admin.get("users") { request, _ -> UserList in
            let limit = try Query.int(request, "limit", default: 50, range: 1...500)
            let offset = try Query.int(request, "offset", default: 0, range: 0...1_000_000)
            let users = try await app.accounts.users.list(
                search: try Validate.optionalText(request, "q", maxLength: 100),
                role: try Validate.optionalQuery(request, "role", as: Role.self),
                tier: try Validate.optionalQuery(request, "tier", as: Tier.self), limit: limit, offset: offset)
            return UserList(
                users: users, limit: limit, offset: offset, nextOffset: users.count == limit ? offset + limit : nil)
        }
        admin.get("users/:id") { _, context -> UserDetail in
            let user = try await app.accounts.user(id: try Validate.id(context))
            return UserDetail(
                user: user, usage: try await app.quotas.usage(user: user),
                channels: try await app.channels.list(user: user),
                history: try await app.accounts.history.entries(userID: user.id, limit: 50))
        }
        admin.put("users/:id/tier") { request, context -> User in
            let admin = try context.requireAdmin()
            let target = try await app.accounts.user(id: try Validate.id(context))
            let body = try await request.decode(as: TierRequest.self, context: context)
            let tier = try Validate.oneOf("tier", body.tier, as: Tier.self)
            let days = try Validate.int("days", body.days, range: 1...3650)
            defer { callers.removeAll() }
            return try await app.accounts.grant(telegramID: target.telegramID, tier: tier, days: days, by: admin.id)
        }
        admin.put("users/:id/role") { request, context -> User in
            let admin = try context.requireAdmin()
            let target = try await app.accounts.user(id: try Validate.id(context))
            let body = try await request.decode(as: RoleRequest.self, context: context)
            let role = try Validate.oneOf("role", body.role, as: Role.self)
            if target.id == admin.id, role != .admin {
                throw APIError(.conflict, code: "conflict", message: "you cannot take the admin role from yourself")
            }
            guard target.role != role else { return target }
            defer { callers.removeAll() }
            return try await app.accounts.users.setRole(userID: target.id, role: role, changedBy: admin.id)
        }
        admin.post("users/:id/block") { _, context -> User in
            let admin = try context.requireAdmin()
            let target = try await app.accounts.user(id: try Validate.id(context))
            if target.id == admin.id {
                throw APIError(.conflict, code: "conflict", message: "you cannot block yourself")
            }
            guard !target.isBlocked else { return target }
            defer { callers.removeAll() }
            return try await app.accounts.users.setBlocked(userID: target.id, blocked: true, changedBy: admin.id)
        }
        admin.post("users/:id/unblock") { _, context -> User in
            let admin = try context.requireAdmin()
            let target = try await app.accounts.user(id: try Validate.id(context))
            guard target.isBlocked else { return target }
            defer { callers.removeAll() }
            return try await app.accounts.users.setBlocked(userID: target.id, blocked: false, changedBy: admin.id)
        }
        admin.get("invites") { request, _ -> InviteList in
            let limit = try Query.int(request, "limit", default: 100, range: 1...1000)
            let offset = try Query.int(request, "offset", default: 0, range: 0...1_000_000)
            let status = try Validate.optionalQuery(request, "status", as: InviteStatus.self)
            let now = Date()
            let invites = try await app.accounts.invites.list(
                status: status?.rawValue, limit: limit, offset: offset, now: now)
            return InviteList(
                invites: invites.map { InviteView(invite: $0, status: $0.status(at: now)) }, limit: limit,
                offset: offset,
                nextOffset: invites.count == limit ? offset + limit : nil)
        }
        admin.post("invites") { request, context -> EditedResponse<InviteView> in
            let admin = try context.requireAdmin()
            let body = try await request.decode(as: InviteRequest.self, context: context)
            let tier = try Validate.oneOf("tier", body.tier, as: Tier.self)
            let maxUses = try Validate.int("max_uses", body.maxUses, default: 1, range: 1...1_000_000) ?? 1
            let expiry = try Validate.int("expiry_days", body.expiryDays, range: 1...3650)
            let trial = try Validate.int("trial_days", body.trialDays, range: 1...3650)
            let invite = try await app.accounts.createInvite(
                tier: tier, maxUses: maxUses, validDays: expiry, trialDays: trial, createdBy: admin.id)
            return EditedResponse(
                status: .created, response: InviteView(invite: invite, status: invite.status(at: Date())))
        }
        admin.get("invites/:code") { _, context -> InviteDetail in
            let invite = try await invite(context)
            let redemptions = try await app.accounts.invites.redemptions(code: invite.code)
            return InviteDetail(
                invite: invite, status: invite.status(at: Date()),
                redemptions: redemptions.map { .init(userID: $0.userID, redeemedAt: $0.redeemedAt) })
        }
        admin.delete("invites/:code") { _, context -> Response in
            _ = try await app.accounts.invites.deactivate(code: try await invite(context).code)
            return Response(status: .noContent)
        }
        admin.get("stats") { _, _ -> AdminStats in
            try await AdminStatsRepository(database: app.database).stats()
        }
        admin.post("session") { _, context -> EditedResponse<SessionResponse> in
            let admin = try context.requireAdmin()
            let (token, expiresAt) = try await SessionRepository(database: app.database)
                .create(kind: AdminSession.kind, userID: admin.id, ttl: AdminSession.lifetime)
            return EditedResponse(status: .created, response: SessionResponse(token: token, expiresAt: expiresAt))
        }
    }

    /// The invite named by the `code` path parameter, or 400/404.
    func invite(_ context: TeleradarRequestContext) async throws -> InviteCode {
        let raw = context.parameters.get("code") ?? ""
        let code: String
        do { code = try InviteCode.normalize(raw) } catch {
            throw Validate.fail("code", "must be 12 characters A-Z0-9")
        }
        guard let invite = try await app.accounts.invites.find(code: code) else {
            throw APIError(.notFound, code: "not_found", message: "no invite code \(code)")
        }
        return invite
    }
}

/// Invite statuses a listing can filter by.
enum InviteStatus: String, CaseIterable {
    case active, used, expired, inactive
}

extension AdminStats: ResponseEncodable {}
extension User: ResponseEncodable {}
