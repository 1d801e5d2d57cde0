import Foundation
import Logging
import SQLKit
import Testing
import TeleradarStorage

/// The two storage backends every storage test runs on.
enum Backend: String, CaseIterable, CustomTestStringConvertible, Sendable {
    case sqlite, postgres
    var testDescription: String { rawValue }
}

/// Fresh, migrated databases for tests: a temporary SQLite file, or a new database on the throwaway PostgreSQL
/// server that `scripts/test.sh` starts (its URL in `TELERADAR_TEST_POSTGRES_URL`).
enum TestDatabase {
    static let logger: Logger = {
        var logger = Logger(label: "test")
        logger.logLevel = .warning
        return logger
    }()

    /// The PostgreSQL admin URL, or a recorded test failure explaining how to get one.
    static func postgresURL() throws -> String {
        guard let url = ProcessInfo.processInfo.environment["TELERADAR_TEST_POSTGRES_URL"], !url.isEmpty else {
            Issue.record("TELERADAR_TEST_POSTGRES_URL is not set: run the tests with ./scripts/test.sh, which starts PostgreSQL")
            throw CancellationError()
        }
        return url
    }

    /// A configuration for a brand-new empty database of `backend`, and a cleanup to call afterwards.
    static func makeConfiguration(_ backend: Backend) async throws -> (DatabaseConfiguration, @Sendable () async -> Void) {
        switch backend {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("teleradar-test-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let path = folder.appendingPathComponent("test.sqlite").path
            return (.sqlite(path: path), { try? FileManager.default.removeItem(at: folder) })
        case .postgres:
            let adminURL = try postgresURL()
            guard case .postgres(var settings) = try DatabaseConfiguration(url: adminURL) else {
                throw StorageError.unsupported("TELERADAR_TEST_POSTGRES_URL is not a postgres URL")
            }
            settings.maxConnections = 4
            let admin = try await Database.open(.postgres(settings), logger: logger)
            let name = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased()
            try await admin.read { db in try await db.raw("CREATE DATABASE \(ident: name)").run() }
            await admin.shutdown()
            var test = settings
            test.database = name
            let adminSettings = settings
            let cleanup: @Sendable () async -> Void = {
                if let admin = try? await Database.open(.postgres(adminSettings), logger: logger) {
                    _ = try? await admin.read { db in try await db.raw("DROP DATABASE IF EXISTS \(ident: name) WITH (FORCE)").run() }
                    await admin.shutdown()
                }
            }
            return (.postgres(test), cleanup)
        }
    }

    /// Appends the backend's name to `TELERADAR_TEST_BACKEND_LOG`, so the test script can show both ran.
    static func recordRun(_ backend: Backend) {
        guard let path = ProcessInfo.processInfo.environment["TELERADAR_TEST_BACKEND_LOG"],
            let file = fopen(path, "a")  // O_APPEND: concurrent tests never overwrite each other's lines
        else { return }
        fputs("\(backend.rawValue)\n", file)
        fclose(file)
    }

    /// Runs `body` with a fresh database (migrated unless `migrate` is false), then removes it.
    static func with<T: Sendable>(
        _ backend: Backend, migrate: Bool = true, _ body: (Database) async throws -> T
    ) async throws -> T {
        let (configuration, cleanup) = try await makeConfiguration(backend)
        let database = try await Database.open(configuration, logger: logger)
        do {
            if migrate { try await Migrator(database: database).migrate() }
            let result = try await body(database)
            await database.shutdown()
            await cleanup()
            recordRun(backend)
            return result
        } catch {
            await database.shutdown()
            await cleanup()
            throw error
        }
    }
}
