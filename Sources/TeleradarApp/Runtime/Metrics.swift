import Foundation
import Metrics
import Prometheus
import Synchronization
import TeleradarStorage

/// The process's metrics: swift-metrics backed by a Prometheus registry, bootstrapped once per process,
/// served at `/metrics`.
package enum TeleradarMetrics {
    /// The registry `/metrics` emits.
    package static let registry = PrometheusCollectorRegistry()
    private static let bootstrapped = Mutex(false)

    /// Routes swift-metrics to the Prometheus registry (once; later calls do nothing).
    package static func bootstrap() {
        bootstrapped.withLock { done in
            guard !done else { return }
            MetricsSystem.bootstrap(PrometheusMetricsFactory(registry: registry))
            done = true
        }
    }

    /// Refreshes the gauges read from the database (queue depth, users), then renders the text format.
    package static func render(database: Database) async -> String {
        if let counts = try? await JobQueue(database: database).counts(kind: "index_posts") {
            Gauge(label: "posts_in_queue_total").record(counts[.queued] ?? 0)
        }
        if let counts = try? await JobQueue(database: database).counts() {
            for status in Job.Status.allCases {
                Gauge(label: "queue_depth", dimensions: [("status", status.rawValue)]).record(counts[status] ?? 0)
            }
        }
        if let users = try? await UserRepository(database: database).count() {
            Gauge(label: "active_users_total").record(users)
        }
        return registry.emitToString()
    }
}
