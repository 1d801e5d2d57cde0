import Foundation
import Hummingbird
import Logging
import TeleradarApp

/// The request context of every Teleradar route.
package typealias TeleradarRequestContext = BasicRequestContext

/// Builds the HTTP application used by `teleradar serve` and by the tests (through HummingbirdTesting).
package func buildApplication(context: AppContext) -> some ApplicationProtocol {
    let router = buildRouter(context: context)
    return Application(
        router: router,
        configuration: ApplicationConfiguration(
            address: .hostname(context.config.httpHost, port: context.config.httpPort), serverName: "teleradar"),
        logger: context.logger)
}

/// The router with every route and middleware.
package func buildRouter(context: AppContext) -> Router<TeleradarRequestContext> {
    let router = Router(context: TeleradarRequestContext.self)
    router.add(middleware: ErrorMiddleware())
    HealthController(context: context).addRoutes(to: router)
    return router
}
