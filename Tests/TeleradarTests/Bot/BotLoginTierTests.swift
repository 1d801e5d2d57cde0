import Foundation
import Testing

@testable import TeleradarApp
@testable import TeleradarBot
@testable import TeleradarCore
@testable import TeleradarStorage
@testable import TeleradarTelegram

@Suite("Invite tier activated by the QR login")
struct BotLoginTierTests {
    @Test(
        "/login CODE uses the code at once; the tier and its history row come when the QR login succeeds; the bot says so",
        arguments: Backend.allCases)
    func tierOnLogin(backend: Backend) async throws {
        let transports = FakeTransports()
        try await TestContext.with(backend, environment: TelegramLogin.environment, sessions: transports.options()) {
            context in
            let bot = try BotHarness(context: context)
            let service = bot.service()
            await service.notifySessionsReady()
            let admin = try await context.accounts.makeAdmin(telegramID: 9, by: nil)
            let invite = try await context.accounts.createInvite(
                tier: .premium, maxUses: 1, validDays: 7, trialDays: 14, createdBy: admin.id)
            let alice = BotUsers.alice

            let replies = try await bot.say("/login \(invite.code)", from: alice, via: service)
            #expect(replies.first?.contains("premium") == true)
            #expect(replies.first?.contains("QR") == true)
            var user = try await context.accounts.user(telegramID: alice.id)
            #expect(user.tier == .free)
            #expect(try await context.accounts.invites.find(code: invite.code)?.usesCount == 1)
            #expect(try await context.accounts.history.entries(userID: user.id).allSatisfy { $0.newTier != .premium })
            #expect(try await context.accounts.invites.pendingTier(userID: user.id)?.tier == .premium)
            // The single use is taken: nobody else gets it meanwhile.
            let bob = try await bot.say("/login \(invite.code)", from: BotUsers.bob, via: service)
            #expect(bob.first?.contains("used up") == true)
            let subscription = try await bot.say("/subscription", from: alice, via: service)
            #expect(subscription.first?.contains("Тариф <b>premium</b> по коду приглашения включится") == true)
            // The redeemed invite lets Alice in (on the free tier for now).
            let channels = try await bot.say("/my_channels", from: alice, via: service)
            #expect(channels != [BotTexts.render(.needInvite, .ru)])

            let fake = TelegramLogin.manualFake(me: alice.id)
            transports.register(fake, for: user.id)
            try await TelegramLogin.running(context.telegramSessions) { [user] in
                _ = try await context.telegramSessions.startLogin(user: user)
                try await TelegramLogin.eventually("the QR request") {
                    fake.requests.contains { $0.request.type == "requestQrCodeAuthentication" }
                }
                fake.confirmQR(clientID: try TelegramLogin.loginClient(fake))
                try await TelegramLogin.eventually("the tier") {
                    try await context.accounts.user(telegramID: alice.id).tier == .premium
                }
                try await TelegramLogin.eventually("the bot's message") {
                    bot.api.texts(to: alice.id).contains { $0.contains("Telegram-аккаунт подключён") }
                }
            }
            user = try await context.accounts.user(telegramID: alice.id)
            let expires = try #require(user.tierExpiresAt)
            #expect(abs(expires.timeIntervalSinceNow - 14 * 86_400) < 600)
            let history = try await context.accounts.history.entries(userID: user.id)
            #expect(history.filter { $0.newTier == .premium }.count == 1)
            #expect(history.contains { $0.notes == "invite \(invite.code), QR login" && $0.changedBy == admin.id })
            #expect(try await context.accounts.invites.pendingTier(userID: user.id) == nil)
            let message = try #require(bot.api.texts(to: alice.id).last)
            #expect(message.contains("premium"))
            #expect(bot.api.violations == [])
        }
    }

    @Test(
        "a user whose own Telegram session is already recorded gets the invite's tier at /login",
        arguments: Backend.allCases)
    func alreadyLoggedIn(backend: Backend) async throws {
        try await TestContext.with(backend, environment: TelegramLogin.environment) { context in
            let bot = try BotHarness(context: context)
            let service = bot.service()
            let invite = try await context.accounts.createInvite(
                tier: .basic, maxUses: 1, validDays: 7, trialDays: nil, createdBy: nil)
            let alice = BotUsers.alice
            let user = try await context.accounts.register(.init(telegramID: alice.id))
            try await TelegramLogin.recordSession(userID: user.id, telegramID: alice.id, in: context)
            let replies = try await bot.say("/login \(invite.code)", from: alice, via: service)
            #expect(replies.first?.contains("basic") == true)
            #expect(try await context.accounts.user(telegramID: alice.id).tier == .basic)
            #expect(try await context.accounts.invites.pendingTier(userID: user.id) == nil)
        }
    }
}
