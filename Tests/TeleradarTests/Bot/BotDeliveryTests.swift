import Foundation
import Logging
import ServiceLifecycle
import Testing
@testable import TeleradarApp
@testable import TeleradarBot
@testable import TeleradarStorage
@testable import TeleradarTelegram

@Suite("Bot delivery")
struct BotDeliveryTests {
    @Test("429 with retry_after 3 → delivered once, at least 3 s (fake time) later", arguments: Backend.allCases)
    func retryAfter(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            let bot = try BotHarness(context: context)
            bot.api.refuseNextSend(retryAfter: 3)
            let reply = try await bot.say("/help", from: BotUsers.bob, via: bot.service())
            #expect(reply == [BotTexts.render(.help, .en)])
            let sends = bot.api.calls.filter { $0.method == "sendMessage" }
            #expect(sends.count == 2)
            #expect(sends.map(\.accepted) == [false, true])
            #expect(sends[1].at - sends[0].at >= .seconds(3))
            #expect(sends[0].text == sends[1].text)
        }
    }

    @Test("a long answer is split under 4096 characters, keyboard on the last part", arguments: [Backend.sqlite])
    func splitting(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            let bot = try BotHarness(context: context)
            let replier = BotReplier(
                client: BotAPIClient(token: "1:T", baseURL: "https://bot.test", transport: bot.api),
                outbox: BotOutbox(clock: bot.clock.outboxClock))
            let paragraph = TelegramHTML.escape(String(repeating: "новость <b> & ", count: 60))
            let keyboard = BotAPI.InlineKeyboardMarkup([[.callback("ok", data: "x")]])
            try await replier.send(42, Array(repeating: paragraph, count: 10).joined(separator: "\n\n"), keyboard: keyboard)
            let sends = bot.api.messages(to: 42)
            #expect(sends.count >= 2)
            #expect(sends.allSatisfy { TelegramHTML.visibleLength($0.text ?? "") <= 4096 })
            #expect(sends.dropLast().allSatisfy { $0.buttons.isEmpty })
            #expect(sends.last?.buttons.count == 1)
            #expect(bot.api.violations == [])
        }
    }

    @Test("the service sets the command menus, polls, and stops on graceful shutdown", arguments: [Backend.sqlite])
    func serviceLifecycle(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            let bot = try BotHarness(context: context)
            let service = bot.service()
            bot.api.enqueue("/start", from: BotUsers.alice)
            let group = ServiceGroup(services: [service], logger: Logger(label: "bot-test"))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                for _ in 0..<500 where bot.api.texts(to: BotUsers.alice.id).isEmpty {
                    try await Task.sleep(for: .milliseconds(10))
                }
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            #expect(bot.api.texts(to: BotUsers.alice.id).count == 1)
            let menus = bot.api.calls.filter { $0.method == "setMyCommands" }
            #expect(Set(menus.compactMap { $0.parameters["language_code"] as? String }) == ["ru", "en"])
            let ru = try #require(menus.first { $0.parameters["language_code"] as? String == "ru" })
            let commands = try #require(ru.parameters["commands"] as? [[String: Any]])
            #expect(commands.first?["description"] as? String == "Начало работы")
            #expect(bot.api.violations == [])
        }
    }
}
