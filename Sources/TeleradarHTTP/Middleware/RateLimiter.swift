import Foundation
import Synchronization

/// Fixed-window counters kept in memory, for the per-user limit every API request passes (a database write
/// per request would cost more than most reads it guards). Per process: behind N replicas a user gets N times
/// the limit; the per-route limits of costly routes are kept in the database and shared.
package final class MemoryRateLimiter: Sendable {
    private struct Window {
        var start: Int64
        var count: Int
    }
    private let windows = Mutex<[String: Window]>([:])

    package init() {}

    /// Counts one request under `key`. Returns nil when it is allowed, otherwise the seconds until the window
    /// ends (for `Retry-After`).
    package func consume(_ key: String, limit: Int, window: Duration, now: Date = Date()) -> Int? {
        let size = max(Int64(window.components.seconds) * 1000, 1000)
        let millis = Int64(now.timeIntervalSince1970 * 1000)
        let start = millis / size * size
        return windows.withLock { windows in
            if windows.count > 50_000 { windows = windows.filter { $0.value.start >= start } }
            var current = windows[key].flatMap { $0.start == start ? $0 : nil } ?? Window(start: start, count: 0)
            guard current.count < limit else { return max(1, Int((start + size - millis + 999) / 1000)) }
            current.count += 1
            windows[key] = current
            return nil
        }
    }
}
