import Foundation
import Testing
@testable import TeleradarApp
@testable import TeleradarCore
@testable import TeleradarStorage

@Suite("Accounts, tiers and quotas")
struct AccountServiceTests {
    @Test("an expired paid tier falls back to free with a history row", arguments: Backend.allCases)
    func expiry(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            let t0 = Date(timeIntervalSince1970: 1_800_000_000)
            let granted = try await context.accounts.grant(telegramID: 55, tier: .basic, days: 30, by: nil, now: t0)
            #expect(granted.tier == .basic)
            #expect(granted.tierExpiresAt == t0.addingTimeInterval(30 * 86_400))
            let stillBasic = try await context.accounts.user(telegramID: 55, now: t0.addingTimeInterval(29 * 86_400))
            #expect(stillBasic.tier == .basic)
            let expired = try await context.accounts.user(telegramID: 55, now: t0.addingTimeInterval(30 * 86_400 + 1))
            #expect(expired.tier == .free)
            #expect(expired.tierExpiresAt == nil)
            let actions = try await context.accounts.history.entries(userID: expired.id).map(\.action)
            #expect(actions == [.expired, .upgraded, .created])
        }
    }

    @Test("the maintenance sweep expires every lapsed tier", arguments: Backend.allCases)
    func sweep(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            let t0 = Date(timeIntervalSince1970: 1_800_000_000)
            for id in 1...3 { _ = try await context.accounts.grant(telegramID: Int64(id), tier: .premium, days: id, by: nil, now: t0) }
            #expect(try await context.accounts.expireTiers(now: t0.addingTimeInterval(2.5 * 86_400)) == 2)
            #expect(try await context.accounts.users.list(tier: .premium).map(\.telegramID) == [3])
        }
    }

    @Test("the 11th question of a free user's day is refused with the reset time", arguments: Backend.allCases)
    func ragQuota(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            let user = try await context.accounts.register(.init(telegramID: 9), now: now)
            for _ in 0..<10 { try await context.quotas.consume(.ragQueriesPerDay, user: user, now: now) }
            do {
                try await context.quotas.consume(.ragQueriesPerDay, user: user, now: now)
                Issue.record("the 11th question was allowed")
            } catch DomainError.quotaExceeded(let denial) {
                #expect(denial.kind == .ragQueriesPerDay)
                #expect(denial.limit == 10)
                #expect(denial.used == 10)
                #expect(denial.resetsAt == QuotaPolicy.nextReset(after: now))
                #expect(denial.message.contains("10 questions a day"))
                #expect(denial.message.contains("resets at"))
            }
            let usage = try await context.quotas.usage(user: user, now: now)
            #expect(usage.ragQueriesToday == 10)
            #expect(usage.tier == .free)
        }
    }

    @Test("the channel limit counts active subscriptions", arguments: Backend.allCases)
    func channelQuota(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            let user = try await context.accounts.register(.init(telegramID: 10))
            try await context.database.write { db in
                for index in 1...3 {
                    try await db.raw("INSERT INTO channels (username, created_at) VALUES (\(bind: "c\(index)"), 0)").run()
                    try await db.raw(
                        "INSERT INTO subscriptions (user_id, channel_id, created_at) VALUES (\(bind: user.id), \(bind: Int64(index)), 0)"
                    ).run()
                }
            }
            await #expect(throws: DomainError.self) { try await context.quotas.checkChannelSlot(user: user) }
            let premium = try await context.accounts.grant(telegramID: 10, tier: .premium, days: nil, by: nil)
            try await context.quotas.checkChannelSlot(user: premium)
            #expect(throws: DomainError.self) { try context.quotas.checkAIDigest(user: user) }
            try context.quotas.checkAIDigest(user: premium)
        }
    }

    @Test("API tokens: only the hash is stored; revoked tokens stop working", arguments: Backend.allCases)
    func tokens(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            _ = try await context.accounts.register(.init(telegramID: 77))
            let (token, record) = try await context.accounts.createToken(telegramID: 77, name: "n8n")
            #expect(APIToken.looksValid(token))
            let stored = try await context.database.read { db in
                try await db.raw("SELECT token_hash FROM api_tokens").all().map { try $0.decode(column: "token_hash", as: String.self) }
            }
            #expect(stored == [APIToken.hash(token)])
            #expect(!stored.contains(token))
            #expect(try await context.accounts.tokens.authenticate(token: token)?.userID == record.userID)
            #expect(try await context.accounts.tokens.authenticate(token: token + "x") == nil)
            #expect(try await context.accounts.tokens.authenticate(token: "trk_" + String(repeating: "A", count: 43)) == nil)
            #expect(try await context.accounts.tokens.revoke(tokenID: record.id, userID: record.userID + 1) == false)
            #expect(try await context.accounts.tokens.revoke(tokenID: record.id, userID: record.userID))
            #expect(try await context.accounts.tokens.authenticate(token: token) == nil)
        }
    }

    @Test("make-admin and block write history", arguments: Backend.allCases)
    func rolesAndBlocking(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            let admin = try await context.accounts.makeAdmin(telegramID: 1, by: nil)
            #expect(admin.role == .admin)
            let blocked = try await context.accounts.users.setBlocked(userID: admin.id, blocked: true, changedBy: nil)
            #expect(blocked.isBlocked)
            await #expect(throws: DomainError.blocked) { _ = try await context.accounts.createToken(telegramID: 1) }
            let actions = try await context.accounts.history.entries(userID: admin.id).map(\.action)
            #expect(actions == [.blocked, .roleChanged, .created])
        }
    }
}
