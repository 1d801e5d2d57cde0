import Foundation
import Logging
import TeleradarStorage
import TeleradarTelegram

/// Accepts updates as they arrive (webhook calls may come concurrently) and handles them in the
/// background: one at a time per chat, in arrival order, while different chats run in parallel.
///
/// Each `update_id` is handled at most once: ids being handled are remembered in memory, and a finished
/// id is recorded in the KV cache (for ``handledTTL``), so Telegram redelivering an update (because our
/// 200 got lost, or after a restart) does not run it again. An id is recorded after it was handled, so a
/// crash in the middle of an update lets a redelivery handle it again rather than lose it.
///
/// With `persistPending` (webhook mode, where Telegram forgets an update once it got its 200), an accepted
/// update is also kept in the KV cache until it has been handled, and ``resumePending()`` picks up what a
/// killed process left behind.
package actor BotUpdateDispatcher {
    /// KV namespace of handled update ids.
    package static let handledNamespace = "bot.update-handled"
    /// KV namespace of accepted, not yet handled updates (webhook mode).
    package static let pendingNamespace = "bot.update-pending"
    /// How long a handled id is remembered (Telegram gives up redelivering well before).
    package static let handledTTL = Duration.seconds(3 * 86_400)

    private let handler: @Sendable (BotAPI.Update) async -> Void
    private let cache: KVCache
    private let logger: Logger
    private let persistPending: Bool
    /// Updates waiting per chat; a chat with an entry has a worker task running.
    private var queues: [Int64: [BotAPI.Update]] = [:]
    /// Ids accepted and not yet finished.
    private var inFlight: Set<Int64> = []
    /// Callers of ``waitUntilIdle()``.
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []

    /// A dispatcher running `handler` for each accepted update, recording handled ids in `cache` (and, with
    /// `persistPending`, the accepted updates until they are handled).
    package init(
        cache: KVCache, logger: Logger, persistPending: Bool = false,
        handler: @escaping @Sendable (BotAPI.Update) async -> Void
    ) {
        self.cache = cache
        self.logger = logger
        self.persistPending = persistPending
        self.handler = handler
    }

    /// Accepts again the updates a previous process accepted but did not finish; returns how many.
    @discardableResult
    package func resumePending() async -> Int {
        let entries: [(key: String, value: Data)]
        do {
            entries = try await cache.entries(Self.pendingNamespace)
        } catch {
            logger.error("bot: cannot read pending updates", metadata: ["error": "\(error)"])
            return 0
        }
        let updates = entries.compactMap { try? JSONDecoder().decode(BotAPI.Update.self, from: $0.value) }
        var resumed = 0
        for update in updates.sorted(by: { $0.updateID < $1.updateID }) {
            if await accept(update) { resumed += 1 }
        }
        if resumed > 0 { logger.info("bot: resumed unfinished updates", metadata: ["count": "\(resumed)"]) }
        return resumed
    }

    /// The chat an update belongs to (its serialisation key).
    package static func chatKey(_ update: BotAPI.Update) -> Int64 {
        if let message = update.message ?? update.editedMessage ?? update.channelPost ?? update.editedChannelPost {
            return message.chat.id
        }
        if let query = update.callbackQuery { return query.message?.chat.id ?? query.from.id }
        return 0
    }

    /// Queues `update` behind the other updates of its chat; false (and nothing queued) when the id is being
    /// handled or was handled before. Returns without waiting for the handling.
    @discardableResult
    package func accept(_ update: BotAPI.Update) async -> Bool {
        let id = update.updateID
        guard !inFlight.contains(id) else { return false }
        inFlight.insert(id)
        let handled: Bool
        do {
            handled = try await cache.get(Self.handledNamespace, String(id)) != nil
        } catch {
            logger.warning("bot: cannot check a handled update id; handling it", metadata: ["error": "\(error)"])
            handled = false
        }
        guard !handled else {
            if persistPending { try? await cache.delete(Self.pendingNamespace, String(id)) }
            finish(id)
            return false
        }
        if persistPending {
            do {
                try await cache.setJSON(Self.pendingNamespace, String(id), value: update, ttl: Self.handledTTL)
            } catch {
                logger.error("bot: cannot keep an accepted update; handling it anyway", metadata: ["error": "\(error)"])
            }
        }
        let chat = Self.chatKey(update)
        if queues[chat] != nil {
            queues[chat]?.append(update)
        } else {
            queues[chat] = [update]
            Task { await self.drain(chat: chat) }
        }
        return true
    }

    /// Suspends until every accepted update has been handled.
    package func waitUntilIdle() async {
        guard !inFlight.isEmpty else { return }
        await withCheckedContinuation { idleWaiters.append($0) }
    }

    /// Handles the updates of `chat` one after another until its queue is empty.
    private func drain(chat: Int64) async {
        while let update = queues[chat]?.first {
            await handler(update)
            do {
                try await cache.set(
                    Self.handledNamespace, String(update.updateID), value: Data([1]), ttl: Self.handledTTL)
            } catch {
                logger.error("bot: cannot record a handled update id", metadata: ["error": "\(error)"])
            }
            if persistPending {
                do { try await cache.delete(Self.pendingNamespace, String(update.updateID)) } catch {
                    logger.warning("bot: cannot drop a handled pending update", metadata: ["error": "\(error)"])
                }
            }
            queues[chat]?.removeFirst()
            if queues[chat]?.isEmpty == true { queues[chat] = nil }
            finish(update.updateID)
        }
    }

    private func finish(_ id: Int64) {
        inFlight.remove(id)
        guard inFlight.isEmpty else { return }
        let waiters = idleWaiters
        idleWaiters = []
        for waiter in waiters { waiter.resume() }
    }
}
