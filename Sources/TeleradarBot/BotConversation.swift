import Foundation
import TeleradarStorage

/// A conversation waiting for the user's next message, stored in the KV cache so it survives a restart.
package struct BotConversation: Sendable, Codable, Equatable {
    /// What the bot is waiting for.
    package enum Step: String, Sendable, Codable {
        /// The name of a channel to follow (after a bare `/add_channel`).
        case awaitingChannelName
        /// A search query (after a bare `/search`).
        case awaitingSearchQuery
    }

    /// What the bot is waiting for.
    package var step: Step
    /// When the conversation started.
    package var startedAt: Date

    /// A conversation at `step`, started at `startedAt`.
    package init(step: Step, startedAt: Date) {
        self.step = step
        self.startedAt = startedAt
    }
}

/// Reads and writes ``BotConversation``s per chat in the KV cache, with an expiry.
package struct BotConversationStore: Sendable {
    /// KV namespace of conversations.
    package static let namespace = "bot.conversation"
    /// The cache holding them.
    package let cache: KVCache
    /// How long an unanswered conversation is kept.
    package let ttl: Duration

    /// A store in `cache` whose conversations expire after `ttl`.
    package init(cache: KVCache, ttl: Duration = .seconds(15 * 60)) {
        self.cache = cache
        self.ttl = ttl
    }

    /// The conversation waiting in `chatID`, if any and not expired.
    package func get(chatID: Int64, now: Date = Date()) async throws -> BotConversation? {
        try await cache.getJSON(Self.namespace, String(chatID), as: BotConversation.self, now: now)
    }

    /// Starts (or replaces) the conversation of `chatID`.
    package func set(_ conversation: BotConversation, chatID: Int64, now: Date = Date()) async throws {
        try await cache.setJSON(Self.namespace, String(chatID), value: conversation, ttl: ttl, now: now)
    }

    /// Ends the conversation of `chatID`.
    package func clear(chatID: Int64) async throws {
        try await cache.delete(Self.namespace, String(chatID))
    }
}
