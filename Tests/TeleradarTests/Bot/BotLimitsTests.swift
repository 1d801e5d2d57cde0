import Foundation
import Testing
@testable import TeleradarApp
@testable import TeleradarBot
@testable import TeleradarCore
@testable import TeleradarStorage
@testable import TeleradarTelegram

@Suite("Bot limits")
struct BotLimitsTests {
    @Test("on free, the 4th channel and the 11th question of the day are refused with the reason", arguments: Backend.allCases)
    func freeTierLimits(backend: Backend) async throws {
        try await FakeTelegramWeb.withServer { web in
            try await TestContext.with(backend, environment: ["TELEGRAM_WEB_BASE_URL": web]) { context in
                let bot = try BotHarness(context: context)
                let service = bot.service()
                let bob = BotUsers.bob
                let invite = try await context.accounts.createInvite(tier: .free, maxUses: 1, validDays: 7, trialDays: nil, createdBy: nil)
                try await bot.say("/start", from: bob, via: service)
                let login = try await bot.say("/login \(invite.code)", from: bob, via: service)
                #expect(login.first?.contains("Code accepted") == true)
                #expect(login.contains(BotTexts.render(.loginNoPublicURL, .en)))
                for name in ["chan_one", "chan_two", "chan_three"] {
                    let added = try await bot.say("/add_channel \(name)", from: bob, via: service)
                    #expect(added.first?.contains("Channel @\(name) added") == true)
                }
                let fourth = try await bot.say("/add_channel chan_four", from: bob, via: service)
                #expect(fourth.count == 1)
                #expect(fourth.first?.contains("Channel limit reached: your free tier allows 3 channels and you follow 3") == true)

                for index in 1...10 {
                    let reply = try await bot.say("/ask новость номер \(index)", from: bob, via: service)
                    #expect(reply.count == 1)
                    #expect(reply.first?.contains("Limit reached") == false)
                }
                let eleventh = try await bot.say("/ask новость номер 11", from: bob, via: service)
                let text = try #require(eleventh.first)
                #expect(text.contains("Daily question limit reached: your free tier allows 10 questions a day (used 10)."))
                let reset = BotFormat.dateTime(QuotaPolicy.nextReset(after: Date()))
                #expect(text.contains("It resets at \(reset) UTC."))
                #expect(bot.api.violations == [])
            }
        }
    }

    @Test("a blocked user gets one notice and nothing else", arguments: Backend.allCases)
    func blocked(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            let bot = try BotHarness(context: context)
            let service = bot.service()
            let bob = BotUsers.bob
            try await bot.say("/start", from: bob, via: service)
            let user = try await context.accounts.user(telegramID: bob.id)
            _ = try await context.accounts.users.setBlocked(userID: user.id, blocked: true, changedBy: nil)
            let before = bot.api.calls.count
            let first = try await bot.say("/help", from: bob, via: service)
            #expect(first == [BotTexts.render(.blocked, .en)])
            let rest = try await bot.say("/ask anything", from: bob, via: service)
                + (try await bot.say("hello", from: bob, via: service))
                + (try await bot.say("/login ABCDEFGHJKLM", from: bob, via: service))
            #expect(rest.isEmpty)
            try await bot.press("rm:chan_one", from: bob, messageID: 1, via: service)
            let sentSince = bot.api.calls.dropFirst(before).filter { $0.method != "getUpdates" }.map(\.method)
            #expect(sentSince == ["sendMessage", "answerCallbackQuery"])
            #expect(bot.api.violations == [])
        }
    }

    @Test("channel commands ask for an invite first; /help and /start always work", arguments: [Backend.sqlite])
    func needsInvite(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            let bot = try BotHarness(context: context)
            let service = bot.service()
            let alice = BotUsers.alice
            for command in ["/ask привет", "/my_channels", "/search новость", "/token", "/remove_channel"] {
                let reply = try await bot.say(command, from: alice, via: service)
                #expect(reply == [BotTexts.render(.needInvite, .ru)], "\(command)")
            }
            #expect(try await bot.say("/help", from: alice, via: service) == [BotTexts.render(.help, .ru)])
            let bad = try await bot.say("/login nope", from: alice, via: service)
            #expect(bad.first?.contains("Код не подошёл") == true)
            #expect(bot.api.violations == [])
        }
    }
}
