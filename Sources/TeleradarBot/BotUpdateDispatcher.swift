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
package actor BotUpdateDispatcher {
    /// KV namespace of handled update ids.
    package static let handledNamespace = "bot.update-handled"
    /// How long a handled id is remembered (Telegram gives up redelivering well before).
    package static let handledTTL = Duration.seconds(3 * 86_400)

    private let handler: @Sendable (BotAPI.Update) async -> Void
    private let cache: KVCache
    private let logger: Logger
    /// Updates waiting per chat; a chat with an entry has a worker task running.
    private var queues: [Int64: [BotAPI.Update]] = [:]
    /// Ids accepted and not yet finished.
    private var inFlight: Set<Int64> = []
    /// Callers of ``waitUntilIdle()``.
    private var idleWaiters: [CheckedContinuation<Void, Never>] = []

    /// A dispatcher running `handler` for each accepted update, recording handled ids in `cache`.
    package init(cache: KVCache, logger: Logger, handler: @escaping @Sendable (BotAPI.Update) async -> Void) {
        self.cache = cache
        self.logger = logger
        self.handler = handler
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
            finish(id)
            return false
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
