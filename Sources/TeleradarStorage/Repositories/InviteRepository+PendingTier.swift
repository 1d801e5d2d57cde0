import Foundation
import SQLKit
import TeleradarCore

/// An invite's tier waiting for the user's QR login to succeed (SPEC §A: "success … activates the invite's
/// tier, writes history"). Kept in `kv` (namespace `invite.pending_tier`, key = user id) with an expiry.
package struct PendingTier: Codable, Sendable, Equatable {
    /// The redeemed invite code.
    package var code: String
    /// The tier to activate.
    package var tier: Tier
    /// How many days the tier lasts from activation (nil: no expiry).
    package var days: Int?
    /// Who created the invite (`changed_by` of the history row).
    package var createdBy: Int64?
    /// When the code was redeemed.
    package var redeemedAt: Date
}

extension InviteRepository {
    /// The `kv` namespace of pending tiers.
    package static let pendingNamespace = "invite.pending_tier"

    static func storePending(
        _ pending: PendingTier, userID: Int64, ttl: Duration, now: Date, on db: any SQLDatabase
    ) async throws {
        let expires = now.addingTimeInterval(Double(ttl.components.seconds)).millis
        try await db.insert(into: "kv").columns("namespace", "key", "value", "expires_at")
            .values(
                SQLBind(Self.pendingNamespace), SQLBind(String(userID)), SQLBind(try JSONEncoder().encode(pending)),
                SQLBind(expires)
            )
            .onConflict(with: ["namespace", "key"]) {
                $0.set(excludedValueOf: "value").set(excludedValueOf: "expires_at")
            }
            .run()
    }

    /// The user's pending tier, if one is waiting and not expired.
    package func pendingTier(userID: Int64, now: Date = Date()) async throws -> PendingTier? {
        try await database.read { db in try await Self.pending(userID: userID, now: now, on: db) }
    }

    static func pending(userID: Int64, now: Date, on db: any SQLDatabase) async throws -> PendingTier? {
        let row = try await db.select().column("value").from("kv").where("namespace", .equal, Self.pendingNamespace)
            .where("key", .equal, String(userID))
            .where { $0.where("expires_at", .is, SQLLiteral.null).orWhere("expires_at", .greaterThan, now.millis) }
            .first()
        guard let data = try row?.decode(column: "value", as: Data.self) else { return nil }
        return try? JSONDecoder().decode(PendingTier.self, from: data)
    }

    /// Activates the user's pending tier (for its days from `now`), writes history and forgets it — one
    /// transaction, so it happens once. Returns nil when nothing was pending.
    package func activatePendingTier(userID: Int64, now: Date = Date()) async throws -> (PendingTier, User)? {
        try await database.write { db in
            guard let pending = try await Self.pending(userID: userID, now: now, on: db) else { return nil }
            try await db.delete(from: "kv").where("namespace", .equal, Self.pendingNamespace)
                .where("key", .equal, String(userID)).run()
            let expiresAt = pending.days.map { now.addingTimeInterval(Double($0) * 86_400) }
            let user = try await UserRepository.setTier(
                userID: userID, tier: pending.tier, expiresAt: expiresAt, action: nil, changedBy: pending.createdBy,
                notes: "invite \(pending.code), QR login", now: now, on: db)
            return (pending, user)
        }
    }

    /// Whether the user has redeemed any invite code.
    package func hasRedeemed(userID: Int64) async throws -> Bool {
        try await database.read { db in
            try await db.select().column("code").from("invite_redemptions").where("user_id", .equal, userID).first()
                != nil
        }
    }
}
