import Foundation
import Hummingbird
import Logging
import TeleradarApp
import TeleradarStorage
import TeleradarTelegram

/// Builds the HTTP application used by `teleradar serve` and by the tests (through HummingbirdTesting).
/// `webhook` (the bot in `BOT_MODE=webhook`) adds `POST /bot/webhook`; `rateLimits` defaults to the configuration's policy.
package func buildApplication(
    context: AppContext, webhook: BotWebhookEndpoint? = nil, rateLimits: RateLimitPolicy? = nil
) -> some ApplicationProtocol {
    Application(
        router: buildRouter(context: context, webhook: webhook, rateLimits: rateLimits),
        configuration: ApplicationConfiguration(
            address: .hostname(context.config.httpHost, port: context.config.httpPort), serverName: "teleradar"),
        logger: context.logger)
}

/// The router with every route and middleware; `POST /bot/webhook` only when `webhook` is given. Every route must
/// also be documented in `APIRouteDoc.all`.
package func buildRouter(
    context: AppContext, webhook: BotWebhookEndpoint? = nil, rateLimits: RateLimitPolicy? = nil
) -> Router<TeleradarRequestContext> {
    let router = Router(context: TeleradarRequestContext.self)
    router.add(middleware: ObservabilityMiddleware())
    router.add(middleware: ErrorMiddleware())
    router.add(middleware: BodyLimitMiddleware(maxBytes: context.config.maxBodyBytes))
    HealthController(context: context, checker: DependencyChecker(context: context)).addRoutes(to: router)
    DocsController(webhook: webhook != nil).addRoutes(to: router)
    MiniAppController().addRoutes(to: router)
    // POST /bot/webhook (Telegram webhook, secret-header auth; only in BOT_MODE=webhook): BotWebhookController.
    if let webhook { BotWebhookController(endpoint: webhook).addRoutes(to: router) }
    let callers = CallerCache()
    let api = router.group("api/v1")
        .add(middleware: AuthMiddleware(app: context, miniApp: miniAppAuthenticator(context.config), cache: callers))
        .add(middleware: RateLimitMiddleware(policy: rateLimits ?? .from(context.config), database: context.database))
    UserController(app: context, callers: callers).addRoutes(to: api)
    ChannelController(app: context).addRoutes(to: api)
    RAGController(app: context).addRoutes(to: api)
    AdminController(app: context, callers: callers).addRoutes(to: api)
    TelegramSessionController(app: context).addRoutes(to: api)
    return router
}

/// Validates `Authorization: tma <initData>` with the bot token (Telegram's HMAC rule, constant-time, with the
/// configured maximum age); nil when no bot token is configured.
func miniAppAuthenticator(_ config: AppConfig) -> (@Sendable (String) throws -> UserRepository.Profile)? {
    guard let token = config.botToken else { return nil }
    let validator = MiniAppInitDataValidator(botToken: token, maxAge: TimeInterval(config.miniAppInitDataMaxAge))
    return { initData in
        let data = try validator.validate(initData)
        guard let user = data.user else { throw MiniAppInitDataError.malformed(reason: "initData has no user") }
        return UserRepository.Profile(
            telegramID: user.id, username: user.username, firstName: user.firstName, lastName: user.lastName,
            language: user.languageCode)
    }
}
