import Foundation
import Testing

@testable import TeleradarApp
@testable import TeleradarBot
@testable import TeleradarCore
@testable import TeleradarTelegram

@Suite("Bot /search with posts, web and both")
struct BotSearchTests {
    static func callbackData(_ call: FakeBotAPI.Call?) -> [String] {
        call?.buttons.compactMap { $0["callback_data"] as? String } ?? []
    }

    /// The answers of every `answerCallbackQuery`, in order (nil: answered without text).
    static func callbackAnswers(_ api: FakeBotAPI) -> [String?] {
        api.calls.filter { $0.method == "answerCallbackQuery" }.map { $0.parameters["text"] as? String }
    }

    @Test(
        "/search offers [Posts] [Web] [Both]; each runs its search, edits the message and keeps the buttons",
        arguments: Backend.allCases)
    func postsWebBoth(backend: Backend) async throws {
        try await FakeTelegramWeb.withServer { web in
            try await FakeSearxng.withServer { searxng, log in
                let environment = ["TELEGRAM_WEB_BASE_URL": web, "SEARXNG_URL": searxng]
                try await TestContext.with(backend, environment: environment) { context in
                    let bot = try BotHarness(context: context)
                    let service = bot.service()
                    let bob = BotUsers.bob
                    _ = try await context.accounts.grant(telegramID: bob.id, tier: .basic, days: nil, by: nil)
                    try await bot.say("/add_channel smallchan", from: bob, via: service)

                    let offer = try await bot.say("/search news <item>", from: bob, via: service)
                    #expect(offer == ["🔎 <b>news &lt;item&gt;</b>\nWhere should I search?"])
                    let message = try #require(bot.last(to: bob))
                    let messageID = try #require(message.resultMessageID)
                    let data = Self.callbackData(message)
                    #expect(data.count == 3)
                    #expect(data.map { $0.prefix(5) } == ["sr:p:", "sr:w:", "sr:b:"])
                    #expect(message.buttons.map { $0["text"] as? String } == ["📰 Posts", "🌐 Web", "🔀 Both"])

                    let posts = try await bot.press(data[0], from: bob, messageID: messageID, via: service)
                    let postsText = try #require(posts.last)
                    #expect(postsText.hasPrefix("🔎 <b>news &lt;item&gt;</b>\n\n<b>Found: 10</b>"))
                    #expect(postsText.contains("1. <a href=\"https://t.me/smallchan/"))
                    #expect(!postsText.contains("On the web"))
                    #expect(bot.last(to: bob)?.method == "editMessageText")
                    #expect(Self.callbackData(bot.last(to: bob)) == data)
                    #expect(log.all.isEmpty)

                    let webOnly = try await bot.press(data[1], from: bob, messageID: messageID, via: service)
                    let webText = try #require(webOnly.last)
                    #expect(webText.contains("<b>On the web: 2</b>"))
                    #expect(
                        webText.contains(
                            "1. <a href=\"https://en.wikipedia.org/wiki/Swift_(programming_language)\">Swift &lt;lang&gt; &amp; \"news &lt;item&gt;\"</a> · en.wikipedia.org"
                        ))
                    #expect(webText.contains("Swift is a &lt;general-purpose&gt; programming language &amp; more."))
                    #expect(!webText.contains("javascript:"))
                    #expect(!webText.contains("Found:"))
                    #expect(log.all == ["news <item>"])
                    #expect(bot.last(to: bob)?.buttons.map { $0["text"] as? String } == ["📰 Posts", "✓ 🌐 Web", "🔀 Both"])

                    let both = try await bot.press(data[2], from: bob, messageID: messageID, via: service)
                    let bothText = try #require(both.last)
                    #expect(bothText.contains("<b>Found: 5</b>") && bothText.contains("<b>On the web: 2</b>"))
                    #expect(Self.callbackAnswers(bot.api) == [nil, nil, nil])
                    // The same button again: Telegram refuses the unchanged edit, which is not an error for the user.
                    let again = try await bot.press(data[2], from: bob, messageID: messageID, via: service)
                    #expect(again.isEmpty)
                    #expect(bot.api.calls.last { $0.method == "editMessageText" }?.accepted == false)
                    #expect(Self.callbackAnswers(bot.api) == [nil, nil, nil, nil])

                    // A failing instance is a line in the reply, in the user's language.
                    try await bot.say("/search boom", from: bob, via: service)
                    let failing = try #require(bot.last(to: bob))
                    let failed = try await bot.press(
                        Self.callbackData(failing)[1], from: bob, messageID: try #require(failing.resultMessageID),
                        via: service)
                    #expect(failed.last?.contains("⚠️ Web search failed: the search engine answered HTTP 500") == true)
                    #expect(bot.api.violations == [])
                }
            }
        }
    }

    @Test(
        "a bare /search asks for the query; without SEARXNG_URL the Web button says web search is not configured",
        arguments: Backend.allCases)
    func askAndNotConfigured(backend: Backend) async throws {
        try await FakeTelegramWeb.withServer { web in
            try await TestContext.with(backend, environment: ["TELEGRAM_WEB_BASE_URL": web]) { context in
                let bot = try BotHarness(context: context)
                let service = bot.service()
                let alice = BotUsers.alice, bob = BotUsers.bob
                _ = try await context.accounts.grant(telegramID: alice.id, tier: .trial, days: nil, by: nil)
                _ = try await context.accounts.grant(telegramID: bob.id, tier: .trial, days: nil, by: nil)
                try await bot.say("/add_channel smallchan", from: alice, via: service)

                #expect(try await bot.say("/search", from: alice, via: service) == [BotTexts.render(.searchAsk, .ru)])
                let offer = try await bot.say("суббота", from: alice, via: service)
                #expect(offer == ["🔎 <b>суббота</b>\nГде искать?"])
                let message = try #require(bot.last(to: alice))
                let messageID = try #require(message.resultMessageID)
                let data = Self.callbackData(message)
                #expect(message.buttons.map { $0["text"] as? String } == ["📰 Посты", "🌐 Интернет", "🔀 Везде"])
                // The conversation ended: free text is a hint again.
                #expect(try await bot.say("суббота", from: alice, via: service) == [BotTexts.render(.freeText, .ru)])

                let before = bot.api.messages(to: alice.id).count
                try await bot.press(data[1], from: alice, messageID: messageID, via: service)
                #expect(bot.api.messages(to: alice.id).count == before)
                #expect(Self.callbackAnswers(bot.api).last == BotTexts.render(.webNotConfigured, .ru))

                let both = try await bot.press(data[2], from: alice, messageID: messageID, via: service)
                let text = try #require(both.last)
                #expect(text.contains("<b>Найдено: 5</b>") && text.contains(BotTexts.render(.webNotConfigured, .ru)))
                #expect(text.contains("https://t.me/smallchan/"))

                // Another user pressing Alice's button, a forged token and a malformed button are refused.
                for forged in [data[0], "sr:p:AAAAAAAAAAAA", "sr:x:\(data[0].dropFirst(5))", "sr:p"] {
                    try await bot.press(
                        forged, from: forged == data[0] ? bob : alice, messageID: messageID, via: service)
                }
                let refusals = Self.callbackAnswers(bot.api).suffix(4)
                #expect(
                    refusals == [
                        BotTexts.render(.callbackExpired, .en), BotTexts.render(.callbackExpired, .ru),
                        BotTexts.render(.callbackExpired, .ru), BotTexts.render(.callbackExpired, .ru),
                    ])
                #expect(bot.api.texts(to: bob.id).isEmpty)
                #expect(bot.api.violations == [])
            }
        }
    }
}
