import Foundation
import Logging
import TeleradarApp
import TeleradarStorage

/// A full application context on a fresh database and a temporary data folder.
enum TestContext {
    static func with<T: Sendable>(
        _ backend: Backend, environment: [String: String] = [:], embeddings: Bool = false,
        sessions: TDLibSessionManager.Options = TDLibSessionManager.Options(),
        _ body: (AppContext) async throws -> T
    ) async throws -> T {
        let (databaseConfiguration, cleanup) = try await TestDatabase.makeConfiguration(backend)
        let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent(
            "teleradar-data-\(UUID().uuidString)"
        ).path
        // Keyword search only unless a test asks for an embedder (loading e5 costs seconds).
        let environment = environment.merging(["EMBEDDER": "none"]) { mine, _ in mine }
        var config = try AppConfig.resolve { environment[$0] }
        config.database = databaseConfiguration
        config.dataDirectory = dataDirectory
        let context = try await AppContext.bootstrap(
            config: config, logger: TestDatabase.logger, embeddings: embeddings, sessions: sessions)
        do {
            let result = try await body(context)
            await context.shutdown()
            await cleanup()
            try? FileManager.default.removeItem(atPath: dataDirectory)
            TestDatabase.recordRun(backend)
            return result
        } catch {
            await context.shutdown()
            await cleanup()
            try? FileManager.default.removeItem(atPath: dataDirectory)
            throw error
        }
    }
}
