import Foundation
import SQLKit
import TeleradarCore

/// Figures about one channel's stored posts, as one user may see them (from `since`, their retention window).
package struct ChannelStats: Sendable, Equatable, Codable {
    /// Posts per UTC day.
    package struct Day: Sendable, Equatable, Codable {
        package var date: String
        package var posts: Int
    }
    package var posts: Int
    package var postsLastDay: Int
    package var postsLastWeek: Int
    package var averageViews: Double?
    package var maxViews: Int?
    package var firstPostAt: Date?
    package var lastPostAt: Date?
    /// Posts by indexing status (`done`, `pending`, `failed`, `skipped`).
    package var indexing: [String: Int]
    /// Posts per day over the last 14 days, oldest first (days without posts included).
    package var perDay: [Day]
}

/// Aggregates over `posts` for channel statistics, the same SQL on both backends.
package struct ChannelStatsRepository: Sendable {
    package let database: Database

    package init(database: Database) { self.database = database }

    /// Statistics of the channel's non-service posts posted at or after `since`.
    package func stats(channelID: Int64, since: Date, now: Date = Date()) async throws -> ChannelStats {
        let dayAgo = now.addingTimeInterval(-86_400).millis
        let weekAgo = now.addingTimeInterval(-7 * 86_400).millis
        let calendarStart = Self.utcDayStart(now.addingTimeInterval(-13 * 86_400))
        return try await database.read { db in
            let summary = try await db.raw(
                """
                SELECT count(*) AS n,
                  sum(CASE WHEN posted_at >= \(bind: dayAgo) THEN 1 ELSE 0 END) AS d1,
                  sum(CASE WHEN posted_at >= \(bind: weekAgo) THEN 1 ELSE 0 END) AS d7,
                  CAST(avg(views) AS DOUBLE PRECISION) AS avg_views, max(views) AS max_views, min(posted_at) AS first_at, max(posted_at) AS last_at
                FROM posts WHERE channel_id = \(bind: channelID) AND is_service = \(bind: false) AND posted_at >= \(bind: since.millis)
                """
            ).first()
            var indexing: [String: Int] = [:]
            for row in try await db.raw(
                """
                SELECT indexing_status AS s, count(*) AS n FROM posts
                WHERE channel_id = \(bind: channelID) AND is_service = \(bind: false) AND posted_at >= \(bind: since.millis)
                GROUP BY indexing_status
                """
            ).all() {
                indexing[try row.decode(column: "s", as: String.self)] = try row.decode(column: "n", as: Int.self)
            }
            let from = max(since, calendarStart).millis
            let times = try await db.raw(
                """
                SELECT posted_at FROM posts
                WHERE channel_id = \(bind: channelID) AND is_service = \(bind: false) AND posted_at >= \(bind: from)
                """
            ).all().map { try $0.decode(column: "posted_at", as: Int64.self) }
            var buckets: [Int64: Int] = [:]
            for time in times { buckets[time / 86_400_000, default: 0] += 1 }
            let firstDay = calendarStart.millis / 86_400_000
            let perDay = (0..<14).map { offset -> ChannelStats.Day in
                let day = firstDay + Int64(offset)
                return ChannelStats.Day(date: Self.dayFormat(day), posts: buckets[day] ?? 0)
            }
            func int(_ column: String) throws -> Int { Int(try summary?.decode(column: column, as: Int64?.self) ?? 0) }
            let average = try summary?.decode(column: "avg_views", as: Double?.self)
            return ChannelStats(
                posts: try int("n"), postsLastDay: try int("d1"), postsLastWeek: try int("d7"),
                averageViews: average.map { ($0 * 10).rounded() / 10 },
                maxViews: try summary?.decode(column: "max_views", as: Int?.self),
                firstPostAt: try summary?.decode(column: "first_at", as: Int64?.self).map(Date.init(millis:)),
                lastPostAt: try summary?.decode(column: "last_at", as: Int64?.self).map(Date.init(millis:)),
                indexing: indexing, perDay: perDay)
        }
    }

    static func utcDayStart(_ date: Date) -> Date {
        Date(millis: date.millis / 86_400_000 * 86_400_000)
    }

    static func dayFormat(_ day: Int64) -> String {
        Date(millis: day * 86_400_000).formatted(.iso8601.year().month().day())
    }
}
