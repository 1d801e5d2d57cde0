import Foundation
import Testing
@testable import TeleradarCore
@testable import TeleradarStorage

@Suite("Invite codes")
struct InviteRepositoryTests {
    @Test("50 concurrent redemptions of a max_uses=1 invite: exactly one succeeds", arguments: Backend.allCases)
    func concurrentRedemption(backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let users = UserRepository(database: database)
            let invites = InviteRepository(database: database)
            var ids: [Int64] = []
            for index in 0..<50 { ids.append(try await users.upsert(.init(telegramID: 1000 + Int64(index))).id) }
            let invite = try await invites.create(tier: .premium, maxUses: 1, expiresAt: Date().addingTimeInterval(3600), trialDays: nil, createdBy: nil)
            let outcomes = await withTaskGroup(of: Bool.self) { group in
                for id in ids {
                    group.addTask {
                        do {
                            _ = try await invites.redeem(code: invite.code, userID: id)
                            return true
                        } catch DomainError.inviteRejected(.exhausted) {
                            return false
                        } catch {
                            Issue.record("unexpected error: \(error)")
                            return false
                        }
                    }
                }
                return await group.reduce(into: [Bool]()) { $0.append($1) }
            }
            #expect(outcomes.filter { $0 }.count == 1)
            let stored = try #require(try await invites.find(code: invite.code))
            #expect(stored.usesCount == 1)
            #expect(try await invites.redemptions(code: invite.code).count == 1)
            let premium = try await users.list(tier: .premium)
            #expect(premium.count == 1)
        }
    }

    @Test("redeeming grants the tier for its trial days and writes history", arguments: Backend.allCases)
    func redeemGrants(backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let users = UserRepository(database: database)
            let invites = InviteRepository(database: database)
            let now = Date(timeIntervalSince1970: 1_800_000_000)
            let user = try await users.upsert(.init(telegramID: 7), now: now)
            let invite = try await invites.create(tier: .trial, maxUses: 3, expiresAt: nil, trialDays: 7, createdBy: nil, now: now)
            let (_, upgraded) = try await invites.redeem(code: invite.code.lowercased(), userID: user.id, now: now)
            #expect(upgraded.tier == .trial)
            #expect(upgraded.tierExpiresAt == now.addingTimeInterval(7 * 86_400))
            let history = try await HistoryRepository(database: database).entries(userID: user.id)
            #expect(history.map(\.action) == [.upgraded, .created])
            #expect(history.first?.notes.contains(invite.code) == true)
            await #expect(throws: DomainError.conflict("you have already used this invite code")) {
                _ = try await invites.redeem(code: invite.code, userID: user.id, now: now)
            }
        }
    }

    @Test("expired, deactivated, unknown and malformed codes are refused and change nothing", arguments: Backend.allCases)
    func rejections(backend: Backend) async throws {
        try await TestDatabase.with(backend) { database in
            let users = UserRepository(database: database)
            let invites = InviteRepository(database: database)
            let now = Date()
            let user = try await users.upsert(.init(telegramID: 8))
            let expired = try await invites.create(tier: .basic, maxUses: 5, expiresAt: now.addingTimeInterval(-1), trialDays: nil, createdBy: nil)
            await #expect(throws: DomainError.inviteRejected(.expired)) {
                _ = try await invites.redeem(code: expired.code, userID: user.id, now: now)
            }
            let inactive = try await invites.create(tier: .basic, maxUses: 5, expiresAt: nil, trialDays: nil, createdBy: nil)
            #expect(try await invites.deactivate(code: inactive.code))
            await #expect(throws: DomainError.inviteRejected(.inactive)) {
                _ = try await invites.redeem(code: inactive.code, userID: user.id, now: now)
            }
            await #expect(throws: DomainError.inviteRejected(.unknown)) {
                _ = try await invites.redeem(code: "ZZZZZZZZZZZZ", userID: user.id, now: now)
            }
            for bad in ["", "short", "'; DROP TABLE invite_codes; --", "ABCDEFGHIJK!", String(repeating: "A", count: 10_000)] {
                await #expect(throws: DomainError.inviteRejected(.malformed)) {
                    _ = try await invites.redeem(code: bad, userID: user.id, now: now)
                }
            }
            #expect(try await invites.find(code: expired.code)?.usesCount == 0)
            #expect(try await users.find(id: user.id)?.tier == .free)
        }
    }

    @Test("codes are 12 characters A-Z0-9 and differ")
    func codeShape() {
        let codes = (0..<1000).map { _ in InviteCode.generate() }
        for code in codes {
            #expect(code.count == 12)
            #expect(code.allSatisfy { InviteCode.alphabet.contains($0) })
        }
        #expect(Set(codes).count == codes.count)
    }
}
