import Foundation
import Testing

@testable import TeleradarApp
@testable import TeleradarBot
@testable import TeleradarCore
@testable import TeleradarTelegram

@Suite("Bot error replies in the user's language")
struct BotLanguageTests {
    static func hasCyrillic(_ text: String) -> Bool {
        text.unicodeScalars.contains { (0x0400...0x04FF).contains($0.value) }
    }

    /// Commands that fail in the use cases, each with the English prefix of the expected reply.
    static let failing: [(String, String)] = [
        ("/login ABC", "❌ The code was not accepted: an invite code is 12 characters"),
        ("/login ABCDEFGHJKLM", "❌ The code was not accepted: no such invite code"),
        ("/add_channel not a channel!", "⚠️ "),
        ("/add_channel nosuchchannel", "⚠️ "),
        ("/remove_channel @nobody_here", "⚠️ "),
        ("/search " + String(repeating: "q", count: 600), "⚠️ the query is longer than 500 characters"),
        ("/ask " + String(repeating: "вопрос ", count: 400), "⚠️ the question is longer than 2000 characters"),
        ("/ask Что открылось в субботу?", "⛔ Limit reached.\nDaily question limit reached"),
        ("/admin_stats", "This command is for administrators only."),
        ("/frobnicate", "I don't know the command /frobnicate."),
    ]

    @Test("an English user gets English error texts, even when the input was Russian", arguments: Backend.allCases)
    func english(backend: Backend) async throws {
        try await FakeTelegramWeb.withServer { web in
            try await TestContext.with(backend, environment: ["TELEGRAM_WEB_BASE_URL": web]) { context in
                let bot = try BotHarness(context: context)
                let service = bot.service()
                let bob = BotUsers.bob
                let user = try await context.accounts.grant(telegramID: bob.id, tier: .basic, days: nil, by: nil)
                try await bot.say("/add_channel smallchan", from: bob, via: service)
                try await context.quotas.consume(
                    .ragQueriesPerDay, user: user, amount: Tier.basic.limits.ragQueriesPerDay)
                for (command, expected) in Self.failing {
                    let replies = try await bot.say(command, from: bob, via: service)
                    #expect(replies.count == 1, "\(command)")
                    let reply = replies.first ?? ""
                    #expect(reply.hasPrefix(expected), "\(command) → \(reply)")
                    #expect(!Self.hasCyrillic(reply), "\(command) → \(reply)")
                }
                try await bot.press("sr:p:AAAAAAAAAAAA", from: bob, messageID: 1, via: service)
                let answers = bot.api.calls.filter { $0.method == "answerCallbackQuery" }.compactMap {
                    $0.parameters["text"] as? String
                }
                #expect(answers == [BotTexts.render(.callbackExpired, .en)])
                for text in bot.api.texts(to: bob.id) {
                    #expect(!Self.hasCyrillic(text), "\(text)")
                }
                #expect(bot.api.violations == [])
            }
        }
    }

    @Test("a Russian user gets quota and invite errors in Russian", arguments: [Backend.sqlite])
    func russian(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            let bot = try BotHarness(context: context)
            let service = bot.service()
            let alice = BotUsers.alice
            let replies = try await bot.say("/login ABC", from: alice, via: service)
            #expect(replies == ["❌ Код не подошёл: код приглашения — это 12 символов A-Z и 0-9."])
            #expect(
                try await bot.say("/login ABCDEFGHJKLM", from: alice, via: service) == [
                    "❌ Код не подошёл: такого кода нет."
                ])
            let user = try await context.accounts.grant(telegramID: alice.id, tier: .trial, days: nil, by: nil)
            try await context.quotas.consume(.ragQueriesPerDay, user: user, amount: Tier.trial.limits.ragQueriesPerDay)
            let limited = try await bot.say("/ask что нового?", from: alice, via: service)
            #expect(
                limited.first?.hasPrefix(
                    "⛔ Лимит тарифа исчерпан.\nДневной лимит вопросов: тариф trial позволяет 50 в день") == true)
            #expect(limited.first?.contains("Лимит обнулится ") == true)
        }
    }
}
