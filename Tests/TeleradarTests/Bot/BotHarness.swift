import Foundation
import Testing

@testable import TeleradarApp
@testable import TeleradarBot
@testable import TeleradarTelegram

/// A bot wired to a ``FakeBotAPI`` and a manual outbox clock, over a test ``AppContext``.
struct BotHarness {
    let context: AppContext
    let api: FakeBotAPI
    let clock: BotManualClock

    init(context: AppContext) throws {
        self.context = context
        let clock = BotManualClock()
        self.clock = clock
        api = try FakeBotAPI(now: { clock.now })
    }

    /// A fresh bot service (as after a restart) on the same database and fake API.
    func service(delivery: BotDelivery = .polling, now: @escaping @Sendable () -> Date = { Date() }) -> BotService {
        let client = BotAPIClient(token: "123456:TEST", baseURL: "https://bot.test", transport: api)
        return BotService(
            context: context, client: client, outbox: BotOutbox(clock: clock.outboxClock), delivery: delivery,
            pollTimeout: 0,
            retryDelay: .milliseconds(10), clock: now)
    }

    /// Polls until no update is left.
    func drain(_ service: BotService) async throws {
        var rounds = 0
        while try await service.pollOnce() > 0 {
            rounds += 1
            if rounds > 100 { Issue.record("updates never ran out"); return }
        }
    }

    /// Sends `text` from `user` and handles it; returns the texts the bot sent to that user meanwhile.
    @discardableResult
    func say(_ text: String, from user: BotAPI.User, via service: BotService) async throws -> [String] {
        let before = api.messages(to: user.id).count
        api.enqueue(text, from: user)
        try await drain(service)
        return Array(api.texts(to: user.id).dropFirst(before))
    }

    /// Presses a button and handles it; returns the texts sent or edited meanwhile.
    @discardableResult
    func press(_ data: String, from user: BotAPI.User, messageID: Int, via service: BotService) async throws -> [String]
    {
        let before = api.messages(to: user.id).count
        api.press(data, from: user, messageID: messageID)
        try await drain(service)
        return Array(api.texts(to: user.id).dropFirst(before))
    }

    /// The latest message to `user`.
    func last(to user: BotAPI.User) -> FakeBotAPI.Call? { api.messages(to: user.id).last }

    /// The 12-character invite code inside `text`.
    static func inviteCode(in text: String) -> String? {
        guard let range = text.range(of: #"<code>[A-Z0-9]{12}</code>"#, options: .regularExpression) else { return nil }
        return String(text[range].dropFirst(6).dropLast(7))
    }
}

/// Telegram users of the tests.
enum BotUsers {
    static let admin = BotAPI.User(id: 1001, firstName: "Admin", username: "boss", languageCode: "en")
    static let alice = BotAPI.User(id: 2002, firstName: "Алиса", username: "alice", languageCode: "ru")
    static let bob = BotAPI.User(id: 3003, firstName: "Bob <b>", username: "bob", languageCode: "en-US")
}
