import Foundation
import Logging
import ServiceLifecycle
import TeleradarApp
import TeleradarStorage
import TeleradarTelegram

/// The Telegram bot as a service: registers the command menu, then long-polls `getUpdates` and hands each
/// update to ``BotRouter``.
///
/// The polling offset lives in the KV cache and is advanced after each handled update, so a restart never
/// handles an update twice (a crash in the middle of one update may repeat that one update). On graceful
/// shutdown the pending long poll is cancelled and the update being handled is finished first.
/// Webhook mode is not implemented yet: the service always polls (and deletes a webhook at start).
package struct BotService: Service {
    /// KV namespace and key of the polling offset.
    package static let offsetNamespace = "bot"
    package static let offsetKey = "polling_offset"

    /// The Bot API client.
    package let client: BotAPIClient
    /// Handles updates.
    package let router: BotRouter
    /// Where the offset is kept.
    package let cache: KVCache
    /// Seconds a `getUpdates` call waits for updates.
    package let pollTimeout: Int
    /// Pause after a failed poll.
    package let retryDelay: Duration
    /// Logger.
    package let logger: Logger

    /// A bot over `context`, calling the Bot API through `client` with messages limited by `outbox`.
    package init(
        context: AppContext, client: BotAPIClient, outbox: BotOutbox = BotOutbox(), pollTimeout: Int = 30,
        retryDelay: Duration = .seconds(5), clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.client = client
        self.router = BotRouter(
            context: context, replier: BotReplier(client: client, outbox: outbox), logger: context.logger, clock: clock)
        self.cache = context.cache
        self.pollTimeout = pollTimeout
        self.retryDelay = retryDelay
        self.logger = context.logger
    }

    /// Registers commands, then polls until graceful shutdown or cancellation.
    package func run() async throws {
        do {
            try await start()
        } catch {
            logger.warning("bot: start-up calls failed; polling anyway", metadata: ["error": "\(error)"])
        }
        logger.info("bot: polling for updates", metadata: ["client": "\(client)"])
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                let updates = try await cancelWhenGracefulShutdown { try await fetch() }
                await process(updates)
            } catch is CancellationError {
                break
            } catch {
                logger.warning("bot: getUpdates failed", metadata: ["error": "\(error)"])
                do { try await cancelWhenGracefulShutdown { try await Task.sleep(for: retryDelay) } } catch { break }
            }
        }
        logger.info("bot: stopped")
    }

    /// Start-up calls: drop a webhook (polling and webhooks exclude each other) and set the command menus.
    package func start() async throws {
        try await client.deleteWebhook(dropPendingUpdates: false)
        try await client.setMyCommands(Self.commands(.en))
        try await client.setMyCommands(Self.commands(.ru), languageCode: "ru")
        try await client.setMyCommands(Self.commands(.en), languageCode: "en")
    }

    /// One long poll from the persisted offset.
    package func fetch() async throws -> [BotAPI.Update] {
        let offset = try await storedOffset()
        return try await client.getUpdates(
            offset: offset, limit: 100, timeout: pollTimeout, allowedUpdates: [.message, .callbackQuery])
    }

    /// Handles `updates` in order, persisting the offset after each; ones below the offset are skipped.
    package func process(_ updates: [BotAPI.Update]) async {
        var offset = (try? await storedOffset()) ?? nil
        for update in updates.sorted(by: { $0.updateID < $1.updateID }) {
            if let offset, update.updateID < offset { continue }
            await router.handle(update)
            offset = update.updateID + 1
            do {
                try await cache.setJSON(Self.offsetNamespace, Self.offsetKey, value: update.updateID + 1, ttl: nil)
            } catch {
                logger.error("bot: cannot persist the polling offset", metadata: ["error": "\(error)"])
            }
        }
    }

    /// One fetch and its handling (tests drive the bot with this); returns how many updates came.
    @discardableResult
    package func pollOnce() async throws -> Int {
        let updates = try await fetch()
        await process(updates)
        return updates.count
    }

    /// The next update id to ask for, if any update was handled before.
    package func storedOffset() async throws -> Int64? {
        try await cache.getJSON(Self.offsetNamespace, Self.offsetKey, as: Int64.self)
    }

    /// The command menu in `language` (admin commands are left out of the menu).
    package static func commands(_ language: BotLanguage) -> [BotAPI.BotCommand] {
        let entries: [(String, BotTextKey)] = [
            ("start", .cmdStart), ("help", .cmdHelp), ("login", .cmdLogin), ("add_channel", .cmdAddChannel),
            ("my_channels", .cmdMyChannels), ("remove_channel", .cmdRemoveChannel), ("ask", .cmdAsk),
            ("search", .cmdSearch), ("subscription", .cmdSubscription), ("token", .cmdToken), ("cancel", .cmdCancel),
        ]
        return entries.map { BotAPI.BotCommand(command: $0.0, description: BotTexts.render($0.1, language)) }
    }
}
