import Foundation
import Hummingbird
import Logging
import TeleradarApp

/// Builds the HTTP application used by `teleradar serve` and by the tests (through HummingbirdTesting).
package func buildApplication(context: AppContext) -> some ApplicationProtocol {
    Application(
        router: buildRouter(context: context),
        configuration: ApplicationConfiguration(
            address: .hostname(context.config.httpHost, port: context.config.httpPort), serverName: "teleradar"),
        logger: context.logger)
}

/// The router with every route and middleware.
package func buildRouter(context: AppContext) -> Router<TeleradarRequestContext> {
    let router = Router(context: TeleradarRequestContext.self)
    router.add(middleware: ErrorMiddleware())
    router.add(middleware: BodyLimitMiddleware(maxBytes: context.config.maxBodyBytes))
    HealthController(context: context).addRoutes(to: router)
    let api = router.group("api/v1").add(middleware: AuthMiddleware(app: context))
    UserController(app: context).addRoutes(to: api)
    ChannelController(app: context).addRoutes(to: api)
    return router
}
