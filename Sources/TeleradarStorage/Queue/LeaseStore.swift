import Foundation
import SQLKit
import TeleradarCore

/// Named leases in the database: mutual exclusion across tasks, processes and replicas (parse runs, TDLib
/// sessions, singleton schedules). A lease expires by itself, so a holder that dies frees it.
package struct LeaseStore: Sendable {
    package let database: Database

    package init(database: Database) { self.database = database }

    /// Takes (or renews, for the same holder) the lease `name` for `ttl`. True when `holder` now holds it.
    package func acquire(_ name: String, holder: String, ttl: Duration, now: Date = Date()) async throws -> Bool {
        let expires = now.addingTimeInterval(ttl.seconds)
        return try await database.write { db in
            let rows = try await db.raw(
                """
                INSERT INTO leases (name, holder, expires_at, acquired_at)
                VALUES (\(bind: name), \(bind: holder), \(bind: expires.millis), \(bind: now.millis))
                ON CONFLICT (name) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at,
                    acquired_at = CASE WHEN leases.holder = excluded.holder THEN leases.acquired_at ELSE excluded.acquired_at END
                WHERE leases.expires_at <= \(bind: now.millis) OR leases.holder = excluded.holder
                RETURNING holder
                """
            ).all()
            return try rows.first?.decode(column: "holder", as: String.self) == holder
        }
    }

    /// Gives the lease up if `holder` holds it.
    package func release(_ name: String, holder: String) async throws {
        try await database.write { db in
            try await db.delete(from: "leases").where("name", .equal, name).where("holder", .equal, holder).run()
        }
    }

    /// The current holder, if the lease is held at `now`.
    package func holder(of name: String, now: Date = Date()) async throws -> String? {
        try await database.read { db in
            try await db.select().column("holder").from("leases").where("name", .equal, name)
                .where("expires_at", .greaterThan, now.millis).first()?.decode(column: "holder", as: String.self)
        }
    }
}
