import Foundation
import SQLKit
import Testing

@testable import TeleradarStorage

/// A write transaction whose task is cancelled half-way.
@Suite("Storage: cancelled transactions")
struct TransactionCancellationTests {
    @Test("a write cancelled half-way is rolled back and the connection stays usable", arguments: Backend.allCases)
    func cancelledWrite(backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let (started, signal) = AsyncStream.makeStream(of: Void.self)
            let write = Task {
                try await database.write { db in
                    try await db.raw(
                        "INSERT INTO leases (name, holder, expires_at, acquired_at) VALUES ('cancelled', 'A', 0, 0)"
                    ).run()
                    signal.yield()
                    try await Task.sleep(for: .seconds(30))
                }
            }
            var iterator = started.makeAsyncIterator()
            _ = await iterator.next()
            write.cancel()
            await #expect(throws: CancellationError.self) { try await write.value }
            // The next writes run in fresh transactions, and the cancelled insert is gone.
            let leases = LeaseStore(database: database)
            #expect(try await leases.acquire("after", holder: "B", ttl: .seconds(60)))
            #expect(try await leases.acquire("after-2", holder: "B", ttl: .seconds(60)))
            let names = try await database.read { db in
                try await db.raw("SELECT name FROM leases ORDER BY name").all().map {
                    try $0.decode(column: "name", as: String.self)
                }
            }
            #expect(names == ["after", "after-2"])
        }
    }
}
