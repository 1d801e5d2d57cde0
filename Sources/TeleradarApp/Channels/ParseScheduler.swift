import Foundation
import Logging
import ServiceLifecycle
import TeleradarStorage

/// Parses every followed channel every `interval` (30 min by default). The next run time is persisted, so
/// a restart neither misses nor repeats a run; the run itself holds a lease, so replicas never overlap.
package struct ParseScheduler: Service {
    package let ingestion: IngestionService
    package let schedules: ScheduleRepository
    package let interval: Duration
    package let logger: Logger
    private let holder = "parser-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString.prefix(8))"

    package init(ingestion: IngestionService, database: Database, interval: Duration, logger: Logger) {
        self.ingestion = ingestion
        schedules = ScheduleRepository(database: database)
        self.interval = interval
        self.logger = logger
    }

    package func run() async throws {
        while !Task.isShuttingDownGracefully, !Task.isCancelled {
            let wait = await tick()
            try? await cancelWhenGracefulShutdown { try await Task.sleep(for: wait) }
        }
    }

    /// Runs when due; returns how long to wait before looking again.
    package func tick(now: Date = Date()) async -> Duration {
        do {
            if let next = try await schedules.nextRun("parse"), next > now {
                return .seconds(min(max(next.timeIntervalSince(now), 1), 60))
            }
            guard let results = try await ingestion.runAll(holder: holder) else { return .seconds(60) }
            let stored = results.reduce(0) { $0 + $1.stored.inserted }
            let failed = results.filter { $0.error != nil }.count
            let deferred = results.reduce(0) { $0 + $1.deferred }
            let held = results.filter(\.heldBack).count
            var status = "\(results.count) channels, \(stored) new posts, \(failed) failed"
            if held > 0 { status += ", \(held) held back by posts/day (\(deferred) posts deferred)" }
            logger.info("parse run finished", metadata: ["result": "\(status)"])
            let finished = Date()
            try await schedules.recordRun(
                "parse", at: finished, next: finished.addingTimeInterval(Double(interval.components.seconds)),
                status: status)
        } catch {
            logger.error("parse run failed", metadata: ["error": "\(error)"])
            return .seconds(60)
        }
        return .seconds(1)
    }
}
