import Foundation
import Testing

@testable import TeleradarApp
@testable import TeleradarBot
@testable import TeleradarCore
@testable import TeleradarStorage
@testable import TeleradarTelegram

@Suite("Bot admin and account commands")
struct BotAdminTests {
    @Test(
        "/admin_grant, /admin_user, /admin_users, /admin_stats; /token and /search for the user",
        arguments: Backend.allCases)
    func adminCommands(backend: Backend) async throws {
        try await FakeTelegramWeb.withServer { web in
            try await TestContext.with(backend, environment: ["TELEGRAM_WEB_BASE_URL": web]) { context in
                let bot = try BotHarness(context: context)
                let service = bot.service()
                let admin = BotUsers.admin, bob = BotUsers.bob
                _ = try await context.accounts.makeAdmin(telegramID: admin.id, by: nil)
                try await bot.say("/start", from: bob, via: service)

                let usage = try await bot.say("/admin_grant 3003", from: admin, via: service)
                #expect(usage == [BotTexts.render(.adminUserUsage, .en)])
                let badTier = try await bot.say("/admin_grant 3003 gold", from: admin, via: service)
                #expect(badTier.first?.contains("unknown tier") == true)
                let granted = try await bot.say("/admin_grant 3003 premium 10", from: admin, via: service)
                #expect(granted.first?.hasPrefix("✅ 3003: tier premium, valid until") == true)
                #expect(try await context.accounts.user(telegramID: bob.id).tier == .premium)

                let card = try await bot.say("/admin_user 3003", from: admin, via: service)
                #expect(card.first?.contains("<b>@bob</b> (id 3003)") == true)
                #expect(card.first?.contains("Channels: 0 of 50") == true)
                let missing = try await bot.say("/admin_user 999", from: admin, via: service)
                #expect(missing.first?.contains("no user with Telegram id 999") == true)
                let list = try await bot.say("/admin_users bob", from: admin, via: service)
                #expect(list.first?.contains("<code>3003</code> @bob · premium") == true)
                #expect(list.first?.contains("1001") == false)
                let stats = try await bot.say("/admin_stats", from: admin, via: service)
                #expect(stats.first?.contains("Users: 2") == true)
                #expect(stats.first?.contains("premium 1") == true)

                // The granted user may now search and get API tokens.
                try await bot.say("/add_channel smallchan", from: bob, via: service)
                for (query, expected) in [
                    ("новость", "<b>Found: 10</b>"), ("футбол", BotTexts.render(.searchNothing, .en)),
                ] {
                    try await bot.say("/search \(query)", from: bob, via: service)
                    let offer = try #require(bot.last(to: bob))
                    let posts = try #require(offer.buttons.first?["callback_data"] as? String)
                    let found = try await bot.press(
                        posts, from: bob, messageID: try #require(offer.resultMessageID), via: service)
                    #expect(
                        found.first == nil || found.first?.contains("🔎 <b>\(query)</b>\n\n\(expected)") == true,
                        "\(found)")
                    #expect(found.count == 1)
                    if query == "новость" {
                        #expect(found.first?.contains("<a href=\"https://t.me/smallchan/") == true)
                    }
                }
                let token = try await bot.say("/token", from: bob, via: service)
                #expect(token.first?.contains("Your API token") == true)
                let user = try await context.accounts.user(telegramID: bob.id)
                #expect(try await context.accounts.tokens.list(userID: user.id).count == 1)
                let revoked = try await bot.say("/token revoke", from: bob, via: service)
                #expect(revoked == ["Tokens revoked: 1."])
                #expect(bot.api.violations == [])
            }
        }
    }
}
