import Foundation
import SQLKit
import Testing
@testable import TeleradarStorage

@Suite("Migrations")
struct MigrationTests {
    static let tables = [
        "users", "api_tokens", "invite_codes", "invite_redemptions", "subscription_history", "channels",
        "subscriptions", "posts", "post_vectors", "rag_queries", "digest_settings", "digests", "chats", "messages",
        "analyses", "assistant_responses", "jobs", "leases", "schedules", "kv", "rate_counters", "sessions",
        "webhooks", "webhook_deliveries",
    ]

    @Test("migrating twice is a no-op the second time", arguments: Backend.allCases)
    func idempotent(backend: Backend) async throws {
        try await TestDatabase.with(backend, migrate: false) { database in
            let migrator = Migrator(database: database)
            let first = try await migrator.migrate()
            #expect(first.map(\.version) == Migration.all.map(\.version))
            let second = try await migrator.migrate()
            #expect(second.isEmpty)
            #expect(try await migrator.appliedVersions() == Migration.all.map(\.version))
        }
    }

    @Test("every table of the data model exists", arguments: Backend.allCases)
    func tablesExist(backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            for table in Self.tables {
                // Selecting zero rows fails if the table is missing.
                try await database.read { db in _ = try await db.select().column("*").from(table).limit(0).all() }
            }
        }
    }

    @Test("a database from a newer version is refused", arguments: Backend.allCases)
    func newerRefused(backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.write { db in
                try await db.insert(into: "schema_migrations").columns("version", "name", "applied_at")
                    .values(SQLBind(999), SQLBind("from the future"), SQLBind(Int64(0))).run()
            }
            await #expect(throws: StorageError.self) { try await Migrator(database: database).migrate() }
            do {
                try await Migrator(database: database).migrate()
            } catch let error as StorageError {
                #expect(error.description.contains("newer than this Teleradar knows"))
            }
        }
    }

    @Test("posts are unique per channel and message id", arguments: Backend.allCases)
    func postUniqueness(backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            try await database.write { db in
                try await db.raw("INSERT INTO channels (username, created_at) VALUES ('news', 0)").run()
                try await db.raw(
                    "INSERT INTO posts (channel_id, message_id, posted_at, created_at, updated_at) VALUES (1, 5, 0, 0, 0)"
                ).run()
            }
            await #expect(throws: (any Error).self) {
                try await database.write { db in
                    try await db.raw(
                        "INSERT INTO posts (channel_id, message_id, posted_at, created_at, updated_at) VALUES (1, 5, 0, 0, 0)"
                    ).run()
                }
            }
        }
    }

    @Test("foreign keys are enforced and deletes cascade", arguments: Backend.allCases)
    func foreignKeys(backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            await #expect(throws: (any Error).self) {
                try await database.write { db in
                    try await db.raw(
                        "INSERT INTO posts (channel_id, message_id, posted_at, created_at, updated_at) VALUES (42, 1, 0, 0, 0)"
                    ).run()
                }
            }
            let remaining = try await database.write { db in
                try await db.raw("INSERT INTO channels (username, created_at) VALUES ('a', 0)").run()
                try await db.raw(
                    "INSERT INTO posts (channel_id, message_id, posted_at, created_at, updated_at) VALUES (1, 1, 0, 0, 0)"
                ).run()
                try await db.raw("DELETE FROM channels WHERE username = 'a'").run()
                return try await db.raw("SELECT count(*) AS n FROM posts").first()?.decode(column: "n", as: Int.self)
            }
            #expect(remaining == 0)
        }
    }

    @Test("a failed transaction changes nothing", arguments: Backend.allCases)
    func rollback(backend: Backend) async throws {
        struct Boom: Error {}
        try await TestDatabase.with(backend) { database in
            await #expect(throws: Boom.self) {
                try await database.write { db in
                    try await db.raw("INSERT INTO channels (username, created_at) VALUES ('x', 0)").run()
                    throw Boom()
                }
            }
            let count = try await database.read { db in
                try await db.raw("SELECT count(*) AS n FROM channels").first()?.decode(column: "n", as: Int.self)
            }
            #expect(count == 0)
        }
    }
}
