import Foundation
import ServiceLifecycle
import Testing

@testable import TeleradarApp
@testable import TeleradarBot
@testable import TeleradarTelegram

@Suite("Bot webhook service lifecycle")
struct BotWebhookServiceTests {
    @Test(
        "run() retries setWebhook until it succeeds, takes webhook updates, and finishes them on graceful shutdown",
        arguments: Backend.allCases)
    func run(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            let bot = try BotHarness(context: context)
            let bob = BotUsers.bob
            bot.api.refuseNext("setWebhook", count: 2)
            let service = bot.service(delivery: BotWebhookTests.delivery)
            let endpoint = try #require(service.webhookEndpoint)
            let group = ServiceGroup(
                configuration: ServiceGroupConfiguration(
                    services: [.init(service: service)], logger: context.logger))
            try await withThrowingTaskGroup(of: Void.self) { tasks in
                tasks.addTask { try await group.run() }
                // Bounded wait for the start-up calls (no timing is asserted).
                for _ in 0..<1000 where bot.api.calls.filter({ $0.method == "setMyCommands" }).count < 3 {
                    try await Task.sleep(for: .milliseconds(10))
                }
                let setWebhooks = bot.api.calls.filter { $0.method == "setWebhook" }.map { $0.accepted }
                #expect(setWebhooks == [false, false, true])
                #expect(!bot.api.calls.contains { $0.method == "getUpdates" || $0.method == "deleteWebhook" })
                await endpoint.receive(bot.api.webhookUpdate("/help", from: bob))
                await group.triggerGracefulShutdown()
                try await tasks.waitForAll()
            }
            #expect(bot.api.texts(to: bob.id) == [BotTexts.render(.help, .en)])
            #expect(bot.api.violations == [])
        }
    }
}
