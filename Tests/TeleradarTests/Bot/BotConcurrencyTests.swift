import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Synchronization
import Testing

@testable import TeleradarApp
@testable import TeleradarBot
@testable import TeleradarHTTP
@testable import TeleradarTelegram

@Suite("Bot updates: one at a time per chat")
struct BotConcurrencyTests {
    /// Records which updates run at the same time.
    final class Probe: Sendable {
        struct State {
            var active: [Int64: Int] = [:]
            var maxActive: [Int64: Int] = [:]
            var maxOverall = 0
            var order: [Int64: [Int64]] = [:]
        }
        let state = Mutex(State())

        func begin(_ update: BotAPI.Update) {
            state.withLock { state in
                let chat = BotUpdateDispatcher.chatKey(update)
                state.active[chat, default: 0] += 1
                state.maxActive[chat] = max(state.maxActive[chat] ?? 0, state.active[chat]!)
                state.maxOverall = max(state.maxOverall, state.active.values.reduce(0, +))
                state.order[chat, default: []].append(update.updateID)
            }
        }

        func end(_ update: BotAPI.Update) {
            state.withLock { $0.active[BotUpdateDispatcher.chatKey(update), default: 0] -= 1 }
        }
    }

    static let users = (1...3).map { BotAPI.User(id: Int64(5000 + $0), firstName: "User \($0)", languageCode: "en") }

    @Test("updates of one chat never overlap and keep their order; duplicates run once", arguments: Backend.allCases)
    func dispatcher(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            let api = try FakeBotAPI()
            let probe = Probe()
            let dispatcher = BotUpdateDispatcher(cache: context.cache, logger: context.logger) { update in
                probe.begin(update)
                try? await Task.sleep(for: .milliseconds(5))
                probe.end(update)
            }
            var updates: [BotAPI.Update] = []
            for round in 0..<8 {
                for user in Self.users { updates.append(api.webhookUpdate("message \(round)", from: user)) }
            }
            for update in updates { await dispatcher.accept(update) }
            // Redeliveries arriving concurrently, while the first deliveries may still run.
            await withTaskGroup(of: Void.self) { group in
                for update in updates { group.addTask { await dispatcher.accept(update) } }
            }
            await dispatcher.waitUntilIdle()
            let state = probe.state.withLock { $0 }
            for user in Self.users {
                #expect(state.maxActive[user.id] == 1)
                let expected = updates.filter { $0.message?.chat.id == user.id }.map(\.updateID)
                #expect(state.order[user.id] == expected)
            }
            #expect(await dispatcher.accept(updates[0]) == false)
        }
    }

    @Test(
        "webhook deliveries of one chat run in order: a name right after /add_channel is the answer",
        arguments: Backend.allCases)
    func webhookConversationOrder(backend: Backend) async throws {
        try await FakeTelegramWeb.withServer { web in
            try await TestContext.with(backend, environment: ["TELEGRAM_WEB_BASE_URL": web]) { context in
                let bot = try BotHarness(context: context)
                let bob = BotUsers.bob
                _ = try await context.accounts.grant(telegramID: bob.id, tier: .basic, days: nil, by: nil)
                let secret = BotWebhookSecret("order-secret")!
                let service = bot.service(
                    delivery: .webhook(url: "https://teleradar.example/bot/webhook", secret: secret))
                let app = buildApplication(context: context, webhook: try #require(service.webhookEndpoint))
                let header = HTTPField.Name(BotWebhookSecret.headerName)!
                let updates = [
                    bot.api.webhookUpdate("/add_channel", from: bob), bot.api.webhookUpdate("smallchan", from: bob),
                ]
                try await app.test(.router) { client in
                    for update in updates {
                        try await client.execute(
                            uri: "/bot/webhook", method: .post, headers: [header: secret.value],
                            body: ByteBuffer(bytes: try JSONEncoder().encode(update))
                        ) { response in
                            #expect(response.status == .ok)
                        }
                    }
                }
                await service.dispatcher.waitUntilIdle()
                let texts = bot.api.texts(to: bob.id)
                #expect(texts.count == 2)
                #expect(texts.first == BotTexts.render(.addChannelAsk, .en))
                #expect(texts.last?.contains("Channel @smallchan added") == true)
                #expect(bot.api.violations == [])
            }
        }
    }

    @Test(
        "a polled batch with two chats keeps each chat's order and records the offset past the batch",
        arguments: Backend.allCases)
    func pollingBatch(backend: Backend) async throws {
        try await FakeTelegramWeb.withServer { web in
            try await TestContext.with(backend, environment: ["TELEGRAM_WEB_BASE_URL": web]) { context in
                let bot = try BotHarness(context: context)
                let alice = BotUsers.alice, bob = BotUsers.bob
                for user in [alice, bob] {
                    _ = try await context.accounts.grant(telegramID: user.id, tier: .basic, days: nil, by: nil)
                }
                bot.api.enqueue("/add_channel", from: alice)
                bot.api.enqueue("/add_channel", from: bob)
                bot.api.enqueue("smallchan", from: alice)
                let last = bot.api.enqueue("chan_one", from: bob)
                let service = bot.service()
                #expect(try await service.pollOnce() == 4)
                #expect(try await service.storedOffset() == last + 1)
                #expect(bot.api.texts(to: alice.id).last?.contains("Канал @smallchan добавлен") == true)
                #expect(bot.api.texts(to: bob.id).last?.contains("Channel @chan_one added") == true)
                #expect(try await service.pollOnce() == 0)
                #expect(bot.api.texts(to: alice.id).count == 2 && bot.api.texts(to: bob.id).count == 2)
                #expect(bot.api.violations == [])
            }
        }
    }
}
