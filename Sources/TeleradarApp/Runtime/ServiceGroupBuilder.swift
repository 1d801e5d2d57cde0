import Logging
import ServiceLifecycle

/// The composition root's last step: one `ServiceGroup` with the database first, then workers and
/// schedulers, then the interfaces (HTTP last, so it stops accepting first on SIGTERM/SIGINT).
package func buildServiceGroup(
    context: AppContext, workers: [any Service] = [], interfaces: [any Service]
) -> ServiceGroup {
    let services: [any Service] = [DatabaseService(database: context.database)] + workers + interfaces
    return ServiceGroup(
        configuration: ServiceGroupConfiguration(
            services: services.map { ServiceGroupConfiguration.ServiceConfiguration(service: $0) },
            gracefulShutdownSignals: [.sigterm, .sigint],
            logger: context.logger))
}
