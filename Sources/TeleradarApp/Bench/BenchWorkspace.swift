import Foundation
import Logging
import TeleradarStorage

/// A throwaway folder with a fresh, migrated SQLite database for one benchmark run; both are gone afterwards.
enum BenchWorkspace {
    /// Runs `body` with the folder and the database, shutting the database down and removing the folder however
    /// `body` ends.
    static func with<T: Sendable>(
        _ name: String, logger: Logger, _ body: (_ folder: URL, _ database: Database) async throws -> T
    ) async throws -> T {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "teleradar-\(name)-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let database = try await Database.open(
            .sqlite(path: folder.appendingPathComponent("bench.sqlite").path), logger: logger)
        do {
            try await Migrator(database: database).migrate()
            let result = try await body(folder, database)
            await database.shutdown()
            return result
        } catch {
            await database.shutdown()
            throw error
        }
    }
}
