import ArgumentParser
import Foundation
import Logging
import TeleradarApp
import TeleradarStorage

/// `teleradar migrate`: applies pending schema migrations (also done at every start).
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate", abstract: "Apply pending database migrations; a no-op when up to date.")

    @OptionGroup var global: GlobalOptions
    @Flag(name: .long, help: "Print the result as JSON.")
    var json = false

    struct Result: Encodable {
        var applied: [Int]
        var version: Int
    }

    func run() async throws {
        let config = try await CommandSupport.loadConfig(envFile: global.envFile)
        let logger = CommandSupport.logger(for: config, quiet: true)
        let database: Database
        do {
            database = try await Database.open(config.database, logger: logger)
        } catch {
            CommandSupport.fail(CommandSupport.describe(error))
        }
        do {
            let migrator = Migrator(database: database)
            let applied = try await migrator.migrate()
            let version = try await migrator.appliedVersions().max() ?? 0
            await database.shutdown()
            if json {
                try CommandSupport.printJSON(Result(applied: applied.map(\.version), version: version))
            } else if applied.isEmpty {
                print("database is up to date (schema version \(version))")
            } else {
                for migration in applied { print("applied \(migration.version): \(migration.name)") }
                print("database is at schema version \(version)")
            }
        } catch {
            await database.shutdown()
            CommandSupport.fail(CommandSupport.describe(error))
        }
    }
}
