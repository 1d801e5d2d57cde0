import Foundation
import TeleradarCore
import TeleradarStorage

/// Enforces every quota of the user's tier (SPEC §A): channels, posts/day, RAG questions/day, AI digest.
/// Daily counters live in `rate_counters` and are consumed atomically, so concurrent requests cannot
/// overshoot a limit.
package struct QuotaService: Sendable {
    package let counters: RateCounterStore
    package let database: Database

    package init(database: Database) {
        self.database = database
        counters = RateCounterStore(database: database)
    }

    static let day = Duration.seconds(86_400)

    static func counterKey(_ kind: QuotaKind, userID: Int64) -> String { "quota:\(kind.rawValue):\(userID)" }

    /// Consumes `amount` of a daily quota, or throws `DomainError.quotaExceeded` naming the limit and its reset.
    package func consume(_ kind: QuotaKind, user: User, amount: Int = 1, now: Date = Date()) async throws {
        let tier = user.effectiveTier(at: now)
        guard let limit = QuotaPolicy.dailyLimit(kind, tier: tier) else {
            if let denial = QuotaPolicy.check(kind, tier: tier, used: 0, now: now) { throw DomainError.quotaExceeded(denial) }
            return
        }
        let key = Self.counterKey(kind, userID: user.id)
        if try await counters.consume(key, window: Self.day, limit: limit, amount: amount, now: now) == nil {
            let used = try await counters.current(key, window: Self.day, now: now)
            throw DomainError.quotaExceeded(
                QuotaDenial(kind: kind, tier: tier, limit: limit, used: used, resetsAt: QuotaPolicy.nextReset(after: now)))
        }
    }

    /// Returns a consumed unit (the action failed before doing anything the user could see).
    package func refund(_ kind: QuotaKind, user: User, amount: Int = 1, now: Date = Date()) async throws {
        try await counters.refund(Self.counterKey(kind, userID: user.id), window: Self.day, amount: amount, now: now)
    }

    /// Checks that one more channel fits the tier (the count is of active subscriptions).
    package func checkChannelSlot(user: User, now: Date = Date()) async throws {
        let used = try await activeChannelCount(userID: user.id)
        if let denial = QuotaPolicy.check(.channels, tier: user.effectiveTier(at: now), used: used, now: now) {
            throw DomainError.quotaExceeded(denial)
        }
    }

    /// Checks the AI digest feature.
    package func checkAIDigest(user: User, now: Date = Date()) throws {
        if let denial = QuotaPolicy.check(.aiDigest, tier: user.effectiveTier(at: now), used: 0, now: now) {
            throw DomainError.quotaExceeded(denial)
        }
    }

    /// Usage against every limit, for `/subscription` and the API.
    package func usage(user: User, now: Date = Date()) async throws -> QuotaUsage {
        let tier = user.effectiveTier(at: now)
        return QuotaUsage(
            tier: tier, expiresAt: tier == .free ? nil : user.tierExpiresAt, limits: tier.limits,
            channels: try await activeChannelCount(userID: user.id),
            postsToday: try await counters.current(Self.counterKey(.postsPerDay, userID: user.id), window: Self.day, now: now),
            ragQueriesToday: try await counters.current(
                Self.counterKey(.ragQueriesPerDay, userID: user.id), window: Self.day, now: now),
            resetsAt: QuotaPolicy.nextReset(after: now))
    }

    private func activeChannelCount(userID: Int64) async throws -> Int {
        try await SubscriptionRepository(database: database).activeCount(userID: userID)
    }
}

/// A user's usage against each limit of their tier.
package struct QuotaUsage: Sendable, Codable, Equatable {
    package var tier: Tier
    package var expiresAt: Date?
    package var limits: TierLimits
    package var channels: Int
    package var postsToday: Int
    package var ragQueriesToday: Int
    package var resetsAt: Date
}
