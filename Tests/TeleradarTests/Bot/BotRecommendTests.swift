import Foundation
import SQLKit
import Testing

@testable import TeleradarApp
@testable import TeleradarBot
@testable import TeleradarCore
@testable import TeleradarStorage
@testable import TeleradarTelegram

@Suite("Bot /recommend")
struct BotRecommendTests {
    @Test(
        "no history gives a hint; after questions, posts on their topics; chosen topics count too",
        arguments: Backend.allCases)
    func recommend(backend: Backend) async throws {
        try await FakeTelegramWeb.withServer { web in
            try await TestContext.with(backend, environment: ["TELEGRAM_WEB_BASE_URL": web]) { context in
                let bot = try BotHarness(context: context)
                let service = bot.service()
                let alice = BotUsers.alice, bob = BotUsers.bob
                #expect(try await bot.say("/recommend", from: bob, via: service) == [BotTexts.render(.needInvite, .en)])
                _ = try await context.accounts.grant(telegramID: alice.id, tier: .trial, days: nil, by: nil)
                _ = try await context.accounts.grant(telegramID: bob.id, tier: .trial, days: nil, by: nil)
                try await bot.say("/add_channel smallchan", from: alice, via: service)
                try await bot.say("/add_channel chan_one", from: bob, via: service)

                #expect(
                    try await bot.say("/recommend", from: alice, via: service) == [
                        BotTexts.render(.recommendNoHistory, .ru)
                    ])
                #expect(
                    try await bot.say("/recommend", from: bob, via: service) == [
                        BotTexts.render(.recommendNoHistory, .en)
                    ])

                try await bot.say("/ask Что открылось в субботу?", from: alice, via: service)
                // The fake channel's posts are about 11 days old: older than the week /recommend looks at.
                let stale = try await bot.say("/recommend", from: alice, via: service)
                #expect(stale == [BotTexts.render(.recommendNothing, .ru, ["topics": "открылось, субботу"])])
                let recent = Date().addingTimeInterval(-3600).millis
                try await context.database.write { db in
                    try await db.raw("UPDATE posts SET posted_at = \(bind: recent)").run()
                }
                let replies = try await bot.say("/recommend", from: alice, via: service)
                let text = try #require(replies.first)
                #expect(replies.count == 1)
                #expect(text.hasPrefix("<b>Рекомендации: "))
                #expect(text.contains("По темам: открылось, субботу"))
                #expect(text.contains("1. <a href=\"https://t.me/smallchan/"))

                // Bob chose a topic in his digest settings and asked nothing: his topic is used.
                let bobUser = try await context.accounts.user(telegramID: bob.id)
                try await context.database.write { db in
                    try await db.raw(
                        """
                        INSERT INTO digest_settings (user_id, preferred_topics, updated_at)
                        VALUES (\(bind: bobUser.id), \(bind: #"["News"]"#), \(bind: Int64(0)))
                        """
                    ).run()
                }
                let bobs = try await bot.say("/recommend", from: bob, via: service)
                #expect(bobs.first?.hasPrefix("<b>Recommended: ") == true)
                #expect(bobs.first?.contains("Topics: news") == true)
                #expect(bobs.first?.contains("https://t.me/chan_one/") == true)
                #expect(bobs.first?.contains("smallchan") == false)
                #expect(bot.api.violations == [])
            }
        }
    }
}
