import Foundation
import Logging
import NIOSSL
import PostgresKit
import PostgresNIO
import SQLKit

/// PostgreSQL through `PostgresClient`'s connection pool; the client's `run()` loop is owned by this driver.
package final class PostgresDriver: DatabaseDriver {
    package let kind = DatabaseKind.postgres
    private let client: PostgresClient
    private let runTask: Task<Void, Never>
    private let logger: Logger

    private init(client: PostgresClient, runTask: Task<Void, Never>, logger: Logger) {
        self.client = client
        self.runTask = runTask
        self.logger = logger
    }

    /// Connects and checks the server answers.
    package static func open(
        _ settings: DatabaseConfiguration.PostgresSettings, logger: Logger
    ) async throws -> PostgresDriver {
        let tls: PostgresClient.Configuration.TLS
        switch settings.tls {
        case "require": tls = .require(.makeClientConfiguration())
        case "prefer": tls = .prefer(.makeClientConfiguration())
        default: tls = .disable
        }
        var configuration = PostgresClient.Configuration(
            host: settings.host, port: settings.port, username: settings.username, password: settings.password,
            database: settings.database, tls: tls)
        configuration.options.maximumConnections = settings.maxConnections
        configuration.options.connectTimeout = .seconds(5)
        let client = PostgresClient(configuration: configuration, backgroundLogger: logger)
        let runTask = Task { await client.run() }
        let driver = PostgresDriver(client: client, runTask: runTask, logger: logger)
        do {
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask {
                    try await client.withConnection { connection in
                        _ = try await connection.query("SELECT 1", logger: logger)
                    }
                }
                group.addTask {
                    try await Task.sleep(for: .seconds(10))
                    throw StorageError.connectionFailed("PostgreSQL at \(settings.host):\(settings.port) did not answer within 10 s")
                }
                try await group.next()
                group.cancelAll()
            }
        } catch let error as StorageError {
            await driver.shutdown()
            throw error
        } catch {
            await driver.shutdown()
            throw StorageError.connectionFailed(
                "PostgreSQL at \(settings.host):\(settings.port)/\(settings.database): \(String(reflecting: error))")
        }
        return driver
    }

    package func withReader<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            try await body(connection.sql())
        }
    }

    package func withTransaction<T: Sendable>(_ body: @Sendable (any SQLDatabase) async throws -> T) async throws -> T {
        try await client.withConnection { connection in
            let db = connection.sql()
            try await db.raw("BEGIN").run()
            do {
                let value = try await body(db)
                try await db.raw("COMMIT").run()
                return value
            } catch {
                // In a task of its own: a cancelled caller (the usual reason to be here) must not cancel the
                // ROLLBACK too, or the connection stays inside the transaction.
                do { try await Task { try await db.raw("ROLLBACK").run() }.value } catch {
                    logger.error("PostgreSQL ROLLBACK failed", metadata: ["error": "\(error)"])
                }
                throw error
            }
        }
    }

    package func shutdown() async {
        runTask.cancel()
        _ = await runTask.value
    }
}
