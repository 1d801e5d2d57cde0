import Logging
import ServiceLifecycle
import TeleradarStorage

/// Keeps the database open for the life of the service group and closes it last on shutdown (it is the
/// first service of the group, so it stops after everything that uses it).
package struct DatabaseService: Service {
    package let database: Database

    package init(database: Database) { self.database = database }

    package func run() async throws {
        try await gracefulShutdown()
        await database.shutdown()
    }
}
