import Foundation
import Logging
import TeleradarApp
import TeleradarStorage

/// A full application context on a fresh database and a temporary data folder.
enum TestContext {
    static func with<T: Sendable>(
        _ backend: Backend, environment: [String: String] = [:], _ body: (AppContext) async throws -> T
    ) async throws -> T {
        let (databaseConfiguration, cleanup) = try await TestDatabase.makeConfiguration(backend)
        let dataDirectory = FileManager.default.temporaryDirectory.appendingPathComponent("teleradar-data-\(UUID().uuidString)").path
        var config = try AppConfig.resolve { environment[$0] }
        config.database = databaseConfiguration
        config.dataDirectory = dataDirectory
        let context = try await AppContext.bootstrap(config: config, logger: TestDatabase.logger)
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
