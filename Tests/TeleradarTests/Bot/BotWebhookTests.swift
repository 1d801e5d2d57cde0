import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import Testing

@testable import TeleradarApp
@testable import TeleradarBot
@testable import TeleradarHTTP
@testable import TeleradarTelegram

@Suite("Bot webhook")
struct BotWebhookTests {
    static let secret = BotWebhookSecret("s3cret_Token-42")!
    static let delivery = BotDelivery.webhook(url: "https://teleradar.example/bot/webhook", secret: secret)
    static let header = HTTPField.Name(BotWebhookSecret.headerName)!

    static func body(_ update: BotAPI.Update) throws -> ByteBuffer {
        ByteBuffer(bytes: try JSONEncoder().encode(update))
    }

    @Test("a missing or wrong secret gets a 401 JSON error and nothing is handled", arguments: Backend.allCases)
    func wrongSecret(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            let bot = try BotHarness(context: context)
            let service = bot.service(delivery: Self.delivery)
            let app = buildApplication(context: context, webhook: try #require(service.webhookEndpoint))
            // Mounted, so documented: every route of this router is in its /openapi.json and no other.
            let routes = Set(buildRouter(context: context, webhook: try #require(service.webhookEndpoint)).routes.map { "\($0.method.rawValue) \($0.path.description)" })
            #expect(routes.contains("POST /bot/webhook"))
            try await app.test(.router) { client in
                try await client.execute(uri: "/openapi.json", method: .get) { response in
                    let json = try #require(try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any])
                    var documented = Set<String>()
                    for (path, operations) in json["paths"] as? [String: [String: Any]] ?? [:] {
                        for method in operations.keys { documented.insert("\(method.uppercased()) \(path)") }
                    }
                    #expect(documented == routes)
                }
            }
            let update = bot.api.webhookUpdate("/start", from: BotUsers.bob)
            try await app.test(.router) { client in
                for headers: HTTPFields in [
                    [:], [Self.header: "wrong"], [Self.header: Self.secret.value + "x"], [Self.header: ""],
                ] {
                    try await client.execute(
                        uri: "/bot/webhook", method: .post, headers: headers, body: try Self.body(update)
                    ) { response in
                        #expect(response.status == .unauthorized)
                        let json = try JSONSerialization.jsonObject(with: Data(String(buffer: response.body).utf8)) as? [String: Any]
                        #expect(json?["error"] as? String == "unauthorized")
                        #expect((json?["message"] as? String)?.contains("X-Telegram-Bot-Api-Secret-Token") == true)
                    }
                }
                // The right secret with a body that is not an Update: 400, nothing handled.
                try await client.execute(
                    uri: "/bot/webhook", method: .post, headers: [Self.header: Self.secret.value],
                    body: ByteBuffer(string: "[1,2]")
                ) { response in
                    #expect(response.status == .badRequest)
                }
            }
            await service.dispatcher.waitUntilIdle()
            #expect(bot.api.calls.isEmpty)
            #expect(try await context.accounts.users.list(search: nil, limit: 10).isEmpty)
        }
    }

    @Test(
        "a valid /start is answered through the Bot API; the same update_id twice, even after a restart, once",
        arguments: Backend.allCases)
    func startAndDuplicates(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            let bot = try BotHarness(context: context)
            let bob = BotUsers.bob
            let update = bot.api.webhookUpdate("/start", from: bob)
            let first = bot.service(delivery: Self.delivery)
            let app = buildApplication(context: context, webhook: try #require(first.webhookEndpoint))
            try await app.test(.router) { client in
                for _ in 0..<2 {
                    try await client.execute(
                        uri: "/bot/webhook", method: .post, headers: [Self.header: Self.secret.value],
                        body: try Self.body(update)
                    ) { response in
                        #expect(response.status == .ok)
                    }
                }
            }
            await first.dispatcher.waitUntilIdle()
            #expect(bot.api.texts(to: bob.id).count == 1)
            #expect(bot.api.texts(to: bob.id).first?.contains("Hi, Bob &lt;b&gt;!") == true)

            // A restarted server receiving Telegram's redelivery of the same update does not answer again,
            // but a new update is answered.
            let second = bot.service(delivery: Self.delivery)
            let restarted = buildApplication(context: context, webhook: try #require(second.webhookEndpoint))
            let help = bot.api.webhookUpdate("/help", from: bob)
            try await restarted.test(.router) { client in
                for next in [update, help] {
                    try await client.execute(
                        uri: "/bot/webhook", method: .post, headers: [Self.header: Self.secret.value],
                        body: try Self.body(next)
                    ) { response in
                        #expect(response.status == .ok)
                    }
                }
            }
            await second.dispatcher.waitUntilIdle()
            #expect(bot.api.texts(to: bob.id) == [bot.api.texts(to: bob.id)[0], BotTexts.render(.help, .en)])
            #expect(bot.api.violations == [])
        }
    }

    @Test(
        "webhook mode calls setWebhook with the secret at start; polling mode deletes the webhook",
        arguments: [Backend.sqlite])
    func startUpCalls(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            let bot = try BotHarness(context: context)
            try await bot.service(delivery: Self.delivery).start()
            let set = try #require(bot.api.calls.first { $0.method == "setWebhook" })
            #expect(set.parameters["url"] as? String == "https://teleradar.example/bot/webhook")
            #expect(set.parameters["secret_token"] as? String == Self.secret.value)
            #expect(set.parameters["allowed_updates"] as? [String] == ["message", "callback_query"])
            #expect(!bot.api.calls.contains { $0.method == "deleteWebhook" || $0.method == "getUpdates" })
            #expect(bot.api.calls.filter { $0.method == "setMyCommands" }.count == 3)

            let polling = bot.service()
            #expect(polling.webhookEndpoint == nil)
            try await polling.start()
            #expect(bot.api.calls.contains { $0.method == "deleteWebhook" })
            #expect(bot.api.violations == [])
        }
    }

    @Test("the route exists only in webhook mode", arguments: [Backend.sqlite])
    func routeOnlyInWebhookMode(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            let bot = try BotHarness(context: context)
            let update = bot.api.webhookUpdate("/start", from: BotUsers.bob)
            try await buildApplication(context: context).test(.router) { client in
                try await client.execute(
                    uri: "/bot/webhook", method: .post, headers: [Self.header: Self.secret.value],
                    body: try Self.body(update)
                ) { response in
                    #expect(response.status == .notFound)
                }
            }
            #expect(bot.api.calls.isEmpty)
        }
    }
}

@Suite("Bot webhook: accepted updates survive a crash")
struct BotWebhookPendingTests {
    /// A gate the test opens to let a handler finish.
    final class Gate: Sendable {
        let stream: AsyncStream<Void>
        let continuation: AsyncStream<Void>.Continuation
        init() { (stream, continuation) = AsyncStream.makeStream() }
        func wait() async { for await _ in stream { return } }
        func open() { continuation.yield(()) }
    }

    @Test("an accepted update is kept until handled; a new process resumes it, once", arguments: Backend.allCases)
    func pendingAndResume(backend: Backend) async throws {
        try await TestContext.with(backend) { context in
            let bot = try BotHarness(context: context)
            let bob = BotUsers.bob
            let update = bot.api.webhookUpdate("/help", from: bob)
            let key = String(update.updateID)

            // While the handler runs, the update is pending; once done it is recorded as handled instead.
            let gate = Gate()
            let dispatcher = BotUpdateDispatcher(cache: context.cache, logger: context.logger, persistPending: true) {
                _ in
                await gate.wait()
            }
            #expect(await dispatcher.accept(update))
            #expect(try await context.cache.get(BotUpdateDispatcher.pendingNamespace, key) != nil)
            gate.open()
            await dispatcher.waitUntilIdle()
            #expect(try await context.cache.get(BotUpdateDispatcher.pendingNamespace, key) == nil)
            #expect(try await context.cache.get(BotUpdateDispatcher.handledNamespace, key) != nil)

            // A process killed after answering 200 left an update pending: the next start handles it, once.
            let orphan = bot.api.webhookUpdate("/start", from: bob)
            try await context.cache.setJSON(
                BotUpdateDispatcher.pendingNamespace, String(orphan.updateID), value: orphan, ttl: nil)
            let service = bot.service(delivery: BotWebhookTests.delivery)
            #expect(await service.dispatcher.resumePending() == 1)
            await service.dispatcher.waitUntilIdle()
            #expect(bot.api.texts(to: bob.id).count == 1)
            #expect(bot.api.texts(to: bob.id).first?.contains("Hi, Bob") == true)
            #expect(try await context.cache.entries(BotUpdateDispatcher.pendingNamespace).isEmpty)
            #expect(await service.dispatcher.resumePending() == 0)
            #expect(await service.dispatcher.accept(orphan) == false)
            #expect(bot.api.violations == [])
        }
    }
}
