import Foundation

/// TDLib chats recently found not to be a followed channel, so that their messages do not ask TDLib
/// (`getChat`, `getSupergroup`) again and again. Entries expire, so a channel followed later is found.
package actor TDLibUnmatchedChats {
    /// How long a miss is remembered.
    package let ttl: TimeInterval
    /// Most chats remembered; the oldest misses are dropped beyond it.
    package let capacity: Int
    private var misses: [Int64: Date] = [:]

    /// A memory of misses kept `ttl` seconds.
    package init(ttl: TimeInterval = 600, capacity: Int = 10_000) {
        self.ttl = ttl
        self.capacity = capacity
    }

    /// Whether `chatID` missed less than `ttl` ago.
    package func contains(_ chatID: Int64, now: Date) -> Bool {
        guard let since = misses[chatID] else { return false }
        if now.timeIntervalSince(since) < ttl { return true }
        misses.removeValue(forKey: chatID)
        return false
    }

    /// Remembers a miss of `chatID` at `now`.
    package func insert(_ chatID: Int64, now: Date) {
        if misses.count >= capacity {
            let expired = misses.filter { now.timeIntervalSince($0.value) >= ttl }.keys
            for key in expired { misses.removeValue(forKey: key) }
            if misses.count >= capacity, let oldest = misses.min(by: { $0.value < $1.value })?.key {
                misses.removeValue(forKey: oldest)
            }
        }
        misses[chatID] = now
    }

    /// Forgets every miss (a channel was just followed).
    package func removeAll() {
        misses.removeAll()
    }
}
