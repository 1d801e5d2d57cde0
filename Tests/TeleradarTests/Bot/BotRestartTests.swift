import Foundation
import Testing
@testable import TeleradarApp
@testable import TeleradarBot
@testable import TeleradarCore
@testable import TeleradarStorage
@testable import TeleradarTelegram

@Suite("Bot restarts")
struct BotRestartTests {
    @Test("a restart in the middle of /add_channel resumes it, and no update is handled twice", arguments: Backend.allCases)
    func resumeAfterRestart(backend: Backend) async throws {
        try await FakeTelegramWeb.withServer { web in
            try await TestContext.with(backend, environment: ["TELEGRAM_WEB_BASE_URL": web]) { context in
                let bot = try BotHarness(context: context)
                let alice = BotUsers.alice
                _ = try await context.accounts.grant(telegramID: alice.id, tier: .trial, days: nil, by: nil)
                let first = bot.service()
                try await bot.say("/help", from: alice, via: first)
                let prompt = try await bot.say("/add_channel", from: alice, via: first)
                #expect(prompt == [BotTexts.render(.addChannelAsk, .ru)])
                let offset = try #require(try await first.storedOffset())

                // A new instance on the same database: the offset and the conversation are still there.
                let second = bot.service()
                #expect(try await second.storedOffset() == offset)
                let added = try await bot.say("https://t.me/s/smallchan", from: alice, via: second)
                #expect(added.count == 1)
                #expect(added.first?.contains("Канал @smallchan добавлен") == true)
                let polls = bot.api.calls.filter { $0.method == "getUpdates" }
                let offsets: [Int64] = polls.compactMap { ($0.parameters["offset"] as? NSNumber)?.int64Value }
                #expect(offsets.contains(offset))
                let texts = bot.api.texts(to: alice.id)
                #expect(texts.filter { $0 == BotTexts.render(.help, .ru) }.count == 1)
                #expect(texts.filter { $0 == BotTexts.render(.addChannelAsk, .ru) }.count == 1)
                #expect(bot.api.violations == [])
            }
        }
    }

    @Test("a conversation expires, and /cancel ends it", arguments: [Backend.sqlite])
    func expiryAndCancel(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            let bot = try BotHarness(context: context)
            let alice = BotUsers.alice
            _ = try await context.accounts.grant(telegramID: alice.id, tier: .trial, days: nil, by: nil)
            let now = Date()
            try await bot.say("/add_channel", from: alice, via: bot.service(now: { now }))
            let later = bot.service(now: { now.addingTimeInterval(16 * 60) })
            #expect(try await bot.say("smallchan", from: alice, via: later) == [BotTexts.render(.freeText, .ru)])
            let service = bot.service()
            try await bot.say("/add_channel", from: alice, via: service)
            #expect(try await bot.say("/cancel", from: alice, via: service) == [BotTexts.render(.cancelDone, .ru)])
            #expect(try await bot.say("smallchan", from: alice, via: service) == [BotTexts.render(.freeText, .ru)])
            #expect(try await bot.say("/cancel", from: alice, via: service) == [BotTexts.render(.cancelNothing, .ru)])
        }
    }
}
