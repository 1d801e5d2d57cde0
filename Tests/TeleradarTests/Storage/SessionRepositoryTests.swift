import Foundation
import Testing

@testable import TeleradarCore
@testable import TeleradarStorage

@Suite("Sessions")
struct SessionRepositoryTests {
    @Test("create, find by kind until expiry, delete, purge; only the hash is stored", arguments: Backend.allCases)
    func lifecycle(backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let user = try await UserRepository(database: database).upsert(.init(telegramID: 1))
            let sessions = SessionRepository(database: database)
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            let (token, expiresAt) = try await sessions.create(
                kind: "admin", userID: user.id, ttl: .seconds(3600), now: now)
            #expect(token.hasPrefix("trs_") && token.count == 68)
            #expect(expiresAt == now.addingTimeInterval(3600))
            #expect(try await sessions.find(token: token, kind: "admin", now: now)?.userID == user.id)
            #expect(try await sessions.find(token: token, kind: "qr_login", now: now) == nil)
            #expect(try await sessions.find(token: token, kind: "admin", now: now.addingTimeInterval(3600)) == nil)
            #expect(
                try await sessions.find(token: "trs_" + String(repeating: "0", count: 64), kind: "admin", now: now)
                    == nil)
            #expect(try await sessions.find(token: "not a token", kind: "admin", now: now) == nil)
            let stored = try await database.read { db in
                try await db.raw("SELECT id FROM sessions").all().map { try $0.decode(column: "id", as: String.self) }
            }
            #expect(stored == [APIToken.hash(token)])
            let (second, _) = try await sessions.create(kind: "admin", userID: user.id, ttl: .seconds(60), now: now)
            #expect(try await sessions.delete(token: second))
            #expect(try await sessions.delete(token: second) == false)
            #expect(try await sessions.purgeExpired(now: now.addingTimeInterval(30)) == 0)
            #expect(try await sessions.purgeExpired(now: now.addingTimeInterval(3600)) == 1)
        }
    }
}
