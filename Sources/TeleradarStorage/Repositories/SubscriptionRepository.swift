import Foundation
import SQLKit
import TeleradarCore

/// Links between users and the channels they follow.
package struct SubscriptionRepository: Sendable {
    package let database: Database

    package init(database: Database) { self.database = database }

    /// How many channels a user follows actively.
    package func activeCount(userID: Int64) async throws -> Int {
        try await database.read { db in
            try await db.select().column(SQLFunction("count", args: SQLLiteral.all), as: "n").from("subscriptions")
                .where("user_id", .equal, userID).where("is_active", .equal, SQLBind(true))
                .first()?.decode(column: "n", as: Int.self) ?? 0
        }
    }

    /// The users who follow a channel actively and are not blocked, by id.
    package func activeSubscribers(channelID: Int64) async throws -> [User] {
        try await database.read { db in
            try await db.raw(
                """
                SELECT u.* FROM users u JOIN subscriptions s ON s.user_id = u.id
                WHERE s.channel_id = \(bind: channelID) AND s.is_active = \(bind: true) AND u.is_blocked = \(bind: false)
                ORDER BY u.id
                """
            ).all().map(UserRepository.decode)
        }
    }
}
