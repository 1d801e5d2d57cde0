import Foundation
import SQLKit

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
}
