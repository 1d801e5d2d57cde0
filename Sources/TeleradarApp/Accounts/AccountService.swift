import Foundation
import Logging
import TeleradarCore
import TeleradarStorage

/// Accounts, tiers, roles and invites: the use cases behind `/start`, `/login`, `/subscription`, the admin
/// commands and the CLI's `admin` subcommands.
package struct AccountService: Sendable {
    package let users: UserRepository
    package let invites: InviteRepository
    package let tokens: APITokenRepository
    package let history: HistoryRepository
    package let logger: Logger

    package init(database: Database, logger: Logger) {
        users = UserRepository(database: database)
        invites = InviteRepository(database: database)
        tokens = APITokenRepository(database: database)
        history = HistoryRepository(database: database)
        self.logger = logger
    }

    /// Finds or creates the user, then applies tier expiry. Blocked users are returned as they are; callers
    /// decide what a blocked user may see.
    package func register(_ profile: UserRepository.Profile, now: Date = Date()) async throws -> User {
        try await applyExpiry(try await users.upsert(profile, now: now), now: now)
    }

    /// The user with this Telegram id, with tier expiry applied; `notFound` if unknown.
    package func user(telegramID: Int64, now: Date = Date()) async throws -> User {
        guard let user = try await users.find(telegramID: telegramID) else {
            throw DomainError.notFound("no user with Telegram id \(telegramID)")
        }
        return try await applyExpiry(user, now: now)
    }

    /// The user with this internal id, with tier expiry applied.
    package func user(id: Int64, now: Date = Date()) async throws -> User {
        guard let user = try await users.find(id: id) else { throw DomainError.notFound("no such user") }
        return try await applyExpiry(user, now: now)
    }

    /// An expired paid or trial tier falls back to free, with an `expired` history row.
    package func applyExpiry(_ user: User, now: Date = Date()) async throws -> User {
        guard user.tierHasExpired(at: now) else { return user }
        logger.info("tier expired", metadata: ["user": "\(user.id)", "tier": "\(user.tier.rawValue)"])
        return try await users.setTier(
            userID: user.id, tier: .free, expiresAt: nil, action: .expired, changedBy: nil,
            notes: "\(user.tier.rawValue) expired", now: now)
    }

    /// Downgrades every expired user (the scheduled sweep); returns how many.
    package func expireTiers(now: Date = Date()) async throws -> Int {
        var count = 0
        for user in try await users.expiredTierUsers(now: now) {
            _ = try await applyExpiry(user, now: now)
            count += 1
        }
        return count
    }

    /// Redeems an invite for a user: the atomic use count, the tier with its trial period, history. With
    /// `tierAfterLogin` the use is counted now but the tier waits (`PendingTier`, 30 days) for the user's QR
    /// login to succeed, which activates it and writes the history row.
    package func redeemInvite(
        code: String, telegramID: Int64, tierAfterLogin: Bool = false, now: Date = Date()
    ) async throws -> (InviteCode, User) {
        let user = try await user(telegramID: telegramID, now: now)
        if user.isBlocked { throw DomainError.blocked }
        return try await invites.redeem(
            code: code, userID: user.id, tierAfterLogin: tierAfterLogin ? Self.pendingTierLifetime : nil, now: now)
    }

    /// How long an invite's tier waits for the user's QR login (`/login CODE` with QR login configured).
    package static let pendingTierLifetime = Duration.seconds(30 * 86_400)

    /// Creates an invite code. `validDays` is how long the code can be redeemed.
    package func createInvite(
        tier: Tier, maxUses: Int, validDays: Int?, trialDays: Int?, createdBy: Int64?, now: Date = Date()
    ) async throws -> InviteCode {
        if let validDays, !(1...3650).contains(validDays) {
            throw DomainError.invalidArgument("days must be between 1 and 3650")
        }
        let expiresAt = validDays.map { now.addingTimeInterval(Double($0) * 86_400) }
        return try await invites.create(
            tier: tier, maxUses: maxUses, expiresAt: expiresAt, trialDays: trialDays, createdBy: createdBy, now: now)
    }

    /// Grants a tier for `days` (the tier's default duration when `nil`; free never expires). Creates the user
    /// record when the Telegram id is not known yet, so an admin can grant before first contact.
    package func grant(
        telegramID: Int64, tier: Tier, days: Int?, by adminID: Int64?, now: Date = Date()
    ) async throws -> User {
        if let days, !(1...3650).contains(days) { throw DomainError.invalidArgument("days must be between 1 and 3650") }
        let user = try await users.upsert(UserRepository.Profile(telegramID: telegramID), now: now)
        let duration = tier == .free ? nil : (days ?? tier.limits.durationDays)
        let expiresAt = duration.map { now.addingTimeInterval(Double($0) * 86_400) }
        return try await users.setTier(
            userID: user.id, tier: tier, expiresAt: expiresAt, action: nil, changedBy: adminID,
            notes: "granted\(duration.map { " for \($0) days" } ?? "")", now: now)
    }

    /// Makes a user an admin (creating the record when needed).
    package func makeAdmin(telegramID: Int64, by adminID: Int64?, now: Date = Date()) async throws -> User {
        let user = try await users.upsert(UserRepository.Profile(telegramID: telegramID), now: now)
        if user.role == .admin { return user }
        return try await users.setRole(userID: user.id, role: .admin, changedBy: adminID, now: now)
    }

    /// Issues an API token for a user; the clear token is returned once.
    package func createToken(telegramID: Int64, name: String = "", now: Date = Date()) async throws -> (
        token: String, record: APITokenRecord
    ) {
        let user = try await user(telegramID: telegramID, now: now)
        if user.isBlocked { throw DomainError.blocked }
        return try await tokens.create(userID: user.id, name: name, now: now)
    }
}
