import Foundation
import Logging
import SQLKit

/// The SQL dialect family in use; only a few queries (full-text search, the job claim, some types) differ.
package enum DatabaseKind: String, Sendable {
    case sqlite, postgres
}

/// The storage engine behind `Database`: a pool of connections and the way to run a transaction.
package protocol DatabaseDriver: Sendable {
    var kind: DatabaseKind { get }
    /// Runs `body` on a connection for reading.
    func withReader<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// Runs `body` inside one write transaction, committed when it returns and rolled back when it throws.
    func withTransaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T
    /// Closes every connection.
    func shutdown() async
}

/// A handle on the database shared by every repository: cheap to copy, safe to share between tasks.
///
/// SQLKit has no transaction API, so every write goes through `write`, which opens a transaction on one
/// connection (`BEGIN IMMEDIATE` on SQLite, `BEGIN` on PostgreSQL).
package struct Database: Sendable {
    package let driver: any DatabaseDriver
    package let logger: Logger

    package init(driver: any DatabaseDriver, logger: Logger) {
        self.driver = driver
        self.logger = logger
    }

    /// The dialect family.
    package var kind: DatabaseKind { driver.kind }

    /// Runs read-only work on a pooled connection.
    package func read<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await driver.withReader(body)
    }

    /// Runs work inside one transaction.
    package func write<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await driver.withTransaction(body)
    }

    /// Closes the connections.
    package func shutdown() async { await driver.shutdown() }

    /// Opens the database described by `configuration`, creating the SQLite file's folder when needed.
    package static func open(_ configuration: DatabaseConfiguration, logger: Logger) async throws -> Database {
        let driver: any DatabaseDriver
        switch configuration {
        case .sqlite(let path):
            driver = try await SQLiteDriver.open(path: path, logger: logger)
        case .postgres(let settings):
            driver = try await PostgresDriver.open(settings, logger: logger)
        }
        let database = Database(driver: driver, logger: logger)
        try await database.read { db in
            guard db.dialect.supportsReturning else {
                throw StorageError.unsupported("the database driver does not support RETURNING")
            }
        }
        return database
    }

    /// A cheap round trip, for health checks. Returns the latency.
    package func ping() async throws -> Duration {
        let clock = ContinuousClock()
        let start = clock.now
        try await read { db in _ = try await db.raw("SELECT 1 AS one").first() }
        return clock.now - start
    }
}

/// Storage failures with messages fit for an operator.
package enum StorageError: Error, Sendable, CustomStringConvertible {
    case unsupported(String)
    case connectionFailed(String)
    case schemaTooNew(databaseVersion: Int, knownVersion: Int)
    case migrationFailed(version: Int, name: String, reason: String)
    case corruptRow(String)

    package var description: String {
        switch self {
        case .unsupported(let message): message
        case .connectionFailed(let message): "cannot open the database: \(message)"
        case .schemaTooNew(let databaseVersion, let knownVersion):
            "the database schema is version \(databaseVersion), newer than this Teleradar knows (\(knownVersion)); upgrade Teleradar or point DATABASE_URL at another database"
        case .migrationFailed(let version, let name, let reason):
            "migration \(version) (\(name)) failed: \(reason)"
        case .corruptRow(let message): "unexpected data in the database: \(message)"
        }
    }
}
