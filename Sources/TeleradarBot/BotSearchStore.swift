import Foundation
import TeleradarStorage

/// Remembers the query of a `/search` under a short random token, so its buttons (whose `callback_data` is
/// limited to 64 bytes) can carry the token instead of the query. Kept in the KV cache, so the buttons
/// keep working after a restart until the entry expires.
package struct BotSearchStore: Sendable {
    /// One remembered search.
    package struct Entry: Sendable, Codable, Equatable {
        /// The query as the user typed it.
        package var query: String
        /// The Teleradar user who asked (a button pressed by someone else is refused).
        package var userID: Int64
    }

    /// KV namespace of searches.
    package static let namespace = "bot.search"
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789")

    /// The cache holding them.
    package let cache: KVCache
    /// How long the buttons of a search keep working.
    package let ttl: Duration

    /// A store in `cache` whose entries expire after `ttl`.
    package init(cache: KVCache, ttl: Duration = .seconds(86_400)) {
        self.cache = cache
        self.ttl = ttl
    }

    /// Keeps `query` for `userID` and returns its 12-character token.
    package func save(query: String, userID: Int64, now: Date = Date()) async throws -> String {
        var generator = SystemRandomNumberGenerator()
        let token = String(
            (0..<12).map { _ in Self.alphabet[Int(generator.next(upperBound: UInt(Self.alphabet.count)))] })
        try await cache.setJSON(Self.namespace, token, value: Entry(query: query, userID: userID), ttl: ttl, now: now)
        return token
    }

    /// The search saved under `token`, if it has not expired.
    package func get(token: String, now: Date = Date()) async throws -> Entry? {
        guard token.count == 12, token.allSatisfy({ Self.alphabet.contains($0) }) else { return nil }
        return try await cache.getJSON(Self.namespace, token, as: Entry.self, now: now)
    }
}
