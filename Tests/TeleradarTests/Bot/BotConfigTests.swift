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
        #expect(local.redactedSummary.contains { $0.0 == "TELEGRAM_BOT_API_BASE_URL" && $0.1 == "http://127.0.0.1:8081" })
        for bad in ["ftp://bot.example", "not a url", "https://"] {
            #expect(throws: ConfigError.self, "\(bad)") {
                _ = try AppConfig.resolve { $0 == "TELEGRAM_BOT_API_BASE_URL" ? bad : nil }
            }
        }
    }
}
