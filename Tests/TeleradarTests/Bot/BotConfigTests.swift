import Foundation
import Testing

@testable import TeleradarApp

@Suite("Bot configuration")
struct BotConfigTests {
    @Test("TELEGRAM_BOT_API_BASE_URL defaults to api.telegram.org and is validated")
    func botAPIBaseURL() throws {
        #expect(try AppConfig.resolve { _ in nil }.telegramBotAPIBaseURL == "https://api.telegram.org")
        let local = try AppConfig.resolve { $0 == "TELEGRAM_BOT_API_BASE_URL" ? "http://127.0.0.1:8081" : nil }
        #expect(local.telegramBotAPIBaseURL == "http://127.0.0.1:8081")
        #expect(
            local.redactedSummary.contains { $0.0 == "TELEGRAM_BOT_API_BASE_URL" && $0.1 == "http://127.0.0.1:8081" })
        for bad in ["ftp://bot.example", "not a url", "https://"] {
            #expect(throws: ConfigError.self, "\(bad)") {
                _ = try AppConfig.resolve { $0 == "TELEGRAM_BOT_API_BASE_URL" ? bad : nil }
            }
        }
    }
}

@Suite("Bot delivery configuration")
struct BotDeliveryConfigTests {
    static func resolve(_ values: [String: String]) throws -> AppConfig { try AppConfig.resolve { values[$0] } }

    @Test("polling by default; webhook needs an https URL on a Telegram port and a valid secret")
    func webhook() throws {
        #expect(try Self.resolve([:]).botDelivery.mode == .polling)
        #expect(try Self.resolve(["BOT_MODE": "Polling"]).botDelivery.mode == .polling)
        let config = try Self.resolve([
            "BOT_MODE": "webhook", "BOT_WEBHOOK_URL": "https://bot.example:8443/bot/webhook",
            "BOT_WEBHOOK_SECRET": "abc_DEF-123",
        ])
        #expect(config.botDelivery.webhookURL == "https://bot.example:8443/bot/webhook")
        #expect(config.botDelivery.webhookSecret?.value == "abc_DEF-123")
        let summary = config.redactedSummary
        #expect(summary.contains { $0.0 == "BOT_MODE" && $0.1 == "webhook" })
        #expect(summary.contains { $0.0 == "BOT_WEBHOOK_SECRET" && $0.1 == "***" })
        #expect(!summary.contains { $0.1.contains("abc_DEF-123") })
    }

    @Test(
        "bad values fail with the variable's name",
        arguments: [
            (["BOT_MODE": "push"], "BOT_MODE"),
            (["BOT_MODE": "webhook", "BOT_WEBHOOK_SECRET": "abc"], "BOT_WEBHOOK_URL"),
            (
                [
                    "BOT_MODE": "webhook", "BOT_WEBHOOK_URL": "http://bot.example/bot/webhook",
                    "BOT_WEBHOOK_SECRET": "abc",
                ], "BOT_WEBHOOK_URL"
            ),
            (
                ["BOT_MODE": "webhook", "BOT_WEBHOOK_URL": "https:///bot/webhook", "BOT_WEBHOOK_SECRET": "abc"],
                "BOT_WEBHOOK_URL"
            ),
            (
                [
                    "BOT_MODE": "webhook", "BOT_WEBHOOK_URL": "https://bot.example:8010/bot/webhook",
                    "BOT_WEBHOOK_SECRET": "abc",
                ], "BOT_WEBHOOK_URL"
            ),
            (["BOT_MODE": "webhook", "BOT_WEBHOOK_URL": "https://bot.example/bot/webhook"], "BOT_WEBHOOK_SECRET"),
            (
                [
                    "BOT_MODE": "webhook", "BOT_WEBHOOK_URL": "https://bot.example/bot/webhook",
                    "BOT_WEBHOOK_SECRET": "has space",
                ], "BOT_WEBHOOK_SECRET"
            ),
            (
                [
                    "BOT_MODE": "webhook", "BOT_WEBHOOK_URL": "https://bot.example/bot/webhook",
                    "BOT_WEBHOOK_SECRET": String(repeating: "a", count: 257),
                ], "BOT_WEBHOOK_SECRET"
            ),
            (["SEARXNG_URL": "searx.local"], "SEARXNG_URL"),
        ])
    func invalid(values: [String: String], key: String) {
        #expect {
            _ = try Self.resolve(values)
        } throws: { error in
            guard case .invalid(let failed, _) = error as? ConfigError else { return false }
            return failed == key
        }
    }

    @Test("SEARXNG_URL is optional")
    func searxng() throws {
        #expect(try Self.resolve([:]).searxngURL == nil)
        #expect(try Self.resolve(["SEARXNG_URL": "http://127.0.0.1:8888"]).searxngURL == "http://127.0.0.1:8888")
    }
}
