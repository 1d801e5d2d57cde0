import Foundation
import Logging
import ServiceLifecycle
import TeleradarApp
import TeleradarStorage
import TeleradarTelegram

/// The Telegram bot as a service: registers the command menu, then receives updates and hands each to
/// ``BotRouter``, in one of two modes (``BotDelivery``):
///
/// - **polling**: deletes any webhook, then long-polls `getUpdates`. Each batch goes through the same
///   ``BotUpdateDispatcher``; the offset lives in the KV cache and is advanced once the batch is handled, and
///   the dispatcher's record of handled ids means a restart never handles an update twice (a crash in the
///   middle of one update may repeat that one update).
/// - **webhook**: calls `setWebhook` with the URL, secret and allowed updates, then waits; the HTTP server's
///   `POST /bot/webhook` (see ``webhookEndpoint``) feeds the dispatcher.
///
/// Either way updates are handled one at a time per chat, in order, different chats in parallel, and an
/// update id handled before is skipped.
///
/// On graceful shutdown the pending long poll is cancelled and the updates being handled are finished first.
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
    /// Polling or webhook.
    package let delivery: BotDelivery
    /// Handles the updates of both modes (per chat in order, chats in parallel, each id once).
    package let dispatcher: BotUpdateDispatcher
    /// The update kinds the bot asks Telegram for.
    package static let allowedUpdates: [BotAPI.UpdateKind] = [.message, .callbackQuery]

    /// A bot over `context`, calling the Bot API through `client` with messages limited by `outbox`, receiving
    /// updates as `delivery` says.
    package init(
        context: AppContext, client: BotAPIClient, outbox: BotOutbox = BotOutbox(), delivery: BotDelivery = .polling,
        pollTimeout: Int = 30, retryDelay: Duration = .seconds(5), clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.client = client
        let router = BotRouter(
            context: context, replier: BotReplier(client: client, outbox: outbox), logger: context.logger, clock: clock)
        self.router = router
        self.cache = context.cache
        self.pollTimeout = pollTimeout
        self.retryDelay = retryDelay
        self.logger = context.logger
        self.delivery = delivery
        self.dispatcher = BotUpdateDispatcher(
            cache: context.cache, logger: context.logger, persistPending: delivery.mode == .webhook
        ) {
            await router.handle($0)
        }
    }

    /// What the HTTP server mounts at `POST /bot/webhook`; nil in polling mode.
    package var webhookEndpoint: BotWebhookEndpoint? {
        guard let secret = delivery.webhookSecret else { return nil }
        let dispatcher = dispatcher
        return BotWebhookEndpoint(secret: secret) { await dispatcher.accept($0) }
    }

    /// Registers commands, then polls (or, in webhook mode, waits for webhook calls) until graceful shutdown
    /// or cancellation.
    package func run() async throws {
        await notifySessionsReady()
        if case .webhook = delivery {
            try await runWebhook()
            return
        }
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

    /// Tells each user whose Telegram session a QR login made ready (with the tier it activated), from now on.
    package func notifySessionsReady() async {
        let router = router
        await router.context.telegramSessions.onSessionReady("bot") { await router.sessionReady($0) }
    }

    /// Webhook mode: resume the updates a killed process accepted but did not handle, `setWebhook` (retried
    /// until it succeeds), then wait for shutdown and finish the updates being handled. The updates themselves
    /// arrive through ``webhookEndpoint``.
    func runWebhook() async throws {
        await dispatcher.resumePending()
        var delay = retryDelay
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            do {
                try await start()
                logger.info("bot: receiving updates by webhook", metadata: ["url": "\(delivery.webhookURL ?? "")"])
                break
            } catch {
                let wait = delay
                logger.error("bot: setWebhook failed; retrying", metadata: ["error": "\(error)", "delay": "\(wait)"])
                do { try await cancelWhenGracefulShutdown { try await Task.sleep(for: wait) } } catch { break }
                delay = min(delay * 2, .seconds(300))
            }
        }
        try? await gracefulShutdown()
        await dispatcher.waitUntilIdle()
        logger.info("bot: stopped")
    }

    /// Start-up calls: `setWebhook` in webhook mode, otherwise drop a webhook (polling and webhooks exclude each
    /// other); then the command menus.
    package func start() async throws {
        switch delivery {
        case .polling:
            try await client.deleteWebhook(dropPendingUpdates: false)
        case .webhook(let url, let secret):
            try await client.setWebhook(url: url, secretToken: secret.value, allowedUpdates: Self.allowedUpdates)
        }
        try await client.setMyCommands(Self.commands(.en))
        try await client.setMyCommands(Self.commands(.ru), languageCode: "ru")
        try await client.setMyCommands(Self.commands(.en), languageCode: "en")
    }

    /// One long poll from the persisted offset.
    package func fetch() async throws -> [BotAPI.Update] {
        let offset = try await storedOffset()
        return try await client.getUpdates(
            offset: offset, limit: 100, timeout: pollTimeout, allowedUpdates: Self.allowedUpdates)
    }

    /// Handles a batch of `updates` through the ``dispatcher`` (one at a time per chat, chats in parallel),
    /// waits for all of them, then persists the offset past the batch. Updates below the stored offset are
    /// skipped; if the process dies in the middle of a batch, the refetched batch skips the ids the dispatcher
    /// recorded as handled.
    package func process(_ updates: [BotAPI.Update]) async {
        let offset = (try? await storedOffset()) ?? nil
        let fresh = updates.sorted { $0.updateID < $1.updateID }.filter { offset == nil || $0.updateID >= offset! }
        guard let last = fresh.last else { return }
        for update in fresh { await dispatcher.accept(update) }
        await dispatcher.waitUntilIdle()
        do {
            try await cache.setJSON(Self.offsetNamespace, Self.offsetKey, value: last.updateID + 1, ttl: nil)
        } catch {
            logger.error("bot: cannot persist the polling offset", metadata: ["error": "\(error)"])
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
            ("search", .cmdSearch), ("recommend", .cmdRecommend), ("subscription", .cmdSubscription),
            ("token", .cmdToken), ("cancel", .cmdCancel),
        ]
        return entries.map { BotAPI.BotCommand(command: $0.0, description: BotTexts.render($0.1, language)) }
    }
}
