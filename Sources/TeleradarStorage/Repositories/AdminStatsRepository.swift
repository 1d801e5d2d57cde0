import Foundation
import SQLKit
import TeleradarCore

/// The admin panel's figures: users by tier and role, registrations, posts and questions per day.
package struct AdminStats: Sendable, Equatable, Codable {
    /// A count on one UTC day (`YYYY-MM-DD`).
    package struct Day: Sendable, Equatable, Codable {
        package var date: String
        package var count: Int
    }
    package var users: Int
    package var blockedUsers: Int
    package var usersByTier: [String: Int]
    package var usersByRole: [String: Int]
    package var channels: Int
    package var posts: Int
    package var ragQueries: Int
    package var registrationsPerDay: [Day]
    package var postsPerDay: [Day]
    package var queriesPerDay: [Day]
}

/// Aggregates for the admin panel, one SQL path for both backends (days are `millis / 86400000`).
package struct AdminStatsRepository: Sendable {
    package let database: Database

    package init(database: Database) { self.database = database }

    /// The figures, with per-day series over the last `days` days (oldest first, empty days included).
    package func stats(days: Int = 14, now: Date = Date()) async throws -> AdminStats {
        let today = now.millis / 86_400_000
        let firstDay = today - Int64(days - 1)
        return try await database.read { db in
            func count(_ sql: SQLQueryString) async throws -> Int {
                Int(try await db.raw(sql).first()?.decode(column: "n", as: Int64.self) ?? 0)
            }
            func grouped(_ column: String) async throws -> [String: Int] {
                var result: [String: Int] = [:]
                for row in try await db.raw(
                    "SELECT \(ident: column) AS k, count(*) AS n FROM users GROUP BY \(ident: column)"
                ).all() {
                    result[try row.decode(column: "k", as: String.self)] = Int(
                        try row.decode(column: "n", as: Int64.self))
                }
                return result
            }
            func perDay(_ table: String, _ column: String) async throws -> [AdminStats.Day] {
                var counts: [Int64: Int] = [:]
                for row in try await db.raw(
                    """
                    SELECT \(ident: column) / 86400000 AS d, count(*) AS n FROM \(ident: table)
                    WHERE \(ident: column) >= \(bind: firstDay * 86_400_000) GROUP BY \(ident: column) / 86400000
                    """
                ).all() {
                    counts[try row.decode(column: "d", as: Int64.self)] = Int(
                        try row.decode(column: "n", as: Int64.self))
                }
                return (firstDay...today).map { day in
                    AdminStats.Day(
                        date: Date(millis: day * 86_400_000).formatted(.iso8601.year().month().day()),
                        count: counts[day] ?? 0)
                }
            }
            return AdminStats(
                users: try await count("SELECT count(*) AS n FROM users"),
                blockedUsers: try await count("SELECT count(*) AS n FROM users WHERE is_blocked = \(bind: true)"),
                usersByTier: try await grouped("tier"), usersByRole: try await grouped("role"),
                channels: try await count("SELECT count(*) AS n FROM channels"),
                posts: try await count("SELECT count(*) AS n FROM posts"),
                ragQueries: try await count("SELECT count(*) AS n FROM rag_queries"),
                registrationsPerDay: try await perDay("users", "created_at"),
                postsPerDay: try await perDay("posts", "posted_at"),
                queriesPerDay: try await perDay("rag_queries", "created_at"))
        }
    }
}
