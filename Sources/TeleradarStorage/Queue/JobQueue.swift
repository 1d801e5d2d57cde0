import Foundation
import SQLKit
import TeleradarCore

/// The durable job queue in the `jobs` table.
///
/// A claim takes the oldest ready job — queued and due, or running with an expired lock (its worker died) —
/// with `FOR UPDATE SKIP LOCKED` on PostgreSQL and under the single-writer transaction on SQLite. Only the
/// worker holding the lock can complete or fail a job, so a job reclaimed after its lease expired is finished
/// exactly once. Failures back off exponentially; after `max_attempts` a job is `dead` and stays visible.
package struct JobQueue: Sendable {
    package let database: Database
    package let retry: RetryPolicy

    package init(database: Database, retry: RetryPolicy = RetryPolicy()) {
        self.database = database
        self.retry = retry
    }

    /// Enqueues a job. With a dedupe key, returns `nil` when an equal job is already queued or running.
    @discardableResult
    package func enqueue(_ job: NewJob, now: Date = Date()) async throws -> Int64? {
        try await database.write { db in try await Self.enqueue(job, now: now, on: db) }
    }

    /// Enqueues inside a caller's transaction.
    @discardableResult
    package static func enqueue(_ job: NewJob, now: Date, on db: any SQLDatabase) async throws -> Int64? {
        guard !job.kind.isEmpty, job.kind.count <= 100 else { throw DomainError.invalidArgument("job kind must be 1–100 characters") }
        let rows = try await db.insert(into: "jobs")
            .columns("kind", "payload", "status", "priority", "run_at", "max_attempts", "dedupe_key", "created_at", "updated_at")
            .values(
                SQLBind(job.kind), SQLBind(job.payload), SQLBind(Job.Status.queued.rawValue), SQLBind(job.priority),
                SQLBind((job.runAt ?? now).millis), SQLBind(max(1, job.maxAttempts)), SQLBind(job.dedupeKey),
                SQLBind(now.millis), SQLBind(now.millis)
            )
            .ignoringConflicts()
            .returning(SQLColumn("id"))
            .all()
        return try rows.first?.decode(column: "id", as: Int64.self)
    }

    /// Claims the next ready job of the given kinds (all kinds when `nil`) for `worker`, locking it for `lease`.
    package func claim(worker: String, kinds: [String]? = nil, lease: Duration, now: Date = Date()) async throws -> Job? {
        let kind = database.kind
        let leaseMillis = Int64(lease.milliseconds)
        return try await database.write { db in
            // Jobs whose worker died after their last allowed attempt are buried, not retried forever.
            try await db.update("jobs")
                .set("status", to: SQLBind(Job.Status.dead.rawValue))
                .set("last_error", to: SQLBind("lease expired after the last attempt (worker died?)"))
                .set("locked_by", to: SQLLiteral.null).set("locked_until", to: SQLLiteral.null)
                .set("finished_at", to: SQLBind(now.millis)).set("updated_at", to: SQLBind(now.millis))
                .where("status", .equal, Job.Status.running.rawValue)
                .where("locked_until", .lessThan, now.millis)
                .where(SQLColumn("attempts"), .greaterThanOrEqual, SQLColumn("max_attempts"))
                .run()
            let kindFilter: SQLQueryString =
                if let kinds, !kinds.isEmpty {
                    "AND kind IN (\(binds: kinds))"
                } else {
                    ""
                }
            let lock: SQLQueryString = kind == .postgres ? "FOR UPDATE SKIP LOCKED" : ""
            let candidate: SQLQueryString = """
                SELECT id FROM jobs
                WHERE ((status = 'queued' AND run_at <= \(bind: now.millis))
                    OR (status = 'running' AND locked_until < \(bind: now.millis)))
                \(kindFilter)
                ORDER BY priority DESC, run_at, id
                LIMIT 1 \(lock)
                """
            guard let id = try await db.raw(candidate).first()?.decode(column: "id", as: Int64.self) else { return nil }
            let row = try await db.raw(
                """
                UPDATE jobs SET status = 'running', locked_by = \(bind: worker),
                    locked_until = \(bind: now.millis + leaseMillis), attempts = attempts + 1,
                    updated_at = \(bind: now.millis)
                WHERE id = \(bind: id) RETURNING *
                """
            ).first()
            return try row.map(Self.decode)
        }
    }

    /// Marks a job done. False when the worker no longer holds it (its lease expired and it was reclaimed).
    @discardableResult
    package func complete(jobID: Int64, worker: String, now: Date = Date()) async throws -> Bool {
        try await database.write { db in
            try await db.update("jobs")
                .set("status", to: SQLBind(Job.Status.done.rawValue))
                .set("locked_by", to: SQLLiteral.null).set("locked_until", to: SQLLiteral.null)
                .set("finished_at", to: SQLBind(now.millis)).set("updated_at", to: SQLBind(now.millis))
                .where("id", .equal, jobID).where("status", .equal, Job.Status.running.rawValue)
                .where("locked_by", .equal, worker)
                .returning(SQLColumn("id")).all().isEmpty == false
        }
    }

    /// Records a failure: retried after a backoff, or `dead` once attempts are exhausted (or `permanent`).
    /// Returns the job's new status, or `nil` when the worker no longer holds it.
    @discardableResult
    package func fail(
        jobID: Int64, worker: String, error: String, permanent: Bool = false, now: Date = Date()
    ) async throws -> Job.Status? {
        let retry = self.retry
        return try await database.write { db in
            guard
                let row = try await db.select().columns("attempts", "max_attempts").from("jobs")
                    .where("id", .equal, jobID).where("status", .equal, Job.Status.running.rawValue)
                    .where("locked_by", .equal, worker).first()
            else { return nil }
            let attempts = try row.decode(column: "attempts", as: Int.self)
            let maxAttempts = try row.decode(column: "max_attempts", as: Int.self)
            let message = String(error.prefix(2000))
            let update = db.update("jobs")
                .set("last_error", to: SQLBind(message))
                .set("locked_by", to: SQLLiteral.null).set("locked_until", to: SQLLiteral.null)
                .set("updated_at", to: SQLBind(now.millis))
                .where("id", .equal, jobID)
            if permanent || attempts >= maxAttempts {
                try await update.set("status", to: SQLBind(Job.Status.dead.rawValue))
                    .set("finished_at", to: SQLBind(now.millis)).run()
                return .dead
            }
            let delay = retry.delay(afterAttempt: attempts)
            let runAt = now.addingTimeInterval(Double(delay.components.seconds))
            try await update.set("status", to: SQLBind(Job.Status.queued.rawValue)).set("run_at", to: SQLBind(runAt.millis))
                .run()
            return .queued
        }
    }

    /// Extends the lock of a long job. False when the worker no longer holds it.
    package func heartbeat(jobID: Int64, worker: String, lease: Duration, now: Date = Date()) async throws -> Bool {
        let until = now.addingTimeInterval(Double(lease.components.seconds)).millis
        return try await database.write { db in
            try await db.update("jobs").set("locked_until", to: SQLBind(until))
                .where("id", .equal, jobID).where("status", .equal, Job.Status.running.rawValue)
                .where("locked_by", .equal, worker).returning(SQLColumn("id")).all().isEmpty == false
        }
    }

    /// One job by id.
    package func find(id: Int64) async throws -> Job? {
        try await database.read { db in
            try await db.select().columns("*").from("jobs").where("id", .equal, id).first().map(Self.decode)
        }
    }

    /// Jobs in a status (e.g. the dead ones), newest first.
    package func list(status: Job.Status, kind: String? = nil, limit: Int = 100) async throws -> [Job] {
        try await database.read { db in
            let query = db.select().columns("*").from("jobs").where("status", .equal, status.rawValue)
            if let kind { query.where("kind", .equal, kind) }
            return try await query.orderBy("id", .descending).limit(limit).all().map(Self.decode)
        }
    }

    /// Counts per status (and kind), for metrics and `doctor`.
    package func counts(kind: String? = nil) async throws -> [Job.Status: Int] {
        try await database.read { db in
            let query = db.select().column("status").column(SQLFunction("count", args: SQLLiteral.all), as: "n")
                .from("jobs")
            if let kind { query.where("kind", .equal, kind) }
            var result: [Job.Status: Int] = [:]
            for row in try await query.groupBy("status").all() {
                if let status = Job.Status(rawValue: try row.decode(column: "status", as: String.self)) {
                    result[status] = try row.decode(column: "n", as: Int.self)
                }
            }
            return result
        }
    }

    /// Puts a dead job back in the queue with a fresh attempt budget.
    package func requeue(jobID: Int64, now: Date = Date()) async throws -> Bool {
        try await database.write { db in
            try await db.update("jobs").set("status", to: SQLBind(Job.Status.queued.rawValue))
                .set("attempts", to: SQLBind(0)).set("run_at", to: SQLBind(now.millis))
                .set("finished_at", to: SQLLiteral.null).set("updated_at", to: SQLBind(now.millis))
                .where("id", .equal, jobID).where("status", .equal, Job.Status.dead.rawValue)
                .returning(SQLColumn("id")).all().isEmpty == false
        }
    }

    /// Deletes finished jobs older than `olderThan`; returns how many.
    package func purgeDone(olderThan cutoff: Date) async throws -> Int {
        try await database.write { db in
            try await db.delete(from: "jobs").where("status", .equal, Job.Status.done.rawValue)
                .where("finished_at", .lessThan, cutoff.millis).returning(SQLColumn("id")).all().count
        }
    }

    static func decode(_ row: any SQLRow) throws -> Job {
        Job(
            id: try row.decode(column: "id", as: Int64.self),
            kind: try row.decode(column: "kind", as: String.self),
            payload: try row.decode(column: "payload", as: String.self),
            status: try row.enumValue("status", as: Job.Status.self),
            priority: try row.decode(column: "priority", as: Int.self),
            runAt: try row.date("run_at"),
            attempts: try row.decode(column: "attempts", as: Int.self),
            maxAttempts: try row.decode(column: "max_attempts", as: Int.self),
            lockedBy: try row.decode(column: "locked_by", as: String?.self),
            lockedUntil: try row.optionalDate("locked_until"),
            lastError: try row.decode(column: "last_error", as: String?.self),
            dedupeKey: try row.decode(column: "dedupe_key", as: String?.self),
            createdAt: try row.date("created_at"),
            finishedAt: try row.optionalDate("finished_at"))
    }
}
