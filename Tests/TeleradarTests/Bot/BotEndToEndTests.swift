import Foundation
import Testing
@testable import TeleradarApp
@testable import TeleradarBot
@testable import TeleradarCore
@testable import TeleradarStorage
@testable import TeleradarTelegram

@Suite("Bot end to end")
struct BotEndToEndTests {
    @Test("admin invite → /start → /login → /add_channel → /ask in Russian with t.me sources", arguments: Backend.allCases)
    func journey(backend: Backend) async throws {
        try await FakeTelegramWeb.withServer { web in
            let environment = ["TELEGRAM_WEB_BASE_URL": web, "PUBLIC_BASE_URL": "https://teleradar.example/"]
            try await TestContext.with(backend, environment: environment) { context in
                let bot = try BotHarness(context: context)
                let service = bot.service()
                let admin = BotUsers.admin, alice = BotUsers.alice
                _ = try await context.accounts.makeAdmin(telegramID: admin.id, by: nil)

                // The admin picks a tier, then a lifetime, and gets a code.
                let tiers = try await bot.say("/admin_invite", from: admin, via: service)
                #expect(tiers.first?.contains("Tier of the new invite code") == true)
                let tierMessage = try #require(bot.last(to: admin))
                #expect(tierMessage.buttons.compactMap { $0["callback_data"] as? String }.contains("ai:basic"))
                let messageID = try #require(tierMessage.resultMessageID)
                try await bot.press("ai:basic", from: admin, messageID: messageID, via: service)
                let daysMessage = try #require(bot.last(to: admin))
                #expect(daysMessage.method == "editMessageText")
                #expect(daysMessage.buttons.compactMap { $0["callback_data"] as? String } == ["ai:basic:1", "ai:basic:7", "ai:basic:30", "ai:basic:365"])
                let created = try await bot.press("ai:basic:7", from: admin, messageID: messageID, via: service)
                let code = try #require(created.last.flatMap(BotHarness.inviteCode(in:)))
                #expect(bot.api.calls.filter { $0.method == "answerCallbackQuery" }.count == 2)

                // A new user: /start asks for the code, /login redeems it and offers the Mini App.
                let start = try await bot.say("/start", from: alice, via: service)
                #expect(start.count == 1)
                #expect(start[0].contains("Привет, Алиса") && start[0].contains("/login"))
                let beforeLogin = try await bot.say("/add_channel smallchan", from: alice, via: service)
                #expect(beforeLogin == [BotTexts.render(.needInvite, .ru)])
                let login = try await bot.say("/login \(code.lowercased())", from: alice, via: service)
                #expect(login.first?.contains("Код принят") == true)
                #expect(login.first?.contains("basic") == true)
                let webApp = try #require(bot.last(to: alice)?.buttons.first?["web_app"] as? [String: Any])
                #expect(webApp["url"] as? String == "https://teleradar.example/miniapp/login")
                #expect(try await context.accounts.user(telegramID: alice.id).tier == .basic)

                // /add_channel without a name asks for it; the next message is the name.
                let ask = try await bot.say("/add_channel", from: alice, via: service)
                #expect(ask == [BotTexts.render(.addChannelAsk, .ru)])
                let added = try await bot.say("smallchan", from: alice, via: service)
                #expect(added.count == 1)
                #expect(added.first?.contains("@smallchan") == true)
                #expect(added.first?.contains("Найдено постов: 30") == true)
                let followed = try await context.channels.list(user: try await context.accounts.user(telegramID: alice.id))
                #expect(followed.map(\.username) == ["smallchan"])
                // Free text after the conversation ended is only a hint.
                let hint = try await bot.say("smallchan", from: alice, via: service)
                #expect(hint == [BotTexts.render(.freeText, .ru)])

                // /ask in Russian: an answer with numbered sources linking to the posts.
                let answer = try await bot.say("/ask Что открылось в субботу?", from: alice, via: service)
                #expect(answer.count == 1)
                let text = try #require(answer.first)
                #expect(text.contains("<b>Источники</b>"))
                #expect(text.contains("[1] <a href=\"https://t.me/smallchan/"))
                let sourceLines = text.split(separator: "\n").filter { $0.hasPrefix("[") }
                #expect(!sourceLines.isEmpty)
                for (index, line) in sourceLines.enumerated() {
                    #expect(line.hasPrefix("[\(index + 1)] <a href=\"https://t.me/smallchan/"), "\(line)")
                }
                #expect(TelegramHTML.visibleText(text).lowercased().contains("суббот"))

                let channels = try await bot.say("/my_channels", from: alice, via: service)
                #expect(channels.first?.contains("https://t.me/smallchan") == true)
                let subscription = try await bot.say("/subscription", from: alice, via: service)
                #expect(subscription.first?.contains("Вопросы сегодня: 1 из 50") == true)
                #expect(subscription.first?.contains("Каналы: 1 из 10") == true)

                #expect(bot.api.violations == [])
            }
        }
    }

    @Test("/remove_channel asks with buttons, confirms, answers every press; strangers cannot use admin buttons", arguments: Backend.allCases)
    func removeChannel(backend: Backend) async throws {
        try await FakeTelegramWeb.withServer { web in
            try await TestContext.with(backend, environment: ["TELEGRAM_WEB_BASE_URL": web]) { context in
                let bot = try BotHarness(context: context)
                let service = bot.service()
                let bob = BotUsers.bob
                _ = try await context.accounts.grant(telegramID: bob.id, tier: .basic, days: nil, by: nil)
                try await bot.say("/add_channel @chan_one", from: bob, via: service)
                let choose = try await bot.say("/remove_channel", from: bob, via: service)
                #expect(choose == [BotTexts.render(.removeChannelChoose, .en)])
                let messageID = try #require(bot.last(to: bob)?.resultMessageID)
                #expect(bot.last(to: bob)?.buttons.compactMap { $0["callback_data"] as? String } == ["rm:chan_one"])
                let confirm = try await bot.press("rm:chan_one", from: bob, messageID: messageID, via: service)
                #expect(confirm == ["Stop following @chan_one?"])
                let kept = try await bot.press("rmn:chan_one", from: bob, messageID: messageID, via: service)
                #expect(kept == ["Keeping @chan_one."])
                let removed = try await bot.press("rmy:chan_one", from: bob, messageID: messageID, via: service)
                #expect(removed == ["🗑 You no longer follow @chan_one."])
                #expect(try await context.channels.list(user: try await context.accounts.user(telegramID: bob.id)).isEmpty)
                #expect(bot.api.calls.filter { $0.method == "answerCallbackQuery" }.count == 3)

                // Admin commands and buttons refuse a non-admin.
                let refused = try await bot.say("/admin_stats", from: bob, via: service)
                #expect(refused == [BotTexts.render(.adminOnly, .en)])
                try await bot.press("ai:basic:7", from: bob, messageID: messageID, via: service)
                #expect(try await context.accounts.invites.list().isEmpty)
                let unknown = try await bot.say("/frobnicate", from: bob, via: service)
                #expect(unknown == ["I don't know the command /frobnicate. See /help for the list."])
                // The user's own name is escaped.
                let start = try await bot.say("/start", from: bob, via: service)
                #expect(start.first?.contains("Hi, Bob &lt;b&gt;!") == true)
                #expect(bot.api.violations == [])
            }
        }
    }
}
