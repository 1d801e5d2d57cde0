import Foundation
import Testing

@testable import TeleradarApp

/// `TELEGRAM_API_ID` / `TELEGRAM_API_HASH`.
@Suite("Configuration: Telegram API credentials")
struct TelegramAPIConfigTests {
    @Test("both set: parsed, the hash redacted everywhere it is shown")
    func parsed() throws {
        let environment = TelegramLogin.environment
        let config = try AppConfig.resolve { environment[$0] }
        #expect(config.telegramAPI == TelegramAPICredentials(apiID: 12345, apiHash: "0123456789abcdef0123456789abcdef"))
        #expect(!"\(config.telegramAPI!)".contains("0123456789abcdef"))
        let summary = Dictionary(uniqueKeysWithValues: config.redactedSummary)
        #expect(summary["TELEGRAM_API_ID"] == "12345")
        #expect(summary["TELEGRAM_API_HASH"] == "***")
        #expect(try AppConfig.resolve { _ in nil }.telegramAPI == nil)
    }

    @Test(
        "one without the other or a malformed value is refused naming the variable",
        arguments: [
            (["TELEGRAM_API_ID": "12345"], "TELEGRAM_API_HASH"),
            (["TELEGRAM_API_HASH": "0123456789abcdef0123456789abcdef"], "TELEGRAM_API_ID"),
            (["TELEGRAM_API_ID": "-5", "TELEGRAM_API_HASH": "0123456789abcdef0123456789abcdef"], "TELEGRAM_API_ID"),
            (["TELEGRAM_API_ID": "12345", "TELEGRAM_API_HASH": "not-a-hash"], "TELEGRAM_API_HASH"),
        ])
    func refused(environment: [String: String], key: String) {
        do {
            _ = try AppConfig.resolve { environment[$0] }
            Issue.record("\(environment) was accepted")
        } catch {
            #expect(error.description.contains(key))
            #expect(!error.description.contains("0123456789abcdef"))
        }
    }
}
