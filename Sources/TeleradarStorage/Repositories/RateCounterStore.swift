import Foundation
import SQLKit

/// Fixed-window counters (daily quotas, per-route rate limits), atomic on both backends.
package struct RateCounterStore: Sendable {
    package let database: Database

    package init(database: Database) { self.database = database }

    /// Start of the window of length `window` containing `now` (UTC-aligned).
    package static func windowStart(_ now: Date, window: Duration) -> Int64 {
        let size = max(Int64(window.components.seconds) * 1000, 1)
        return now.millis / size * size
    }

    /// Adds `amount` to the counter unless that would pass `limit`. Returns the new count, or `nil` when the
    /// limit would be exceeded (the counter is then unchanged).
    package func consume(
        _ key: String, window: Duration, limit: Int, amount: Int = 1, now: Date = Date()
    ) async throws -> Int? {
        let start = Self.windowStart(now, window: window)
        let expires = start + Int64(window.components.seconds) * 1000
        guard amount <= limit else { return nil }
        return try await database.write { db in
            let rows = try await db.raw(
                """
                INSERT INTO rate_counters (key, window_start, count, expires_at)
                VALUES (\(bind: key), \(bind: start), \(bind: amount), \(bind: expires))
                ON CONFLICT (key, window_start) DO UPDATE SET count = rate_counters.count + \(bind: amount)
                WHERE rate_counters.count + \(bind: amount) <= \(bind: limit)
                RETURNING count
                """
            ).all()
            return try rows.first?.decode(column: "count", as: Int.self)
        }
    }

    /// Adds `amount` to the counter, but never past `cap` (a counter already at or over `cap` stays as it is);
    /// with `cap` nil it adds all of it. Returns the new count. Used to charge posts/day, where what was
    /// stored is charged up to each subscriber's own remainder.
    @discardableResult
    package func charge(_ key: String, window: Duration, amount: Int, cap: Int?, now: Date = Date()) async throws -> Int
    {
        let start = Self.windowStart(now, window: window)
        let expires = start + Int64(window.components.seconds) * 1000
        let limit = cap ?? Int.max / 2
        let first = min(amount, max(limit, 0))
        return try await database.write { db in
            let rows = try await db.raw(
                """
                INSERT INTO rate_counters (key, window_start, count, expires_at)
                VALUES (\(bind: key), \(bind: start), \(bind: first), \(bind: expires))
                ON CONFLICT (key, window_start) DO UPDATE SET count = CASE
                    WHEN rate_counters.count >= \(bind: limit) THEN rate_counters.count
                    WHEN rate_counters.count + \(bind: amount) > \(bind: limit) THEN \(bind: limit)
                    ELSE rate_counters.count + \(bind: amount) END
                RETURNING count
                """
            ).all()
            return try rows.first?.decode(column: "count", as: Int.self) ?? 0
        }
    }

    /// Gives back `amount` (an action counted but not carried out).
    package func refund(_ key: String, window: Duration, amount: Int = 1, now: Date = Date()) async throws {
        let start = Self.windowStart(now, window: window)
        try await database.write { db in
            try await db.raw(
                """
                UPDATE rate_counters SET count = CASE WHEN count > \(bind: amount) THEN count - \(bind: amount) ELSE 0 END
                WHERE key = \(bind: key) AND window_start = \(bind: start)
                """
            ).run()
        }
    }

    /// The current count in the window containing `now`.
    package func current(_ key: String, window: Duration, now: Date = Date()) async throws -> Int {
        let start = Self.windowStart(now, window: window)
        return try await database.read { db in
            try await db.select().column("count").from("rate_counters").where("key", .equal, key)
                .where("window_start", .equal, start).first()?.decode(column: "count", as: Int.self) ?? 0
        }
    }

    /// Deletes finished windows.
    package func purgeExpired(now: Date = Date()) async throws -> Int {
        try await database.write { db in
            try await db.delete(from: "rate_counters").where("expires_at", .lessThanOrEqual, now.millis)
                .returning(SQLColumn("key")).all().count
        }
    }
}
