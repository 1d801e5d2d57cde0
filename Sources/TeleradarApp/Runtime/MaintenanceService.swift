import Foundation
import Logging
import ServiceLifecycle
import TeleradarStorage

/// Housekeeping every few minutes, on one replica at a time (a lease): expired tiers fall back to free,
/// expired cache entries, finished rate windows and expired sessions are deleted.
package struct MaintenanceService: Service {
    package let context: AppContext
    package let interval: Duration
    private let holder = "maintenance-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"

    package init(context: AppContext, interval: Duration = .seconds(300)) {
        self.context = context
        self.interval = interval
    }

    package func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            await runOnce()
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: interval) }
        }
    }

    /// One pass; errors are logged, never fatal.
    package func runOnce(now: Date = Date()) async {
        do {
            guard try await context.leases.acquire("maintenance", holder: holder, ttl: interval, now: now) else {
                return
            }
            let expired = try await context.accounts.expireTiers(now: now)
            let cacheRows = try await context.cache.purgeExpired(now: now)
            let counters = try await RateCounterStore(database: context.database).purgeExpired(now: now)
            let sessions = try await SessionRepository(database: context.database).purgeExpired(now: now)
            if expired + cacheRows + counters + sessions > 0 {
                context.logger.info(
                    "maintenance",
                    metadata: [
                        "tiers_expired": "\(expired)", "cache_purged": "\(cacheRows)", "counters_purged": "\(counters)",
                        "sessions_purged": "\(sessions)",
                    ])
            }
        } catch {
            context.logger.error("maintenance failed", metadata: ["error": "\(error)"])
        }
    }
}
