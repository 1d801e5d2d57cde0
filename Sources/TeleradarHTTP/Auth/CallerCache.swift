import Foundation
import Synchronization

/// Recently authenticated callers by their `Authorization` header, for `ttl` (2 s by default), so a client
/// making many requests costs one token lookup and one user load per `ttl` instead of two queries per request.
///
/// Changes made through this process's API (logout, block, role, tier) clear it at once. Changes made
/// elsewhere — another replica, the CLI, the bot — take effect within `ttl`.
package final class CallerCache: Sendable {
    private struct Entry {
        var caller: Caller
        var expires: ContinuousClock.Instant
    }
    private let entries = Mutex<[String: Entry]>([:])
    package let ttl: Duration
    private let capacity: Int

    package init(ttl: Duration = .seconds(2), capacity: Int = 10_000) {
        self.ttl = ttl
        self.capacity = capacity
    }

    /// The cached caller for this header, if still fresh.
    package func caller(for header: String) -> Caller? {
        guard ttl > .zero else { return nil }
        let now = ContinuousClock.now
        return entries.withLock { entries in
            guard let entry = entries[header] else { return nil }
            guard entry.expires > now else {
                entries[header] = nil
                return nil
            }
            return entry.caller
        }
    }

    /// Remembers a caller.
    package func store(_ caller: Caller, for header: String) {
        guard ttl > .zero else { return }
        let expires = ContinuousClock.now + ttl
        entries.withLock { entries in
            if entries.count >= capacity {
                let now = ContinuousClock.now
                entries = entries.filter { $0.value.expires > now }
                if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            }
            entries[header] = Entry(caller: caller, expires: expires)
        }
    }

    /// Forgets everyone (after a change to users or credentials).
    package func removeAll() {
        entries.withLock { $0.removeAll(keepingCapacity: true) }
    }
}
