import Foundation
import TeleradarCore
import TeleradarStorage

/// The posts/day quota as ingestion applies it (SPEC §A, DESIGN §3): new posts of a channel are charged to
/// each active subscriber's daily counter, and a channel whose subscribers have all used up their posts/day
/// is held back — its new posts are deferred, never dropped, until the counters reset at 00:00 UTC.
///
/// Deferral keeps the cursor gap-free because the cursor is the last stored message id: ingestion stores the
/// oldest new posts first, up to the largest remaining allowance among the subscribers, and the next run
/// starts from there. A held-back channel is recorded in `kv` (namespace `ingest.held_back`), so live TDLib
/// updates leave its new posts to the parse (storing a newer one would move the cursor past the backlog)
/// and users can be told. The record is cleared by the run that stores the backlog completely.
///
/// Desktop export imports (`teleradar import`, an admin action) are not limited.
package struct PostQuota: Sendable {
    package let counters: RateCounterStore
    package let subscriptions: SubscriptionRepository
    package let kv: KVCache

    static let namespace = "ingest.held_back"
    /// Safety expiry of a hold record; every run that finds the channel still held back renews it.
    static let holdTTL = Duration.seconds(7 * 86_400)

    package init(database: Database) {
        counters = RateCounterStore(database: database)
        subscriptions = SubscriptionRepository(database: database)
        kv = KVCache(database: database)
    }

    /// One subscriber's place in today's posts/day quota.
    package struct Share: Sendable, Equatable {
        package var userID: Int64
        package var limit: Int
        package var used: Int
        package var remaining: Int { max(limit - used, 0) }
    }

    /// Today's allowance of a channel: its active subscribers' shares.
    package struct Allowance: Sendable, Equatable {
        package var shares: [Share]
        package var resetsAt: Date
        /// How many new posts may be stored now: the largest remainder among the subscribers, or nil (no
        /// limit) when the channel has no active subscriber to charge (an admin's `ingest --once --channel`).
        package var remaining: Int? { shares.isEmpty ? nil : shares.map(\.remaining).max() }
        /// Every subscriber has used up today's posts.
        package var exhausted: Bool { remaining == 0 }
    }

    /// Why and until when a channel's new posts are held back.
    package struct Hold: Sendable, Codable, Equatable {
        /// Posts known to be waiting (nil when the channel was not fetched at all).
        package var deferred: Int?
        /// When the subscribers' counters reset; the next run after it picks the posts up.
        package var resetsAt: Date
        package var since: Date
        enum CodingKeys: String, CodingKey {
            case deferred
            case resetsAt = "resets_at"
            case since
        }
    }

    /// The channel's allowance at `now`.
    package func allowance(channelID: Int64, now: Date) async throws -> Allowance {
        var shares: [Share] = []
        for user in try await subscriptions.activeSubscribers(channelID: channelID) {
            let limit = user.effectiveTier(at: now).limits.postsPerDay
            let used = try await counters.current(
                QuotaService.counterKey(.postsPerDay, userID: user.id), window: QuotaService.day, now: now)
            shares.append(Share(userID: user.id, limit: limit, used: used))
        }
        return Allowance(shares: shares, resetsAt: QuotaPolicy.nextReset(after: now))
    }

    /// Charges `stored` new posts to every subscriber of the allowance, each at most up to their own limit.
    package func charge(_ allowance: Allowance, stored: Int, now: Date) async throws {
        guard stored > 0 else { return }
        for share in allowance.shares {
            try await counters.charge(
                QuotaService.counterKey(.postsPerDay, userID: share.userID), window: QuotaService.day, amount: stored,
                cap: share.limit, now: now)
        }
    }

    /// Records that the channel's new posts are held back until `allowance.resetsAt`.
    package func holdBack(channelID: Int64, deferred: Int?, allowance: Allowance, now: Date) async throws {
        let since = try await hold(channelID: channelID, now: now)?.since ?? now
        let hold = Hold(deferred: deferred, resetsAt: allowance.resetsAt, since: since)
        try await kv.setJSON(Self.namespace, String(channelID), value: hold, ttl: Self.holdTTL, now: now)
    }

    /// The channel's hold, if its new posts are held back.
    package func hold(channelID: Int64, now: Date) async throws -> Hold? {
        try await kv.getJSON(Self.namespace, String(channelID), as: Hold.self, now: now)
    }

    /// Ends a hold: the backlog is stored.
    package func release(channelID: Int64) async throws {
        try await kv.delete(Self.namespace, String(channelID))
    }
}
