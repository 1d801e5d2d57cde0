import Foundation
import Testing
@testable import TeleradarStorage

@Suite("Leases, cache and counters")
struct LeaseAndCacheTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    @Test("a lease has one holder until it expires or is released", arguments: Backend.allCases)
    func lease(backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let leases = LeaseStore(database: database)
            #expect(try await leases.acquire("parse", holder: "A", ttl: .seconds(60), now: t0))
            #expect(try await leases.acquire("parse", holder: "B", ttl: .seconds(60), now: t0.addingTimeInterval(30)) == false)
            #expect(try await leases.acquire("parse", holder: "A", ttl: .seconds(60), now: t0.addingTimeInterval(30)))
            #expect(try await leases.holder(of: "parse", now: t0.addingTimeInterval(30)) == "A")
            #expect(try await leases.acquire("parse", holder: "B", ttl: .seconds(60), now: t0.addingTimeInterval(91)))
            try await leases.release("parse", holder: "A")
            #expect(try await leases.holder(of: "parse", now: t0.addingTimeInterval(92)) == "B")
            try await leases.release("parse", holder: "B")
            #expect(try await leases.acquire("parse", holder: "C", ttl: .seconds(60), now: t0.addingTimeInterval(93)))
        }
    }

    @Test("concurrent acquirers: exactly one wins", arguments: Backend.allCases)
    func leaseRace(backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let leases = LeaseStore(database: database)
            let winners = try await withThrowingTaskGroup(of: Bool.self) { group in
                for index in 0..<20 {
                    group.addTask { try await leases.acquire("tdlib:1", holder: "h\(index)", ttl: .seconds(60), now: t0) }
                }
                return try await group.reduce(0) { $0 + ($1 ? 1 : 0) }
            }
            #expect(winners == 1)
        }
    }

    @Test("cache entries expire", arguments: Backend.allCases)
    func cacheTTL(backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let cache = KVCache(database: database)
            try await cache.set("answers", "q1", value: Data("hello".utf8), ttl: .seconds(3600), now: t0)
            #expect(try await cache.get("answers", "q1", now: t0.addingTimeInterval(3599)) == Data("hello".utf8))
            #expect(try await cache.get("answers", "q1", now: t0.addingTimeInterval(3600)) == nil)
            try await cache.set("answers", "q1", value: Data([0, 255, 1]), ttl: nil, now: t0)
            #expect(try await cache.get("answers", "q1", now: t0.addingTimeInterval(1e7)) == Data([0, 255, 1]))
            try await cache.set("e", "old", value: Data([1]), ttl: .seconds(1), now: t0)
            #expect(try await cache.purgeExpired(now: t0.addingTimeInterval(2)) == 1)
        }
    }

    @Test("counters never pass their limit, even concurrently", arguments: Backend.allCases)
    func counters(backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let counters = RateCounterStore(database: database)
            let granted = try await withThrowingTaskGroup(of: Int?.self) { group in
                for _ in 0..<30 {
                    group.addTask { try await counters.consume("rag:1", window: .seconds(86_400), limit: 10, now: t0) }
                }
                return try await group.reduce(0) { $0 + ($1 == nil ? 0 : 1) }
            }
            #expect(granted == 10)
            #expect(try await counters.current("rag:1", window: .seconds(86_400), now: t0) == 10)
            // The next UTC day starts a new window.
            let tomorrow = Date(millis: RateCounterStore.windowStart(t0, window: .seconds(86_400)) + 86_400_000)
            #expect(try await counters.consume("rag:1", window: .seconds(86_400), limit: 10, now: tomorrow) == 1)
        }
    }
}
