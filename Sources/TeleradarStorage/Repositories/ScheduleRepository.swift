import Foundation
import SQLKit

/// Persisted next-run times of periodic work, so a restart neither misses nor repeats a run.
package struct ScheduleRepository: Sendable {
    package let database: Database

    package init(database: Database) { self.database = database }

    /// When `name` should run next; nil when it never ran (due now).
    package func nextRun(_ name: String) async throws -> Date? {
        try await database.read { db in
            try await db.select().column("next_run_at").from("schedules").where("name", .equal, name).first()?
                .date("next_run_at")
        }
    }

    /// Records a run and the next one.
    package func recordRun(_ name: String, at: Date, next: Date, status: String) async throws {
        try await database.write { db in
            try await db.insert(into: "schedules").columns("name", "next_run_at", "last_run_at", "last_status")
                .values(SQLBind(name), SQLBind(next.millis), SQLBind(at.millis), SQLBind(String(status.prefix(500))))
                .onConflict(with: ["name"]) {
                    $0.set(excludedValueOf: "next_run_at").set(excludedValueOf: "last_run_at").set(excludedValueOf: "last_status")
                }
                .run()
        }
    }
}
