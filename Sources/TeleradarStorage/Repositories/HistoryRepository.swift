import Foundation
import SQLKit
import TeleradarCore

/// One row of `subscription_history`.
package struct HistoryEntry: Sendable, Equatable, Codable {
    package var userID: Int64
    package var action: SubscriptionAction
    package var oldTier: Tier?
    package var newTier: Tier?
    package var oldRole: Role?
    package var newRole: Role?
    package var expiresAt: Date?
    package var changedBy: Int64?
    package var notes: String
    package var createdAt: Date?

    package init(
        userID: Int64, action: SubscriptionAction, oldTier: Tier?, newTier: Tier?, oldRole: Role? = nil,
        newRole: Role? = nil, expiresAt: Date? = nil, changedBy: Int64? = nil, notes: String, createdAt: Date? = nil
    ) {
        self.userID = userID
        self.action = action
        self.oldTier = oldTier
        self.newTier = newTier
        self.oldRole = oldRole
        self.newRole = newRole
        self.expiresAt = expiresAt
        self.changedBy = changedBy
        self.notes = notes
        self.createdAt = createdAt
    }
}

/// The audit trail of tier, role and block changes.
package struct HistoryRepository: Sendable {
    package let database: Database

    package init(database: Database) { self.database = database }

    static func insert(_ entry: HistoryEntry, now: Date, on db: any SQLDatabase) async throws {
        try await db.insert(into: "subscription_history")
            .columns(
                "user_id", "action", "old_tier", "new_tier", "old_role", "new_role", "expires_at", "changed_by", "notes",
                "created_at"
            )
            .values(
                SQLBind(entry.userID), SQLBind(entry.action.rawValue), SQLBind(entry.oldTier?.rawValue),
                SQLBind(entry.newTier?.rawValue), SQLBind(entry.oldRole?.rawValue), SQLBind(entry.newRole?.rawValue),
                SQLBind(entry.expiresAt?.millis), SQLBind(entry.changedBy), SQLBind(entry.notes), SQLBind(now.millis)
            )
            .run()
    }

    /// A user's history, newest first.
    package func entries(userID: Int64, limit: Int = 100) async throws -> [HistoryEntry] {
        try await database.read { db in
            try await db.select().columns("*").from("subscription_history").where("user_id", .equal, userID)
                .orderBy("id", .descending).limit(limit).all()
                .map { row in
                    HistoryEntry(
                        userID: try row.decode(column: "user_id", as: Int64.self),
                        action: try row.enumValue("action", as: SubscriptionAction.self),
                        oldTier: try row.decode(column: "old_tier", as: String?.self).flatMap(Tier.init(rawValue:)),
                        newTier: try row.decode(column: "new_tier", as: String?.self).flatMap(Tier.init(rawValue:)),
                        oldRole: try row.decode(column: "old_role", as: String?.self).flatMap(Role.init(rawValue:)),
                        newRole: try row.decode(column: "new_role", as: String?.self).flatMap(Role.init(rawValue:)),
                        expiresAt: try row.optionalDate("expires_at"),
                        changedBy: try row.decode(column: "changed_by", as: Int64?.self),
                        notes: try row.decode(column: "notes", as: String.self),
                        createdAt: try row.date("created_at"))
                }
        }
    }
}
