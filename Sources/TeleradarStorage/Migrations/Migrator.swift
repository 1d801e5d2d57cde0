import Foundation
import Logging
import SQLKit

/// Applies versioned migrations, each in its own transaction, recording them in `schema_migrations`.
/// Running it again is a no-op; a database migrated by a newer Teleradar is refused.
package struct Migrator: Sendable {
    package let database: Database
    package let migrations: [Migration]

    package init(database: Database, migrations: [Migration] = Migration.all) {
        self.database = database
        self.migrations = migrations
    }

    /// The newest version this build knows.
    package var latestVersion: Int { migrations.map(\.version).max() ?? 0 }

    /// Versions already applied, in order.
    package func appliedVersions() async throws -> [Int] {
        try await ensureTable()
        return try await database.read { db in
            try await db.select().column("version").from("schema_migrations").orderBy("version").all()
                .map { try $0.decode(column: "version", as: Int.self) }
        }
    }

    /// Applies what is missing. Returns the migrations applied (empty when up to date).
    @discardableResult
    package func migrate() async throws -> [Migration] {
        try await ensureTable()
        let applied = Set(try await appliedVersions())
        if let newest = applied.max(), newest > latestVersion {
            throw StorageError.schemaTooNew(databaseVersion: newest, knownVersion: latestVersion)
        }
        var done: [Migration] = []
        for migration in migrations.sorted(by: { $0.version < $1.version }) where !applied.contains(migration.version) {
            let kind = database.kind
            let ran = try await database.write { db -> Bool in
                if kind == .postgres {
                    // Serialises concurrent migrators (several replicas starting together).
                    try await db.raw("SELECT pg_advisory_xact_lock(727274)").run()
                }
                let exists = try await db.select().column("version").from("schema_migrations")
                    .where("version", .equal, migration.version).first() != nil
                if exists { return false }
                for statement in migration.rendered(for: kind) {
                    do {
                        try await db.raw("\(unsafeRaw: statement)").run()
                    } catch {
                        throw StorageError.migrationFailed(
                            version: migration.version, name: migration.name, reason: String(reflecting: error))
                    }
                }
                try await db.insert(into: "schema_migrations")
                    .columns("version", "name", "applied_at")
                    .values(SQLBind(migration.version), SQLBind(migration.name), SQLBind(Date().millis))
                    .run()
                return true
            }
            if ran {
                database.logger.info("applied migration", metadata: ["version": "\(migration.version)", "name": "\(migration.name)"])
                done.append(migration)
            }
        }
        return done
    }

    private func ensureTable() async throws {
        let kind = database.kind
        try await database.write { db in
            if kind == .postgres { try await db.raw("SELECT pg_advisory_xact_lock(727274)").run() }
            try await db.raw(
                """
                CREATE TABLE IF NOT EXISTS schema_migrations (
                    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL
                )
                """
            ).run()
        }
    }
}
